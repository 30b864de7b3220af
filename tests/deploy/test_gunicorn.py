"""deploy/gunicorn.conf.py loads in gunicorn and takes its figures from the environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _print_config(**env):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "deploy/gunicorn.conf.py",
            "--print-config",
            "antq.wsgi",
        ],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    pairs = (line.split(" = ", 1) for line in result.stdout.splitlines() if " = " in line)
    return {name.strip(): value.strip() for name, value in pairs}


def test_gunicorn_config_reads_the_environment():
    config = _print_config(GUNICORN_BIND="127.0.0.1:8123", GUNICORN_WORKERS="3")

    assert config["bind"] == "['127.0.0.1:8123']"
    assert config["workers"] == "3"
    assert config["worker_class"] == "gthread"
    assert config["preload_app"] == "True"
