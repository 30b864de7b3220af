"""Reads of movement models, with their joins and counts in one place."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.selectors import units_for_user, user_scope
from core.pagination import PaginatorCountedApart
from movements.enums import ModelStatus
from movements.models import MovementModel
from movements.rules import KEEPER_ROLES
from units.enums import UnitLevel
from units.models import AdministrativeUnit, UnitScope

LIST_RELATED = ["unit__parent__parent", "category"]
# By province, commune, then name (search_text starts with the name, without diacritics).
LIST_ORDER = ["unit__parent__search_text", "unit__search_text", "search_text", "pk"]


def _in_list_order(models):
    """`models` with their units, by province, commune and name.

    Every commune has a parent; saying so with a condition on the parent's row makes that join
    an inner one, and PostgreSQL can then walk the parents in name order (the units' search-text
    index), their communes and their models, and stop once a page is full, instead of joining and
    sorting every model of the list (29,000 at national scale) to show 20."""
    return (
        models.filter(unit__parent__level__isnull=False)
        .select_related(*LIST_RELATED)
        .order_by(*LIST_ORDER)
    )


def _filtered(models, *, q="", province=None, commune=None, category=None, status=""):
    if q:
        models = models.search(q)
    if province is not None:
        models = models.filter(unit__in=AdministrativeUnit.objects.within([province.pk]))
    if commune is not None:
        models = models.filter(unit__in=AdministrativeUnit.objects.within([commune.pk]))
    if category is not None:
        models = models.filter(category=category)
    if status:
        models = models.filter(status=status)
    return models


# --- staff -----------------------------------------------------------------------------------------


def movement_models_for_staff(user, *, per_page, **filters):
    """Pages of the models in the user's scope narrowed by `filters` (q, province, commune,
    category, status), by province, commune and name."""
    models = _filtered(MovementModel.objects.for_user(user), **filters)
    return PaginatorCountedApart(_in_list_order(models), per_page, counted=models)


def movement_category_counts(user, *, categories, **filters):
    """`categories` (every category, in the order shown) with `model_count`: the models in scope
    that match `filters` (all but the category itself, so that each count tells what choosing
    that category would show). The matching models are grouped by category in one query, rather
    than every model of the country joined to its category to count those in scope."""
    filters.pop("category", None)
    matching = _filtered(MovementModel.objects.for_user(user), **filters)
    counts = dict(matching.order_by().values_list("category").annotate(count=Count("pk")))
    for category in categories:
        category.model_count = counts.get(category.pk, 0)
    return categories


def model_units_for(user, *, ever=False):
    """Commune-level units the user may keep models for: today's (with `ever`, also the former
    communes they succeeded, for a model started before the 2025 reform)."""
    scope = user_scope(user)
    units = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
    if not ever:
        units = units.current()
    if scope.everything:
        return units
    roots = [a.unit_id for a in scope.assignments if a.role in KEEPER_ROLES and a.unit_id]
    return units.within(roots)


def provinces_for_staff(user):
    """Current provinces that hold (part of) the user's scope."""
    scope = user_scope(user)
    provinces = AdministrativeUnit.objects.current().filter(level=UnitLevel.PROVINCE)
    if not scope.everything:
        roots = scope.root_unit_ids
        provinces = provinces.filter(
            Q(pk__in=roots) | Q(children__in=roots) | Q(children__children__in=roots)
        ).distinct()
    return provinces.order_by("search_text")


def communes_for_staff(user, *, province=None):
    """Current communes in the user's scope (below `province` when given), for the filter."""
    communes = units_for_user(user).current().filter(level=UnitLevel.COMMUNE)
    if province is not None:
        communes = communes.within([province.pk])
    return communes.order_by("search_text")


def movement_model_for_staff(user, pk):
    """One model in the user's scope; 404 outside. (The festivals showing it are read by
    `events.selectors.festivals_showcasing`.)"""
    models = MovementModel.objects.for_user(user).select_related(
        "unit__parent__parent", "category", "created_by"
    )
    return get_object_or_404(models, pk=pk)


# --- festivals -------------------------------------------------------------------------------------


def models_for_festival_host(host_unit):
    """The models a festival hosted by `host_unit` may showcase: those kept by the host itself or by
    a commune-level unit linked to it by succession (one lies in the other's scope)."""
    if host_unit is None or host_unit.level != UnitLevel.COMMUNE:
        return MovementModel.objects.none()
    linked = Q(unit_id=host_unit.pk)
    linked |= Q(unit__in=UnitScope.objects.filter(root_id=host_unit.pk).values("unit_id"))
    linked |= Q(unit__in=UnitScope.objects.filter(unit_id=host_unit.pk).values("root_id"))
    return (
        MovementModel.objects.filter(linked, unit__level=UnitLevel.COMMUNE)
        .select_related("unit", "category")
        .order_by("category__order", "name", "pk")
    )


def showcased_models_prefetch(lookup="showcased_models"):
    """Prefetch for `festival.showcased_models.all` with their categories (one query in all)."""
    return Prefetch(
        lookup,
        queryset=MovementModel.objects.select_related("category").order_by(
            "category__order", "name", "pk"
        ),
    )


# --- public ----------------------------------------------------------------------------------------

PUBLIC_STATUS_ALL = "all"


def movement_models_public(*, per_page, status="", **filters):
    """Pages of the public directory: active models by default; `status` one of the statuses or
    "all"."""
    if status == PUBLIC_STATUS_ALL:
        models = MovementModel.objects.public(status=None)
    else:
        models = MovementModel.objects.public(status=status or ModelStatus.ACTIVE)
    models = _filtered(models, **filters)
    return PaginatorCountedApart(_in_list_order(models), per_page, counted=models)


def movement_model_public(pk):
    """One model of the public directory (any status); 404 when there is none."""
    models = MovementModel.objects.select_related("unit__parent__parent", "category")
    return get_object_or_404(models, pk=pk)
