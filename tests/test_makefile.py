"""The README's commands, as make would run them on a fresh clone (`make -n -B` prints, runs nothing)."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_dry_run(target):
    result = subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_make_run_installs_only_the_apps_packages_and_prints_the_logins_once():
    commands = make_dry_run("run")

    assert 'pip install --progress-bar on --disable-pip-version-check "."' in commands
    assert ".[test]" not in commands
    assert "Demo logins" not in commands  # seed_demo prints them, once
    assert "manage.py seed_demo --if-empty" in commands


def test_make_test_installs_the_test_tools():
    assert '".[test]"' in make_dry_run("test")


def test_make_demo_reset_deletes_only_the_demo_database_and_media():
    assert "rm -rf var/antq.sqlite3 var/media var/private" in make_dry_run("demo-reset")
