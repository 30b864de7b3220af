"""Public pages: the directory of movement models (/models/) and one page per model."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.pagecache import cache_public_page
from events.selectors import festivals_showcasing
from movements import selectors
from movements.forms import PublicModelFilterForm
from movements.models import ModelCategory
from units.enums import UnitLevel
from units.models import AdministrativeUnit
from units.selectors import units_current_under

PAGE_SIZE = 20


@require_safe
@cache_public_page
def model_list(request):
    provinces = list(
        AdministrativeUnit.objects.current()
        .filter(level=UnitLevel.PROVINCE)
        .order_by("search_text")
    )
    categories = list(ModelCategory.objects.order_by("order", "name"))
    filters = PublicModelFilterForm(request.GET or None, provinces=provinces, categories=categories)
    values = {}
    if filters.is_bound:
        filters.is_valid()
        values = filters.cleaned_data  # the valid filters only
    province = next((p for p in provinces if p.code == values.get("province")), None)
    communes = []
    if province is not None:
        communes = [u for u in units_current_under(province) if u.level == UnitLevel.COMMUNE]
    commune = None
    if values.get("commune"):
        commune = next((c for c in communes if c.code == values["commune"]), None) or (
            AdministrativeUnit.objects.current()
            .filter(code=values["commune"], level=UnitLevel.COMMUNE)
            .select_related("parent")
            .first()
        )
    category = next((c for c in categories if c.code == values.get("category")), None)
    pages = selectors.movement_models_public(
        per_page=PAGE_SIZE,
        q=values.get("q") or "",
        province=province,
        commune=commune,
        category=category,
        status=values.get("status") or "",
    )
    page = pages.get_page(request.GET.get("page"))
    return render(
        request,
        "portal/models/model_list.html",
        {
            "page": page,
            "filters": filters,
            "communes": communes,
            "commune": commune,
            "category": category,
            "query": values.get("q") or "",
            "status": values.get("status") or "",
        },
    )


@require_safe
@cache_public_page
def model_detail(request, pk):
    model = selectors.movement_model_public(pk)
    return render(
        request,
        "portal/models/model_detail.html",
        {"model": model, "festivals": festivals_showcasing(model)},
    )
