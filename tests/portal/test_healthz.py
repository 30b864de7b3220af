"""Liveness (/healthz) and readiness (/healthz/ready, core.health)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def failing_check():
    raise ConnectionError("no answer")


def test_healthz_answers_while_the_process_runs(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_ready_names_every_service_that_answers(client, db):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "storage": "ok", "broker": "ok"},
    }


def test_ready_is_503_naming_the_service_that_failed(client, db, settings):
    settings.READINESS_CHECKS = {**settings.READINESS_CHECKS, "search": f"{__name__}.failing_check"}

    response = client.get("/healthz/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "failed": ["search"],
        "checks": {"database": "ok", "storage": "ok", "broker": "ok", "search": "unavailable"},
    }


def test_ready_checks_redis_and_the_broker_when_they_are_configured(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # nothing listens on port 9
    settings.READINESS_CHECKS = {
        **settings.READINESS_CHECKS,
        "redis": "core.health.redis_ping",
    }

    response = client.get("/healthz/ready")

    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]
    assert response.json()["checks"]["redis"] == "ok"


def test_ready_checks_an_amqp_broker_by_its_port(client, db, settings):
    settings.CELERY_BROKER_URL = "amqp://guest:guest@127.0.0.1:9//"
    assert client.get("/healthz/ready").json()["failed"] == ["broker"]


def test_ready_asks_no_session_and_signs_nobody_in(client, db, django_assert_num_queries):
    client.cookies["sessionid"] = "not-a-session"
    # The one query is the readiness probe's own SELECT 1, in a thread of its own.
    with django_assert_num_queries(0):
        response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_healthz_and_ready_while_the_database_is_down():
    # A real process whose database URL points at a port where nothing listens.
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "c = Client();"
        "r = c.get('/healthz'); print(r.status_code); print(r.content.decode());"
        "r = c.get('/healthz/ready'); print(r.status_code); print(r.content.decode())"
    )
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL="postgres://postgres@127.0.0.1:9/antq",
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    lines = result.stdout.strip().splitlines()
    assert lines[:2] == ["200", '{"status": "ok"}'], result.stderr
    assert lines[2] == "503"
    assert json.loads(lines[3]) == {
        "status": "error",
        "failed": ["database"],
        "checks": {"database": "unavailable", "storage": "ok", "broker": "ok"},
    }
