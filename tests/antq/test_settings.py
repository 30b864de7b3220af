import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-0123456789"


def load_settings(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="antq.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "antq.example.vn"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "antq.example.vn"}, "SECRET_KEY must be set"),
        (
            {"SECRET_KEY": "django-insecure-" + "x" * 40, "ALLOWED_HOSTS": "antq.example.vn"},
            "SECRET_KEY must be set",
        ),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS must list"),
    ],
)
def test_settings_refuse_insecure_production_config(env, message):
    result = load_settings(DEBUG="false", **env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "started" not in result.stdout


def test_settings_accept_secure_production_config():
    result = load_settings(DEBUG="false", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="antq.example.vn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_settings_allow_development_defaults_in_debug():
    result = load_settings(DEBUG="true")
    assert result.returncode == 0, result.stderr


def run_manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_manage_py_without_configuration_runs_in_development_mode():
    result = run_manage("check")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_manage_py_of_a_deployment_keeps_the_production_checks():
    result = run_manage("check", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr
