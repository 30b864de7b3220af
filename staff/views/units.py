from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.selectors import units_for_user
from core.audit import audit_entries_for
from staff.decorators import staff_area_required
from units import selectors
from units.enums import UnitLevel

PAGE_SIZE = 50


@require_GET
@staff_area_required
def unit_list(request):
    """Units in the user's scope, current by default, with a diacritic-free search."""
    query = request.GET.get("q", "").strip()
    show_history = request.GET.get("history") == "1"
    units = units_for_user(request.user)
    if not show_history:
        units = units.current()
    if query:
        units = units.search(query)
    units = units.select_related("parent__parent").order_by("level", "search_text", "-valid_from")
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staff/units/unit_list.html",
        {"page": page, "query": query, "show_history": show_history},
    )


@require_GET
@staff_area_required
def unit_detail(request, pk):
    unit = get_object_or_404(units_for_user(request.user).select_related("parent__parent"), pk=pk)
    return render(
        request,
        "staff/units/unit_detail.html",
        {
            "unit": unit,
            "ancestors": selectors.unit_ancestors(unit),
            "children": selectors.unit_descendants(unit)[:200] if unit.is_current else [],
            "current_successors": []
            if unit.is_current
            else selectors.unit_current_successors(unit),
            "predecessors": selectors.unit_predecessors(unit),
            "audit_entries": audit_entries_for(unit),
        },
    )


@require_GET
@staff_area_required
def unit_picker(request):
    """Options for the unit picker: current units in scope matching `q`, optionally one level."""
    query = request.GET.get("q", "").strip()
    levels = [
        int(level)
        for level in request.GET.getlist("level")
        if level in {str(v) for v in UnitLevel.values}
    ]
    units = []
    if len(query) >= 2:
        units = selectors.units_search(query, queryset=units_for_user(request.user), levels=levels)
    return render(request, "staff/units/_picker_options.html", {"units": units, "query": query})
