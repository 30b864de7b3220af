"""Public pages kept for anonymous visitors, under versioned keys.

A page is kept under (version, language, address). Whatever a public page shows changes — a row of
a watched model saved or deleted, a bulk write that says so, the statistics rebuilt — the version
goes up once the transaction commits, so every kept page is left behind at once (no stale page
waits for a timeout); PUBLIC_CACHE_SECONDS bounds how long an entry lives, and so how long a page
whose content follows the clock alone (a festival becoming "held" at its end) can lag.

Only requests without a session or pending messages are served from or stored in the cache: a
signed-in user, or anyone with something to be told, always gets the page made for them. The cache
is Django's default one: Redis when REDIS_URL is set (shared by every process), local memory
otherwise (each process its own pages; the version is then per process too, which is right only
for one process, as under `make run`).
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language

from core.deferred import on_commit_once

VERSION_KEY = "antq:public-pages:version"
HIT_HEADER = "X-Page-Cache"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Cache-Control", "Vary")
_WATCHED = set()


def public_pages_version():
    """The current version of the public pages (1 until something changes)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there (evicted, or a fresh cache): any new value leaves the old keys
        cache.set(VERSION_KEY, 2, timeout=None)


def public_pages_changed(using=None):
    """Something public pages show was written: once the transaction commits (at once outside
    one), every kept page is stale. Several calls in one transaction bump the version once; a
    rolled-back transaction bumps nothing."""
    on_commit_once(_bump_once, using=using)


def _bump_once(_items):
    _bump()


def _changed(sender, using=None, **kwargs):
    public_pages_changed(using)


def watch_public_models(*models):
    """Public pages show rows of `models`: any save or delete of one (and a change of their
    many-to-many relations) makes the kept pages stale. core.rows.rows_sync reports its bulk
    writes of these models too; other bulk writes call public_pages_changed() themselves."""
    for model in models:
        _WATCHED.add(model)
        uid = f"antq-public-pages-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid + "-save", weak=False)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid + "-delete", weak=False)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}-{field.name}",
                weak=False,
            )


def is_watched(model):
    return model in _WATCHED


def _anonymous_without_state(request):
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
        and not (
            getattr(settings, "PAGE_CACHE_BYPASS_HEADER", "")
            and request.headers.get(settings.PAGE_CACHE_BYPASS_HEADER)
        )
    )


def _key(request):
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:40]
    return f"antq:public-page:{public_pages_version()}:{get_language()}:{address}"


def cache_public_page(view):
    """Serve `view`'s page to anonymous visitors from the cache while nothing it shows changed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.PUBLIC_CACHE_SECONDS
        if not seconds or not _anonymous_without_state(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        kept = cache.get(key)
        if kept is not None:
            status, headers, content = kept
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            response[HIT_HEADER] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            # A page that holds a CSRF token is someone's own.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            if hasattr(response, "render") and callable(response.render):
                response.render()
            headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
            cache.set(key, (response.status_code, headers, response.content), seconds)
            response[HIT_HEADER] = "miss"
        return response

    return wrapper
