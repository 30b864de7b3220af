"""Reads of movement models, with their joins and counts in one place."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.selectors import units_for_user, user_scope
from movements.enums import ModelStatus
from movements.models import ModelCategory, MovementModel
from movements.rules import KEEPER_ROLES
from units.enums import UnitLevel
from units.models import AdministrativeUnit, UnitScope

LIST_RELATED = ["unit__parent__parent", "category"]
# By province, commune, then name (search_text starts with the name, without diacritics).
LIST_ORDER = ["unit__parent__search_text", "unit__search_text", "search_text", "pk"]


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


def movement_models_for_staff(user, **filters):
    """Models in the user's scope narrowed by `filters` (q, province, commune, category, status)."""
    models = _filtered(MovementModel.objects.for_user(user), **filters)
    return models.select_related(*LIST_RELATED).order_by(*LIST_ORDER)


def movement_category_counts(user, **filters):
    """Every category with `model_count`: the models in scope that match `filters` (all but the
    category itself, so that each count tells what choosing that category would show)."""
    filters.pop("category", None)
    matching = _filtered(MovementModel.objects.for_user(user), **filters)
    return list(
        ModelCategory.objects.annotate(
            model_count=Count("movement_models", filter=Q(movement_models__in=matching))
        ).order_by("order", "name")
    )


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


def movement_models_public(*, status="", **filters):
    """The public directory: active models by default; `status` one of the statuses or "all"."""
    if status == PUBLIC_STATUS_ALL:
        models = MovementModel.objects.public(status=None)
    else:
        models = MovementModel.objects.public(status=status or ModelStatus.ACTIVE)
    models = _filtered(models, **filters)
    return models.select_related(*LIST_RELATED).order_by(*LIST_ORDER)


def movement_model_public(pk):
    """One model of the public directory (any status); 404 when there is none."""
    models = MovementModel.objects.select_related("unit__parent__parent", "category")
    return get_object_or_404(models, pk=pk)
