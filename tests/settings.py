"""Test settings: the project's settings, run on PostgreSQL, with a few values overridden."""

import os
from pathlib import Path

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-for-the-check-0123")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from antq.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SECURE_PROXY_SSL_HEADER = None
# The test client and live servers speak plain HTTP.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The real Celery worker (tests/fixtures/celery.py) writes its mail to files the test reads.
if os.environ.get("ANTQ_TEST_EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["ANTQ_TEST_EMAIL_FILE_PATH"]
MEDIA_ROOT = Path(os.environ.get("ANTQ_TEST_MEDIA_ROOT", VAR_DIR / "test-media"))  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("ANTQ_TEST_PRIVATE_MEDIA_ROOT", VAR_DIR / "test-private")  # noqa: F405
)
if not OBJECT_STORAGE:  # noqa: F405  (a worker given STORAGE_URL keeps the bucket)
    STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
# Serve static files from the apps and packages, as in development: no collectstatic in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A test database of the project's own, so that another project's suite on the same server never
# meets it; ANTQ_TEST_DB_SUFFIX lets two checkouts run their suites side by side.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": "test_antq_festival" + os.environ.get("ANTQ_TEST_DB_SUFFIX", "")
}
# A second database on SQLite, the engine of `make run`, for the few tests of what only SQLite
# does (tests/awards/test_export_sqlite.py). It is created only in a run that has such a test;
# the default test database stays PostgreSQL. A file, so that a second connection can see it.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405  (a clean clone has no var/ yet)
DATABASES["sqlite"] = {  # noqa: F405
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": VAR_DIR / "test-sqlite.sqlite3",  # noqa: F405
    "TEST": {
        "NAME": VAR_DIR / f"test-sqlite{os.environ.get('ANTQ_TEST_DB_SUFFIX', '')}.sqlite3"  # noqa: F405
    },
}

# Tasks run eagerly in the test process. The real Celery worker some tests start
# (tests/fixtures/celery.py) is given its broker, the test database's name and the media folders
# through the environment.
CELERY_WORKER_TEST_DATABASE = os.environ.get("ANTQ_TEST_WORKER_DATABASE", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_WORKER_TEST_DATABASE
if CELERY_WORKER_TEST_DATABASE:
    DATABASES["default"]["NAME"] = CELERY_WORKER_TEST_DATABASE  # noqa: F405
else:
    CELERY_BROKER_URL = ""
# Public responses are not kept by caches under tests (the tests of caching set their own).
PUBLIC_CACHE_SECONDS = 0
