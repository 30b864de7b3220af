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
        # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; no deployment does.
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
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


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "pR0d-" + "x7Qk9mZ2vL" * 6,
    "ALLOWED_HOSTS": "antq.example.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://antq.example.gov.vn",
    "DATABASE_URL": "postgres://antq:secret@127.0.0.1:5432/antq",
}


def test_check_deploy_is_clean_with_the_documented_production_environment():
    # The README's production environment: nothing else set (HTTPS, HSTS, cookies by default).
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def production_setting(name, **env):
    """The value of setting `name` in a production process with `env` on top of PRODUCTION."""
    result = run_manage(
        "shell", "-c", f"from django.conf import settings; print(repr(settings.{name}))",
        **PRODUCTION, **env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_production_redirects_to_https_and_sends_hsts_for_a_year_by_default():
    assert production_setting("SECURE_SSL_REDIRECT") == "True"
    assert production_setting("SECURE_HSTS_SECONDS") == "31536000"
    assert production_setting("SECURE_HSTS_INCLUDE_SUBDOMAINS") == "True"
    assert production_setting("SECURE_HSTS_PRELOAD") == "True"
    assert production_setting("SECURE_REDIRECT_EXEMPT") == "['^healthz$']"


def test_https_settings_come_from_the_environment():
    assert production_setting("SECURE_HSTS_SECONDS", SECURE_HSTS_SECONDS="300") == "300"
    assert production_setting("SECURE_SSL_REDIRECT", SECURE_SSL_REDIRECT="false") == "False"
    assert production_setting("SECURE_HSTS_PRELOAD", SECURE_HSTS_PRELOAD="false") == "False"


def test_photo_pixel_limit_is_40_megapixels_unless_configured():
    assert production_setting("PHOTO_MAX_PIXELS") == "40000000"
    assert production_setting("PHOTO_MAX_PIXELS", PHOTO_MAX_MEGAPIXELS="25") == "25000000"


def test_an_address_alone_is_throttled_with_a_higher_limit():
    assert (
        production_setting("AXES_LOCKOUT_PARAMETERS")
        == "[['username', 'ip_address'], 'ip_address']"
    )
    assert production_setting("AXES_ADDRESS_FAILURE_LIMIT") == "30"
    assert production_setting("AXES_FAILURE_LIMIT") == "5"


def test_tasks_run_eagerly_without_a_broker_and_use_redis_as_the_broker_when_set():
    without = {"REDIS_URL": "", "CELERY_BROKER_URL": ""}
    assert production_setting("CELERY_TASK_ALWAYS_EAGER", **without) == "True"
    redis = {**without, "REDIS_URL": "redis://10.0.0.13:6379/0"}
    assert production_setting("CELERY_BROKER_URL", **redis) == "'redis://10.0.0.13:6379/0'"
    assert production_setting("CELERY_TASK_ALWAYS_EAGER", **redis) == "False"
    rabbit = {**without, "CELERY_BROKER_URL": "amqp://antq:secret@10.0.0.14//"}
    assert production_setting("CELERY_BROKER_URL", **rabbit) == "'amqp://antq:secret@10.0.0.14//'"


def test_every_connection_runs_without_postgresql_jit(db):
    """The machine's PostgreSQL compiles queries by default; the app's connections say not to
    (DATABASE_SESSION_OPTIONS), whatever the server's configuration."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'jit' AND source = 'default'")
        # The server's own default is still on: it is the connection that turns it off.
        assert cursor.fetchall() in ([("on",)], [])
