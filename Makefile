# The README's two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check lint format messages clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet ".[test]"
	@touch $@

## run: start the app on an embedded SQLite database with demo data
run: export DEBUG ?= true
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_units --skip-if-loaded
	$(PY) manage.py seed_demo --if-empty
	@echo ""
	@echo "  ANTQ Festival: http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password demo-pass-2026): demo-admin, demo-district, demo-commune, demo-commune-other"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

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

lint: $(VENV)/.installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

## messages: refresh the .po files (needs GNU gettext) and compile them
messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale vi --ignore ".venv/*" --ignore "var/*" --no-obsolete
	$(PY) manage.py compile_translations

clean:
	rm -rf $(VENV) var
