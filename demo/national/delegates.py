"""The delegates of a festival: leaders of the province and district, guests, the commune's own
officials, the organisers and representatives of the residents, in order of precedence."""

from attendees.models import Delegate
from demo.national import names as words
from demo.national.search import fields_text

DELEGATE_COLUMNS = [
    "id", "festival_id", "full_name", "position", "organisation", "category", "precedence",
    "status", "search_text",
]  # fmt: skip

_CATEGORIES = [
    # category, positions, how many (low, high)
    ("leader", words.LEADER_POSITIONS, (3, 5)),
    ("guest", words.GUEST_POSITIONS, (2, 4)),
    ("delegate", words.DELEGATE_POSITIONS, (8, 15)),
    ("organiser", words.ORGANISER_POSITIONS, (2, 3)),
    ("resident", words.RESIDENT_POSITIONS, (5, 15)),
]


def delegate_search_text(*, full_name, position, organisation):
    """What `Delegate.save()` stores in `search_text`: the name only."""
    return fields_text(full_name)


def delegates_add(gen, festival, places):
    """Write the festival's delegates; returns [(id, full name, category, position)]."""
    rng, table = gen.rng, gen.tables[Delegate]
    held = festival.held
    rows = []
    precedence = 0
    for category, positions, (low, high) in _CATEGORIES:
        for _ in range(rng.randint(low, high)):
            precedence += 1
            full_name = gen.names.person()
            position = gen.names.pick(positions).format_map(places.with_hamlet(gen.names.hamlet()))
            organisation = ""
            if held:
                roll = rng.random()
                status = "attended" if roll < 0.9 else "confirmed" if roll < 0.95 else "invited"
            else:
                status = "confirmed" if rng.random() < 0.4 else "invited"
            delegate_id = gen.ids.next(Delegate)
            table.add(
                delegate_id,
                festival.id,
                full_name,
                position,
                organisation,
                category,
                precedence,
                status,
                delegate_search_text(
                    full_name=full_name, position=position, organisation=organisation
                ),
            )
            rows.append((delegate_id, full_name, category, position))
    return rows
