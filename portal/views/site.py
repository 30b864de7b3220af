from django.db import transaction
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe

from core.pagecache import cache_public_page
from events.selectors import festivals_latest_reports, festivals_upcoming
from stats.selectors import home_figures
from units.selectors import units_headline_counts


@require_safe
@transaction.non_atomic_requests
@cache_public_page
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "counts": units_headline_counts(),
            "figures": home_figures(),
            "upcoming": festivals_upcoming(),
            "reports": festivals_latest_reports(),
        },
    )


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No context processors: the database may be the thing that failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
