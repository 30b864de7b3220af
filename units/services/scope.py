"""The `UnitScope` closure: which units lie in the scope of which, rebuilt from units and
successions."""

from collections import deque

from django.db import transaction

from units.models import AdministrativeUnit, UnitScope, UnitSuccession

SCOPE_BATCH_SIZE = 5000


def units_rebuild_scope():
    """Bring the `UnitScope` closure in line with the units and successions; returns rows changed.

    A unit lies in the scope of itself, of its parents (as it was attached) and of the units that
    succeeded it, transitively.
    """
    parents = dict(AdministrativeUnit.objects.values_list("pk", "parent_id"))
    successors = {}
    for predecessor_id, successor_id in UnitSuccession.objects.values_list(
        "predecessor_id", "successor_id"
    ):
        successors.setdefault(predecessor_id, []).append(successor_id)

    wanted = set()
    for unit_id in parents:
        seen, queue = {unit_id}, deque([unit_id])
        while queue:
            current = queue.popleft()
            wanted.add((current, unit_id))
            for up in [parents.get(current), *successors.get(current, ())]:
                if up is not None and up not in seen:
                    seen.add(up)
                    queue.append(up)

    existing = {
        (root_id, unit_id): pk
        for pk, root_id, unit_id in UnitScope.objects.values_list("pk", "root_id", "unit_id")
    }
    stale = [pk for pair, pk in existing.items() if pair not in wanted]
    missing = [UnitScope(root_id=r, unit_id=u) for (r, u) in wanted if (r, u) not in existing]
    with transaction.atomic():
        for start in range(0, len(stale), SCOPE_BATCH_SIZE):
            UnitScope.objects.filter(pk__in=stale[start : start + SCOPE_BATCH_SIZE]).delete()
        UnitScope.objects.bulk_create(missing, batch_size=SCOPE_BATCH_SIZE)
    return len(stale) + len(missing)
