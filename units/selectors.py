"""Reads over the unit tree and its history."""

from django.db.models import Count, Q
from django.utils import timezone

from units.enums import UnitLevel
from units.models import AdministrativeUnit, UnitSuccession

MAX_TREE_DEPTH = 3


def unit_ancestors(unit):
    """The chain of parents of `unit`, nearest first, as the tree stood while `unit` existed."""
    ancestors, current = [], unit.parent
    while current is not None:
        ancestors.append(current)
        current = current.parent
    return ancestors


def unit_descendants(unit, *, on=None):
    """Units below `unit` as the tree stood on `on` (default: today), one query per tree level."""
    on = on or timezone.localdate()
    found, frontier = [], [unit.pk]
    for _depth in range(MAX_TREE_DEPTH):
        children = list(
            AdministrativeUnit.objects.valid_on(on).filter(parent_id__in=frontier).order_by("code")
        )
        if not children:
            break
        found.extend(children)
        frontier = [child.pk for child in children]
    return found


def unit_as_of(code, day, *, level=None):
    """The unit that carried `code` on `day`, or None."""
    units = AdministrativeUnit.objects.valid_on(day).filter(code=code)
    if level is not None:
        units = units.filter(level=level)
    return units.select_related("parent__parent").order_by("-level").first()


def unit_current_successors(unit, *, on=None):
    """The unit(s) that carry on `unit` on `on` (default today): itself if it still exists.

    Follows successions forward (a renamed, upgraded or merged unit has one successor, a divided one
    several) until it reaches units that exist on that day.
    """
    on = on or timezone.localdate()
    result, seen, frontier = {}, {unit.pk}, [unit]
    while frontier:
        next_frontier = []
        for current in frontier:
            if current.is_valid_on(on):
                result[current.pk] = current
                continue
            successions = UnitSuccession.objects.filter(predecessor=current, date__lte=on)
            for succession in successions.select_related("successor__parent__parent"):
                if succession.successor_id not in seen:
                    seen.add(succession.successor_id)
                    next_frontier.append(succession.successor)
        frontier = next_frontier
    return sorted(result.values(), key=lambda u: (u.level, u.code))


def unit_predecessors(unit):
    """Every unit that `unit` succeeded, directly or through earlier successions, oldest last."""
    found, seen, frontier = [], {unit.pk}, [unit.pk]
    while frontier:
        successions = UnitSuccession.objects.filter(successor_id__in=frontier).select_related(
            "predecessor__parent__parent"
        )
        frontier = []
        for succession in successions:
            if succession.predecessor_id not in seen:
                seen.add(succession.predecessor_id)
                found.append(succession)
                frontier.append(succession.predecessor_id)
    return found


def units_current_under(province):
    """Current units anywhere below a current `province`."""
    today = timezone.localdate()
    return (
        AdministrativeUnit.objects.valid_on(today)
        .filter(Q(parent=province) | Q(parent__parent=province))
        .order_by("level", "search_text")
    )


def units_search(query, *, queryset=None, current_only=True, levels=None, limit=20):
    """Units whose name or code matches `query` with or without diacritics."""
    units = queryset if queryset is not None else AdministrativeUnit.objects.all()
    if current_only:
        units = units.current()
    if levels:
        units = units.filter(level__in=levels)
    return list(
        units.search(query)
        .select_related("parent__parent")
        .order_by("level", "search_text")[:limit]
    )


def units_headline_counts():
    """Numbers of current provinces and commune-level units, in one query."""
    return AdministrativeUnit.objects.current().aggregate(
        provinces=Count("pk", filter=Q(level=UnitLevel.PROVINCE)),
        communes=Count("pk", filter=Q(level=UnitLevel.COMMUNE)),
    )
