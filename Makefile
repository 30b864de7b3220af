# The README's two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench check lint format messages clean demo-reset

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# `make run` needs only the app's packages; `make test` adds the test tools.
$(VENV)/.installed-app: pyproject.toml | $(VENV)/bin/python
	@echo "Installing the app's packages into $(VENV) (first run only, about a minute)..."
	$(PY) -m pip install --progress-bar on --disable-pip-version-check "."
	@touch $@

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	@echo "Installing the app's and the test tools' packages into $(VENV)..."
	$(PY) -m pip install --quiet --disable-pip-version-check ".[test]"
	@touch $@ $(VENV)/.installed-app

## run: start the app on an embedded SQLite database with demo data
run: export DEBUG ?= true
run: $(VENV)/.installed-app
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_units --skip-if-loaded
	$(PY) manage.py seed_demo --if-empty
	@echo ""
	@echo "  ANTQ Festival: http://$(HOST):$(PORT)/"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

## demo-reset: delete the demo database and media; the next `make run` loads fresh demo data
demo-reset:
	rm -rf var/antq.sqlite3 var/media var/private
	@echo "Demo data deleted; \`make run\` loads it again."

## test: lint, checks and the whole test suite on PostgreSQL
test: $(VENV)/.installed
	./scripts/with-postgres $(MAKE) --no-print-directory check

check:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest --cov

## bench: measure every page at national scale (BENCH_SCALE, default 1.0) in the database antq_bench
bench: export BENCH_SCALE ?= 1.0
bench: $(VENV)/.installed-app
	./scripts/with-postgres $(PY) -m bench

lint: $(VENV)/.installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## messages: refresh the .po files (needs GNU gettext) and compile them
messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale vi --ignore ".venv/*" --ignore "var/*" --no-obsolete
	$(PY) manage.py compile_translations

clean:
	rm -rf $(VENV) var
