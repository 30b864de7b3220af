"""Whole-word search: the generated search vector and its GIN index (PostgreSQL; core.search),
and festivals' search text without the names of their delegates and award recipients, which are
now searched through their own rows (Festival.build_search_text)."""

import datetime

from django.db import migrations

from core.search import SearchVectorIndex, normalize_search_text

BATCH = 2000


def _chain(unit):
    names = []
    while unit is not None:
        names.append(unit.name)
        unit = unit.parent
    return names


def _current_successors(unit, successions, today):
    """The units carrying on `unit` today (units.selectors.unit_current_successors, without its
    ordering by default successor)."""
    found, seen, frontier = [], {unit.pk}, [unit]
    while frontier:
        following = []
        for current in frontier:
            if (current.valid_from is None or current.valid_from <= today) and (
                current.valid_to is None or current.valid_to >= today
            ):
                found.append(current)
                continue
            for succession in successions.filter(predecessor=current, date__lte=today):
                if succession.successor_id not in seen:
                    seen.add(succession.successor_id)
                    following.append(succession.successor)
        frontier = following
    return sorted(found, key=lambda u: (u.level, u.code))


def rebuild(apps, schema_editor):
    Festival = apps.get_model("events", "Festival")
    successions = apps.get_model("units", "UnitSuccession").objects.select_related(
        "successor__parent__parent"
    )
    today = datetime.date.today()
    unit_names = {}
    last = 0
    while True:
        festivals = list(
            Festival.objects.filter(pk__gt=last)
            .select_related("host_unit__parent__parent")
            .only("pk", "title", "venue", "search_text", "host_unit")
            .order_by("pk")[:BATCH]
        )
        if not festivals:
            return
        changed = []
        for festival in festivals:
            unit = festival.host_unit
            if unit.pk not in unit_names:
                names = _chain(unit)
                for successor in _current_successors(unit, successions, today):
                    if successor.pk != unit.pk:
                        names += _chain(successor)
                unit_names[unit.pk] = names
            names = [festival.title, festival.venue, *unit_names[unit.pk]]
            text = normalize_search_text(" ".join(dict.fromkeys(n for n in names if n)))
            if text != festival.search_text:
                festival.search_text = text
                changed.append(festival)
        Festival.objects.bulk_update(changed, ["search_text"], batch_size=500)
        last = festivals[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0008_media_review"),
        ("units", "0003_search_vector"),
    ]

    operations = [
        migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True),
        SearchVectorIndex(table="events_festival"),
    ]
