"""Readiness: whether the services the app needs answer (/healthz/ready).

Every database alias (the primary, then each read replica) is checked, then each entry of
`settings.READINESS_CHECKS`, a mapping of a name to the dotted path of a function that returns
when its service answers and raises (anything) when it does not. Another module plugs a check in
by adding an entry there. The checks run side by side, each within `READINESS_TIMEOUT` seconds;
one that has not answered by then counts as failed.
"""

import logging
from concurrent.futures import ThreadPoolExecutor, wait

from django.conf import settings
from django.core.files.storage import storages
from django.db import connections
from django.urls import resolve
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

PROBE_NAME = "readiness-probe"


def database_ping(alias):
    """One `SELECT 1` on the database `alias` (through its connection pool)."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        # The check runs in a thread of its own: hand the connection back.
        connections[alias].close()


def redis_ping():
    """PING the Redis server of the cache and sessions (REDIS_URL)."""
    import redis

    timeout = settings.READINESS_TIMEOUT
    client = redis.Redis.from_url(
        settings.REDIS_URL, socket_timeout=timeout, socket_connect_timeout=timeout
    )
    try:
        client.ping()
    finally:
        client.close()


def broker_ping():
    """Connect to the task broker (CELERY_BROKER_URL: Redis, RabbitMQ…) through kombu, as the
    workers do. Nothing to check without a broker (tasks run in the web process)."""
    url = getattr(settings, "CELERY_BROKER_URL", "")
    if not url:
        return
    from kombu import Connection

    timeout = settings.READINESS_TIMEOUT
    connection = Connection(
        url,
        connect_timeout=timeout,
        transport_options={"socket_timeout": timeout, "socket_connect_timeout": timeout},
    )
    try:
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0)
        connection.default_channel  # noqa: B018 (opening a channel is the check)
    finally:
        connection.release()


def storage_ping():
    """Ask the public and the private storage whether they answer: on object storage
    (STORAGE_URL) whether the bucket is there and the key may use it (HEAD on the bucket, which
    fails for a bucket that is missing, unlike a HEAD on a file); on the filesystem whether a
    file exists (a look at the folder)."""
    from storages.backends.s3 import S3Storage

    for alias in ("public", "private"):
        storage = storages[alias]
        if isinstance(storage, S3Storage):
            storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        else:
            storage.exists(PROBE_NAME)


def readiness_checks():
    """{name: function} of everything /healthz/ready checks, in the order it reports them."""
    checks = {}
    # The primary and its replicas; other aliases (a test's SQLite file) are not the app's.
    for alias in ["default", *getattr(settings, "DATABASE_REPLICAS", [])]:
        name = "database" if alias == "default" else alias
        checks[name] = lambda alias=alias: database_ping(alias)
    for name, path in settings.READINESS_CHECKS.items():
        checks[name] = import_string(path)
    return checks


def readiness():
    """{name: "ok" | "unavailable"} for every check; the reasons go to the log, not the answer."""
    checks = readiness_checks()
    executor = ThreadPoolExecutor(max_workers=len(checks), thread_name_prefix="readiness")
    futures = {name: executor.submit(check) for name, check in checks.items()}
    wait(futures.values(), timeout=settings.READINESS_TIMEOUT)
    # A check still waiting is left to finish on its own; the answer does not wait for it.
    executor.shutdown(wait=False, cancel_futures=True)
    results = {}
    for name, future in futures.items():
        if not future.done():
            logger.warning("Readiness: %s did not answer in time", name)
            results[name] = "unavailable"
        elif future.exception() is not None:
            logger.warning("Readiness: %s failed: %r", name, future.exception())
            results[name] = "unavailable"
        else:
            results[name] = "ok"
    return results


# Answered before the session, authentication, CSRF and HTTPS middleware: a probe never reads a
# session or a user, and a load balancer may ask over plain HTTP by the server's address.
PROBE_PATHS = frozenset({"/healthz", "/healthz/ready", "/metrics"})


class ProbeMiddleware:
    """Answers the probe paths with their views straight away (early in MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info not in PROBE_PATHS:
            return self.get_response(request)
        match = resolve(request.path_info)
        request.resolver_match = match
        return match.func(request, *match.args, **match.kwargs)
