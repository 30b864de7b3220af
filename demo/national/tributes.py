"""Tributes at a held festival: flower baskets from the province's and district's bodies, gift
packages for a few residents, sometimes cash for the commune's fund."""

from awards.models import Tribute
from demo.national import names as words

TRIBUTE_COLUMNS = [
    "id", "festival_id", "giver", "recipient", "kind", "quantity", "value", "order",
]  # fmt: skip


def tributes_add(gen, festival, places):
    rng, table = gen.rng, gen.tables[Tribute]
    commune_people = f"Cán bộ và Nhân dân {places['commune']}"
    givers = rng.sample(words.TRIBUTE_GIVERS, rng.randint(2, 5))
    order = 0
    for giver in givers:
        order += 1
        table.add(
            gen.ids.next(Tribute),
            festival.id,
            giver.format_map(places),
            commune_people,
            "flower_basket",
            1,
            None,
            order,
        )
    for _ in range(rng.randint(1, 5)):
        order += 1
        table.add(
            gen.ids.next(Tribute),
            festival.id,
            givers[0].format_map(places),
            f"{'Ông' if rng.random() < 0.5 else 'Bà'} {gen.names.person()}",
            "gift",
            1,
            gen.names.pick((300_000, 500_000, 1_000_000)),
            order,
        )
    if rng.random() < 0.15:
        order += 1
        table.add(
            gen.ids.next(Tribute),
            festival.id,
            givers[-1].format_map(places),
            f"Quỹ an ninh trật tự {places['commune']}",
            "cash",
            1,
            gen.names.pick((2_000_000, 5_000_000, 10_000_000)),
            order,
        )
