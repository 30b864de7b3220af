"""Conditional answers for feeds and calendars: an ETag and a Last-Modified worked out from the
rows a response shows, so that a reader polling every few minutes gets a 304 without a body
while nothing changed, and Cache-Control telling shared caches how long to keep it."""

import hashlib
from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import condition


def rows_etag(rows):
    """A strong ETag for the rows (tuples of ids and timestamps) a response shows, in order."""
    text = "|".join(":".join(str(value) for value in row) for row in rows)
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def conditional_public(*, rows):
    """Decorate a public view whose content follows `rows(request)` (a list of tuples whose last
    value is the row's change time; None when the request is refused): ETag (of the rows and the
    language, which the titles are in) and Last-Modified from them, 304 when the client holds
    them, and Cache-Control for PUBLIC_CACHE_SECONDS."""

    def shown(request):
        # Read once for both validators.
        if not hasattr(request, "_conditional_rows"):
            request._conditional_rows = rows(request)
        return request._conditional_rows

    def etag(request, *args, **kwargs):
        if shown(request) is None:
            return None
        return rows_etag([(get_language(),), *shown(request)])

    def last_modified(request, *args, **kwargs):
        times = [row[-1] for row in shown(request) or [] if row[-1] is not None]
        return max(times) if times else None

    def decorator(view):
        conditional = condition(etag_func=etag, last_modified_func=last_modified)(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = conditional(request, *args, **kwargs)
            if response.status_code in (200, 304):
                patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
            return response

        return wrapper

    return decorator
