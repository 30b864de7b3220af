"""Read replicas: the reads of public pages go to a replica, everything else to the primary.

`DATABASE_REPLICA_URLS` (antq/settings.py) adds the aliases `replica_1`, `replica_2`, … and lists
them in `DATABASE_REPLICAS`. `ReplicaRoutingMiddleware` decides per request: an anonymous GET or
HEAD outside /manage/, from a browser that has not written in the last `DATABASE_REPLICA_PIN_SECONDS`,
reads from one replica (chosen once for the whole request); `ReplicaRouter` follows that choice.
Writes, staff pages, signed-in visitors and the reads just after a write (the visitor must see
what they saved, not a replica that is a moment behind) go to the primary. A request that writes
is moved to the primary for the rest of the request, and its answer carries a short-lived cookie
that keeps the browser on the primary for the following requests.
"""

import contextvars
import random
import time

from django.conf import settings

PRIMARY = "default"
PIN_COOKIE = "antq_primary"

# The replica alias this request reads from, or None (the primary).
_read_alias = contextvars.ContextVar("antq_read_alias", default=None)
# Set to True by the router when the request writes (a mutable cell per request).
_wrote = contextvars.ContextVar("antq_wrote", default=None)


def replica_aliases():
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def read_alias():
    """The alias the current request reads from ("default" outside a replica-routed request)."""
    return _read_alias.get() or PRIMARY


class ReplicaRouter:
    """Reads follow the request's choice (ReplicaRoutingMiddleware), writes go to the primary."""

    def db_for_read(self, model, **hints):
        return _read_alias.get() or PRIMARY

    def db_for_write(self, model, **hints):
        wrote = _wrote.get()
        if wrote is not None:
            wrote[0] = True
        # The rest of the request reads what it has just written.
        _read_alias.set(None)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Rows of one database relate (the tests' SQLite database, tests/settings.py).
        if obj1._state.db == obj2._state.db:
            return True
        # A replica holds the same rows as the primary.
        databases = {PRIMARY, *replica_aliases()}
        return obj1._state.db in databases and obj2._state.db in databases

    def allow_migrate(self, db, app_label, **hints):
        # Replicas follow the primary's schema through replication.
        return db not in replica_aliases()


def _pinned(request):
    try:
        return float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
    except ValueError:
        return False


def _is_public_read(request):
    if request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    if path.startswith(("/manage/", "/admin/", "/accounts/", "/healthz", "/metrics")):
        return False
    if _pinned(request):
        return False
    # A visitor without a session cookie is anonymous without a query; otherwise the session is
    # read here, from the primary, before the request is routed.
    signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated
    return not signed_in


class ReplicaRoutingMiddleware:
    """Sends the reads of public pages to a replica (after AuthenticationMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replicas = replica_aliases()
        alias = random.choice(replicas) if replicas and _is_public_read(request) else None
        wrote = [request.method not in ("GET", "HEAD", "OPTIONS")]
        alias_token = _read_alias.set(alias)
        wrote_token = _wrote.set(wrote)
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(alias_token)
            _wrote.reset(wrote_token)
        if replicas and wrote[0]:
            seconds = settings.DATABASE_REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + seconds:.0f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
