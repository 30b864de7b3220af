"""Which communes hold a festival in which year, and the names around each of them.

Years before 2025 use the communes of the three-tier tree (closed on 30 June 2025, imported by
`manage.py import_units`), years from 2025 today's communes: the festival is recorded at the unit
as it was. At scale 1.0 every commune holds one festival a year, 2016–2026; a smaller scale keeps
the same fraction of communes (the same ones every year), a larger one adds festivals.
"""

import datetime
import math
import zlib
from dataclasses import dataclass, field

from django.utils import timezone

from units.enums import UnitKind, UnitLevel
from units.models import AdministrativeUnit, UnitSuccession
from units.services import TWO_TIER_START

FIRST_YEAR = 2016
LAST_YEAR = 2026
# The festival is held around 19 August; the tree of that day decides the host commune.
FESTIVAL_DAY = (8, 19)

# How a unit's kind is written inside a sentence ("UBND huyện Đông Sơn").
_LOWER_KIND = {
    UnitKind.PROVINCE: "tỉnh",
    UnitKind.MUNICIPALITY: "thành phố",
    UnitKind.DISTRICT: "huyện",
    UnitKind.URBAN_DISTRICT: "quận",
    UnitKind.TOWN: "thị xã",
    UnitKind.PROVINCIAL_CITY: "thành phố",
    UnitKind.COMMUNE: "xã",
    UnitKind.WARD: "phường",
    UnitKind.TOWNSHIP: "thị trấn",
    UnitKind.SPECIAL_ZONE: "đặc khu",
}


@dataclass
class Unit:
    id: int
    code: str
    name: str
    kind: str
    level: int
    parent_id: int | None
    valid_from: datetime.date | None
    valid_to: datetime.date | None

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    @property
    def in_sentence(self):
        """ "huyện Đông Sơn" for Huyện Đông Sơn: the name as written after a title."""
        word = _LOWER_KIND.get(self.kind)
        name = self.name
        for prefix in (word.capitalize(), word.title()) if word else ():
            if name.startswith(prefix + " "):
                return f"{word} {name[len(prefix) + 1 :]}"
        return name

    @property
    def short(self):
        """ "Đông Sơn" for Huyện Đông Sơn."""
        word = _LOWER_KIND.get(self.kind)
        return (
            self.in_sentence[len(word) + 1 :]
            if word and self.in_sentence != self.name
            else self.name
        )


@dataclass
class Host:
    """One festival to make: the commune, its district (None after 2025) and province."""

    unit: Unit
    district: Unit | None
    province: Unit
    year: int
    index: int  # 0 for the commune's first festival of the year, 1… at scales above 1


@dataclass
class UnitTree:
    units: dict = field(default_factory=dict)
    successions: dict = field(default_factory=dict)  # predecessor id → [(successor id, default)]
    _successors: dict = field(default_factory=dict)

    @classmethod
    def load(cls, alias):
        tree = cls()
        for row in AdministrativeUnit.objects.using(alias).values_list(
            "id", "code", "name", "kind", "level", "parent_id", "valid_from", "valid_to"
        ):
            tree.units[row[0]] = Unit(*row)
        today = timezone.localdate()
        for pred, succ, default in (
            UnitSuccession.objects.using(alias)
            .filter(date__lte=today)
            .order_by("date", "pk")
            .values_list("predecessor_id", "successor_id", "is_default")
        ):
            tree.successions.setdefault(pred, []).append((succ, default))
        return tree

    def chain(self, unit):
        """The unit and its parents, the unit first."""
        units = []
        while unit is not None:
            units.append(unit)
            unit = self.units.get(unit.parent_id)
        return units

    def current_successors(self, unit):
        """The same walk as `units.selectors.unit_current_successors`, on the loaded tree."""
        if unit.id in self._successors:
            return self._successors[unit.id]
        today = timezone.localdate()
        result, seen, frontier = {}, {unit.id}, [(unit, True)]
        while frontier:
            next_frontier = []
            for current, main in frontier:
                if current.is_valid_on(today):
                    result[current.id] = (current, main)
                    continue
                successions = self.successions.get(current.id, [])
                for successor_id, is_default in successions:
                    if successor_id not in seen:
                        seen.add(successor_id)
                        next_frontier.append(
                            (
                                self.units[successor_id],
                                main and (len(successions) == 1 or is_default),
                            )
                        )
            frontier = next_frontier
        found = [
            u for u, _m in sorted(result.values(), key=lambda r: (not r[1], r[0].level, r[0].code))
        ]
        self._successors[unit.id] = found
        return found

    def communes_of_year(self, year):
        """The communes that hold that year's festival: the old tree's before 1 July 2025."""
        day = datetime.date(year, *FESTIVAL_DAY)
        old_tree = day < TWO_TIER_START
        return sorted(
            (
                u
                for u in self.units.values()
                if u.level == UnitLevel.COMMUNE
                and u.is_valid_on(day)
                and (u.valid_to is not None) == old_tree
            ),
            key=lambda u: (u.code, u.id),
        )


def _share(seed, unit):
    """A stable number in [0, 1) for the unit: the same communes are kept at every run."""
    return zlib.crc32(f"{seed}:{unit.level}:{unit.code}:{unit.name}".encode()) / 2**32


def plan_hosts(tree, *, scale, seed):
    """Every festival to make, year by year, commune by commune."""
    whole, part = math.floor(scale), scale - math.floor(scale)
    hosts = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for unit in tree.communes_of_year(year):
            count = whole + (1 if _share(seed, unit) < part else 0)
            parent = tree.units.get(unit.parent_id)
            if parent is not None and parent.level == UnitLevel.DISTRICT:
                district, province = parent, tree.units[parent.parent_id]
            else:
                district, province = None, parent
            for index in range(count):
                hosts.append(Host(unit, district, province, year, index))
    return hosts
