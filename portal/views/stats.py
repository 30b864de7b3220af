"""The public statistics page and the download of each of its tables. They only read, so they run
outside a transaction (no savepoint round trips), like the other public pages."""

from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.pagecache import cache_public_page
from stats.downloads import table_csv, table_xlsx
from stats.forms import StatsFilterForm
from stats.selectors import stats_provinces
from stats.tables import TABLES, headline_from_sections, stats_sections

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@transaction.non_atomic_requests
@cache_public_page
def index(request):
    form = StatsFilterForm(request.GET or None, provinces=stats_provinces())
    filters = form.filters()
    sections = stats_sections(filters)
    return render(
        request,
        "portal/stats/index.html",
        {
            "form": form,
            "filters": filters,
            "sections": sections,
            "figures": headline_from_sections(sections),
            "download_query": form.query_string(),
        },
    )


def _filename(table, filters, fmt):
    parts = ["antq", table.slug]
    if filters.year:
        parts.append(str(filters.year))
    if filters.province is not None:
        parts.append(filters.province.code)
    return "-".join(parts) + "." + fmt


@require_safe
@transaction.non_atomic_requests
def download(request, table, fmt):
    """One table as .csv or .xlsx, with the page's filters; an unknown table is a 404."""
    stats_table = TABLES.get(table)
    if stats_table is None:
        raise Http404(_("There is no statistics table with this name."))
    form = StatsFilterForm(request.GET or None, provinces=stats_provinces())
    if form.is_bound and not form.is_valid():
        problems = [
            f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
        ]
        return HttpResponseBadRequest(
            "\n".join([_("The filters are not valid:"), *problems]),
            content_type="text/plain; charset=utf-8",
        )
    filters = form.filters()
    rows = stats_table.rows(filters)
    if fmt == "csv":
        response = HttpResponse(
            table_csv(stats_table, rows), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(table_xlsx(stats_table, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(stats_table, filters, fmt)}"'
    )
    return response
