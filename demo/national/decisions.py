"""Issuing authorities and award decisions.

Before 1 July 2025 a commune's festival awards come from the district chairman (Giấy khen); from
then on from the commune chairman. Some festivals have a second decision, of the province
chairman (Bằng khen) or the provincial police director (Giấy khen). Numbers restart every year
per authority, as Decree 30/2020 has them.
"""

import datetime

from awards.catalogue import award_forms_ensure_defaults
from awards.models import AwardForm, Decision, IssuingAuthority
from demo.national.search import fields_text
from units.services import LAST_THREE_TIER_DAY, TWO_TIER_START

DECISION_COLUMNS = [
    "id", "number", "date", "authority_id", "signer_name", "signer_title", "file", "created_by_id",
    "created_at", "version", "search_text",
]  # fmt: skip

# key, position ("{unit}" is the unit in a sentence), signer's title, symbol, forms it may issue
AUTHORITY_KINDS = {
    "chairman": (
        "Chủ tịch UBND {unit}",
        "Chủ tịch",
        "QĐ-UBND",
        ["giay-khen", "lao-dong-tien-tien"],
    ),
    "province": (
        "Chủ tịch UBND {unit}",
        "Chủ tịch",
        "QĐ-UBND",
        ["bang-khen", "co-thi-dua", "chien-si-thi-dua", "tap-the-lao-dong-xuat-sac"],
    ),
    "police": ("Giám đốc Công an {unit}", "Giám đốc", "QĐ-CAT", ["giay-khen"]),
}


def decision_search_text(*, number, signer_name):
    """What `Decision.save()` stores in `search_text`."""
    return fields_text(number, signer_name)


class Authorities:
    """The authorities the festivals need, made once (the existing ones are kept) and looked up
    by (kind, unit id)."""

    def __init__(self, alias):
        self.alias = alias
        self.by_key = {}  # (kind, unit id) → (authority id, symbol, signer's title)
        self.counters = {}  # (authority id, year) → last number

    def ensure(self, tree, hosts):
        award_forms_ensure_defaults_on(self.alias)
        forms = dict(AwardForm.objects.using(self.alias).values_list("code", "id"))
        wanted = {}
        for host in hosts:
            old = host.district is not None
            wanted[("chairman", (host.district or host.unit).id)] = old
            wanted[("province", host.province.id)] = old
            wanted[("police", host.province.id)] = old
        existing = {
            (position, unit_id): pk
            for pk, position, unit_id in IssuingAuthority.objects.using(self.alias).values_list(
                "id", "position", "unit_id"
            )
        }
        new = []
        for (kind, unit_id), _old in wanted.items():
            unit = tree.units[unit_id]
            position = AUTHORITY_KINDS[kind][0].format(unit=unit.in_sentence)
            if (position, unit_id) in existing:
                continue
            authority = IssuingAuthority(
                position=position,
                unit_id=unit_id,
                # Units of the old tree stop on 30 June 2025; today's communes start on 1 July.
                valid_to=LAST_THREE_TIER_DAY if unit.valid_to else None,
                valid_from=TWO_TIER_START if unit.level == 3 and unit.valid_to is None else None,
            )
            authority.refresh_search_text()
            new.append((kind, authority))
        IssuingAuthority.objects.using(self.alias).bulk_create([a for _k, a in new])
        through = IssuingAuthority.forms.through
        through.objects.using(self.alias).bulk_create(
            [
                through(issuingauthority_id=a.pk, awardform_id=forms[code])
                for kind, a in new
                for code in AUTHORITY_KINDS[kind][3]
            ]
        )
        for _kind, a in new:
            existing[(a.position, a.unit_id)] = a.pk
        for kind, unit_id in wanted:
            position = AUTHORITY_KINDS[kind][0].format(unit=tree.units[unit_id].in_sentence)
            _position, title, symbol, _forms = AUTHORITY_KINDS[kind]
            self.by_key[(kind, unit_id)] = (existing[(position, unit_id)], symbol, title)
        return len(new)

    def next_number(self, authority_id, year):
        key = (authority_id, year)
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]


def award_forms_ensure_defaults_on(alias):
    if alias == "default":
        award_forms_ensure_defaults()


def decision_add(gen, festival, *, kind, unit_id):
    """Write a decision of `kind` for the festival; returns its id and date."""
    authority_id, symbol, title = gen.authorities.by_key[(kind, unit_id)]
    day = festival.starts_at.date() - datetime.timedelta(days=gen.rng.randint(2, 12))
    number = f"{gen.authorities.next_number(authority_id, day.year)}/{symbol}"
    signer = gen.names.person()
    signer_title = title if gen.rng.random() < 0.6 else f"Phó {title[0].lower()}{title[1:]}"
    decision_id = gen.ids.next(Decision)
    gen.tables[Decision].add(
        decision_id,
        number,
        day,
        authority_id,
        signer,
        signer_title,
        "",
        gen.user_id,
        gen.stamp(day),
        1,
        decision_search_text(number=number, signer_name=signer),
    )
    return decision_id, day
