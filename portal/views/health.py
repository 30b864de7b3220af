"""For load balancers and monitoring: liveness, readiness, metrics. None of them reads a session,
signs anyone in or opens a transaction."""

from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core import metrics
from core.health import readiness


@never_cache
@require_safe
@transaction.non_atomic_requests
def healthz(request):
    """Liveness: 200 as long as the process answers (whatever the services behind it do, so that
    a database outage does not get every app process restarted)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
@transaction.non_atomic_requests
def healthz_ready(request):
    """Readiness: 200 when every service answers, 503 naming those that do not."""
    checks = readiness()
    failed = [name for name, result in checks.items() if result != "ok"]
    if failed:
        return JsonResponse({"status": "error", "failed": failed, "checks": checks}, status=503)
    return JsonResponse({"status": "ok", "checks": checks})


@never_cache
@require_safe
@transaction.non_atomic_requests
def metrics_view(request):
    """Prometheus metrics, for an allowed network or the bearer token only (404 otherwise)."""
    if not metrics.request_allowed(request):
        raise Http404
    body, content_type = metrics.exposition()
    return HttpResponse(body, content_type=content_type)
