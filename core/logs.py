"""Request ids in the logs, and an optional JSON log format (LOG_FORMAT=json).

Each request gets an id: the proxy's X-Request-ID when it is well-formed (nginx sends
$request_id, deploy/nginx.conf), a new one otherwise. It is echoed in the answer's X-Request-ID
header and added to every log record written while the request is answered, so that one line in
nginx's log leads to the app's lines for the same request.
"""

import contextvars
import json
import logging
import re
import uuid

_request_id = contextvars.ContextVar("antq_request_id", default="-")

# Letters, digits, dashes, underscores, dots: nginx's hex $request_id, a UUID, a load balancer's
# own format; never anything that could forge a log line.
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,64}")


def current_request_id():
    return _request_id.get()


class RequestIdMiddleware:
    """Takes or makes the request id (first in MIDDLEWARE, so every later log line has it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if WELL_FORMED.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request)."""

    def filter(self, record):
        # django.request logs an error answer once the middleware is done, with the request.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or _request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id (and the traceback)."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
