"""Settings for `make bench`: the production settings (DEBUG off, the database pool, Redis when
REDIS_URL is set), served over plain HTTP on the loopback, with a middleware that tells the
client how many queries each response took and a bare view to compare pages with."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ["DEBUG"] = "false"

from antq.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
ROOT_URLCONF = "bench.urls"
# Plain HTTP on 127.0.0.1: no redirect to HTTPS, cookies sent without TLS.
SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# One client signs in again at every run.
AXES_ENABLED = False
# The benchmark measures public pages as kept for visitors and, with this header, as made.
PAGE_CACHE_BYPASS_HEADER = "X-Bench-Page-Cache-Bypass"
