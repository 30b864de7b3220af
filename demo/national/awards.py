"""The awards of a festival's decisions: individuals (most of them), collectives and households,
with the cash amounts of Decree 98/2023 rounded as communes pay them."""

from awards.models import Award
from demo.national import names as words
from demo.national.decisions import decision_add
from demo.national.search import fields_text

AWARD_COLUMNS = [
    "id", "decision_id", "form_id", "recipient_kind", "recipient_name", "position",
    "organisation", "citation", "amount", "festival_id", "order", "search_text",
]  # fmt: skip


def award_search_text(*, recipient_name, position, organisation):
    """What `Award.save()` stores in `search_text`: the recipient's name only."""
    return fields_text(recipient_name)


def _add(gen, festival, places, decision_id, form, count, kinds, amounts, order):
    rng, table = gen.rng, gen.tables[Award]
    citation = gen.names.pick(words.CITATIONS).format(year=festival.year)
    names = []
    for _ in range(count):
        roll = rng.random()
        kind = next(k for k, share in kinds if roll < share)
        position = organisation = ""
        if kind == "individual":
            name = gen.names.person()
            hamlet = gen.names.hamlet()
            position = gen.names.pick(("Trưởng", "Bí thư Chi bộ", "Công an viên", "Người dân", ""))
            position = f"{position} {hamlet}" if position and position != "Người dân" else position
            organisation = places["commune"]
        elif kind == "collective":
            name = gen.names.pick(words.COLLECTIVE_RECIPIENTS).format_map(
                places.with_hamlet(gen.names.hamlet())
            )
        else:
            name = f"Hộ gia đình {'ông' if rng.random() < 0.6 else 'bà'} {gen.names.person()}"
            organisation = f"{gen.names.hamlet()}, {places['commune']}"
        amount = None if rng.random() < 0.1 else amounts[kind]
        order += 1
        table.add(
            gen.ids.next(Award),
            decision_id,
            gen.forms[form],
            kind,
            name,
            position,
            organisation,
            citation,
            amount,
            festival.id,
            order,
            award_search_text(recipient_name=name, position=position, organisation=organisation),
        )
        names.append(name)
    return names


def awards_add(gen, festival, places):
    """Write the festival's decisions and awards; returns the recipients' names in the order the
    festival's `awards` relation lists them: by decision (Decision's ordering: latest date
    first), then order."""
    rng, host = gen.rng, festival.host
    chairman_unit = (host.district or host.unit).id
    decisions = []
    decision_id, day = decision_add(gen, festival, kind="chairman", unit_id=chairman_unit)
    names = _add(
        gen,
        festival,
        places,
        decision_id,
        "giay-khen",
        rng.randint(12, 32),
        [("individual", 0.7), ("collective", 0.92), ("household", 1.0)],
        {"individual": 500_000, "collective": 1_000_000, "household": 500_000},
        0,
    )
    decisions.append((day, decision_id, names))
    if rng.random() < 0.3:
        if rng.random() < 0.5:
            kind, form = "province", "bang-khen"
            amounts = {"individual": 2_000_000, "collective": 4_000_000, "household": 2_000_000}
        else:
            kind, form = "police", "giay-khen"
            amounts = {"individual": 700_000, "collective": 1_500_000, "household": 700_000}
        decision_id, day = decision_add(gen, festival, kind=kind, unit_id=host.province.id)
        names = _add(
            gen,
            festival,
            places,
            decision_id,
            form,
            rng.randint(1, 6),
            [("individual", 0.5), ("collective", 1.0)],
            amounts,
            0,
        )
        decisions.append((day, decision_id, names))
    decisions.sort(reverse=True)
    return [name for _day, _id, names in decisions for name in names]
