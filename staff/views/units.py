import datetime

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.selectors import units_for_user
from core.audit import audit_entries_for
from staff.decorators import staff_area_required
from units import selectors
from units.enums import UnitLevel
from units.forms import day_from_values

PAGE_SIZE = 50


def _day(text):
    """A date written YYYY-MM-DD, or None."""
    try:
        return datetime.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


@require_safe
@staff_area_required
def unit_list(request):
    """Units in the user's scope, current by default, with a diacritic-free search that also finds
    today's units by the names of the units they succeeded; former units say what they are part
    of now."""
    query = request.GET.get("q", "").strip()
    show_history = request.GET.get("history") == "1"
    units = units_for_user(request.user)
    if not show_history:
        units = units.current()
    if query:
        units = selectors.units_search_filter(units, query, former_names=not show_history)
    units = units.select_related("parent__parent").order_by("level", "search_text", "-valid_from")
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    selectors.units_annotate_history(page.object_list, query=query)
    return render(
        request,
        "staff/units/unit_list.html",
        {"page": page, "query": query, "show_history": show_history},
    )


@require_safe
@staff_area_required
def unit_detail(request, pk):
    unit = get_object_or_404(units_for_user(request.user).select_related("parent__parent"), pk=pk)
    return render(
        request,
        "staff/units/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            # A former unit: what lay below it on its last day.
            "children": selectors.unit_descendants(
                unit, on=None if unit.is_current else unit.valid_to
            )[:200],
            "current_successors": selectors.units_now_part_of([unit]).get(unit.pk, []),
            "successors": selectors.unit_successions(unit),
            "predecessors": selectors.unit_predecessors(unit),
            "audit_entries": audit_entries_for(unit),
        },
    )


@require_safe
@staff_area_required
def unit_picker(request):
    """Options for the unit picker: units in scope matching `q`, optionally one level.

    Today's units by default, also found by the names of the units they succeeded; with
    `on=YYYY-MM-DD`, the units valid on that day (for recording the past), each former one marked
    with what it is part of now.
    """
    # A picker's search box sends itself under its own name (`host_unit_search=…`), an address
    # typed by hand `q=…`.
    query = request.GET.get("q") or next(
        (value for key, value in request.GET.items() if key.endswith("_search")), ""
    )
    query = query.strip()
    levels = [
        int(level)
        for level in request.GET.getlist("level")
        if level in {str(v) for v in UnitLevel.values}
    ]
    on = _day(request.GET.get("on"))
    if on is None:
        # The form's own date fields, sent along (`on_from` names them): the units of a past day;
        # today's and later days offer today's units.
        on = day_from_values(request.GET.get(name) for name in request.GET.getlist("on_from"))
        if on is not None and on >= timezone.localdate():
            on = None
    if on is not None and request.GET.get("also_today") == "1":
        on = (on, timezone.localdate())
    units = []
    if len(query) >= 2:
        units = selectors.units_search(
            query,
            queryset=units_for_user(request.user),
            levels=levels,
            on=on,
            # Also by the names of the units they succeeded (as they stood on the day, if any).
            former_names=True,
        )
        selectors.units_annotate_history(units, query=query)
    return render(
        request,
        "staff/units/_picker_options.html",
        {"units": units, "query": query, "on": on[0] if isinstance(on, tuple) else on},
    )
