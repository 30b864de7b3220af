from django.db import DatabaseError, connection, transaction
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from events.selectors import festivals_latest_reports, festivals_upcoming, portal_headline_figures
from units.selectors import units_headline_counts


@require_GET
@transaction.non_atomic_requests
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "counts": units_headline_counts(),
            "figures": portal_headline_figures(),
            "upcoming": festivals_upcoming(),
            "reports": festivals_latest_reports(),
        },
    )


@never_cache
@require_GET
@transaction.non_atomic_requests
def healthz(request):
    """200 with a JSON body when the app and its database answer, 503 when the database does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors: the database may be the thing that failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
