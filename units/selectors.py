"""Reads over the unit tree and its history."""

from django.db.models import Count, F, Q
from django.utils import timezone

from core.search import (
    SearchMatch,
    SearchWords,
    normalize_search_text,
    search_filter,
    search_text_has,
)
from units.enums import UnitLevel
from units.models import AdministrativeUnit, UnitScope, UnitSuccession

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
    several) until it reaches units that exist on that day; the default successor of a divided
    unit comes first.
    """
    on = on or timezone.localdate()
    # unit pk → (unit, reached through default or only successions)
    result, seen, frontier = {}, {unit.pk}, [(unit, True)]
    while frontier:
        next_frontier = []
        for current, main in frontier:
            if current.is_valid_on(on):
                result[current.pk] = (current, main)
                continue
            successions = list(
                UnitSuccession.objects.filter(predecessor=current, date__lte=on).select_related(
                    "successor__parent__parent"
                )
            )
            for succession in successions:
                if succession.successor_id not in seen:
                    seen.add(succession.successor_id)
                    next_frontier.append(
                        (
                            succession.successor,
                            main and (len(successions) == 1 or succession.is_default),
                        )
                    )
        frontier = next_frontier
    return [
        u for u, _main in sorted(result.values(), key=lambda r: (not r[1], r[0].level, r[0].code))
    ]


def unit_successions(unit):
    """The successions out of `unit` (whom it became), the default successor first."""
    return list(
        UnitSuccession.objects.filter(predecessor=unit)
        .select_related("successor__parent__parent")
        .order_by("date", "-is_default", "successor__search_text")
    )


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


def _matching_by_former_name(query):
    """Pks of units formed from a unit of the same level whose name or code matches `query`."""
    scope = UnitScope.objects.filter(unit__level=F("root__level"))
    return search_filter(scope, query, field="unit__search_text").values("root_id")


def units_search_filter(units, query, *, former_names=False):
    """`units` narrowed to those matching `query`; with `former_names`, also those formed from a
    unit whose name matches (Phường Đông Sơn for "rung thong")."""
    if not former_names:
        return units.search(query)
    words = SearchWords.of(query)
    if not words:
        return units
    return units.filter(
        Q(SearchMatch("search_text", words)) | Q(pk__in=_matching_by_former_name(words))
    )


def units_search(
    query, *, queryset=None, current_only=True, on=None, levels=None, limit=20, former_names=False
):
    """Units whose name or code matches `query` with or without diacritics.

    Current units by default, the units valid on `on` when it is given (a day, or a tuple of days:
    the units of any of them), all units with `current_only=False`; `former_names` also finds units
    by the names of the units they succeeded.
    """
    units = queryset if queryset is not None else AdministrativeUnit.objects.all()
    if on is not None:
        units = units.valid_on(*(on if isinstance(on, tuple) else (on,)))
    elif current_only:
        units = units.current()
    if levels:
        units = units.filter(level__in=levels)
    return list(
        units_search_filter(units, query, former_names=former_names)
        .select_related("parent__parent")
        .order_by("level", "search_text")[:limit]
    )


def units_now_part_of(units, *, on=None):
    """For each unit of `units` that no longer exists on `on` (default today): the units it is
    part of on that day — its successors for a commune (all of them for a divided one, the default
    first, marked `is_default_successor`), the province for a district. Returns
    {unit pk: [units]}; one query (two when a unit was divided), none when every unit still exists.

    Read from the scope closure: the deepest units existing on `on` in whose scope the unit lies.
    """
    on = on or timezone.localdate()
    old = {unit.pk: unit for unit in units if unit is not None and not unit.is_valid_on(on)}
    if not old:
        return {}
    rows = (
        UnitScope.objects.filter(unit_id__in=old)
        .filter(
            Q(root__valid_from__isnull=True) | Q(root__valid_from__lte=on),
            Q(root__valid_to__isnull=True) | Q(root__valid_to__gte=on),
        )
        .select_related("root__parent__parent")
    )
    deepest = {}
    for row in rows:
        chosen = deepest.setdefault(row.unit_id, [])
        if chosen and chosen[0].level > row.root.level:
            continue
        if chosen and chosen[0].level < row.root.level:
            chosen.clear()
        chosen.append(row.root)
    divided = [unit_id for unit_id, chosen in deepest.items() if len(chosen) > 1]
    defaults = set()
    if divided:
        defaults = set(
            UnitSuccession.objects.filter(predecessor_id__in=divided, is_default=True).values_list(
                "predecessor_id", "successor_id"
            )
        )
    for unit_id, chosen in deepest.items():
        for root in chosen:
            root.is_default_successor = len(chosen) > 1 and (unit_id, root.pk) in defaults
    return {
        unit_id: sorted(
            chosen,
            key=lambda r, u=unit_id: ((u, r.pk) not in defaults, normalize_search_text(r.name)),
        )
        for unit_id, chosen in deepest.items()
    }


def units_former_names(units, query):
    """For each unit of `units` that does not match `query` itself: the units of its level it
    succeeded that match (what the search found it by). {unit pk: [units]}; one query, none when
    every unit matches by its own name."""
    others = [u.pk for u in units if not search_text_has(u.search_text, query)]
    if not others or not SearchWords.of(query):
        return {}
    found = {}
    rows = UnitScope.objects.filter(
        root_id__in=others,
        unit__in=AdministrativeUnit.objects.search(query),
        unit__level=F("root__level"),
    ).select_related("unit")
    for row in rows.order_by("unit__search_text"):
        if row.unit_id != row.root_id:
            found.setdefault(row.root_id, []).append(row.unit)
    return found


def units_annotate_history(units, *, query="", on=None):
    """Set `now_part_of` (units_now_part_of) and `former_names` (units_former_names, when a query
    is given) on each unit of `units`, for templates; returns `units`."""
    units = [unit for unit in units if unit is not None]
    now = units_now_part_of(units, on=on)
    former = units_former_names(units, query) if query else {}
    for unit in units:
        unit.now_part_of = now.get(unit.pk, [])
        unit.former_names = former.get(unit.pk, [])
    return units


def units_headline_counts():
    """Numbers of current provinces and commune-level units, in one query."""
    return AdministrativeUnit.objects.current().aggregate(
        provinces=Count("pk", filter=Q(level=UnitLevel.PROVINCE)),
        communes=Count("pk", filter=Q(level=UnitLevel.COMMUNE)),
    )
