"""Prometheus metrics (prometheus_client): requests by view, method and status, their duration,
requests in progress. Served by /metrics to the networks of METRICS_ALLOWED_NETWORKS or with
`Authorization: Bearer <METRICS_TOKEN>`; anyone else gets a 404.

Under gunicorn with several worker processes, set PROMETHEUS_MULTIPROC_DIR to an empty folder
(deploy/gunicorn.conf.py empties it at start and tells prometheus_client when a worker exits),
so that /metrics adds up every worker's figures, not only those of the one that answers.
"""

import hmac
import ipaddress
import os
import time

from django.conf import settings
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as PROCESS_REGISTRY

REQUESTS = Counter(
    "antq_http_requests_total", "HTTP requests answered.", ["view", "method", "status"]
)
DURATION = Histogram(
    "antq_http_request_duration_seconds",
    "Time to answer an HTTP request.",
    ["view"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
IN_PROGRESS = Gauge(
    "antq_http_requests_in_progress", "HTTP requests being answered.", multiprocess_mode="livesum"
)


def _view_name(request):
    match = getattr(request, "resolver_match", None)
    # The route's name, never the raw path: paths are unbounded, labels must not be.
    return (match.view_name or "unnamed") if match else "unresolved"


class MetricsMiddleware:
    """Counts and times every request (first in MIDDLEWARE, so the time includes the others)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        IN_PROGRESS.inc()
        try:
            response = self.get_response(request)
        finally:
            IN_PROGRESS.dec()
        view = _view_name(request)
        DURATION.labels(view).observe(time.perf_counter() - start)
        REQUESTS.labels(view, request.method, str(response.status_code)).inc()
        return response


def client_address(request):
    """The client's address: REMOTE_ADDR, or behind PROXY_COUNT proxies the address the
    outermost of them saw (the proxies append to X-Forwarded-For)."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def request_allowed(request):
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(header.encode(), f"Bearer {token}".encode()):
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.METRICS_ALLOWED_NETWORKS
    )


def exposition():
    """(body, content type) of every metric, all worker processes added up when
    PROMETHEUS_MULTIPROC_DIR is set."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = PROCESS_REGISTRY
    return generate_latest(registry), CONTENT_TYPE_LATEST
