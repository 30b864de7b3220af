"""The national tree of 30 June 2025 and the 2025 conversion map from the `vietnamadminunits`
package, on top of today's units from `vietnam-provinces`.

The package ships, as data, the 63 provinces, 696 districts and 10,035 communes as they stood on
30 June 2025 (its table has 10,040 rows: five island districts had no communes), today's 34
provinces and 3,321 communes, and the map from the first to the second: which old province went
into which new one, which old commune went whole into which new one, and which old communes were
divided between several (one of them the default). This module turns that into closed units
(valid to 30 June 2025) and successions dated 1 July 2025, in bulk, matching whatever is already
there (today's units, history imported from CSV such as thị trấn Rừng Thông's) instead of
duplicating it.
"""

import datetime
import importlib.util
import json
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from auditlog.models import LogEntry
from django.db import connection, transaction

from core.audit import AuditChange, audit_log_bulk, audit_text
from core.search import normalize_search_text
from units.enums import SuccessionKind, UnitKind, UnitLevel
from units.models import AdministrativeUnit, UnitScope, UnitSuccession
from units.services.import_current import TWO_TIER_START
from units.services.scope import units_rebuild_scope

PACKAGE = "vietnamadminunits"
# The last day of the three-tier administration.
LAST_THREE_TIER_DAY = TWO_TIER_START - datetime.timedelta(days=1)
# Resolution of the National Assembly on the arrangement of provinces (12 June 2025).
PROVINCE_LEGAL_BASIS = "Nghị quyết 202/2025/QH15"
SOURCE = "import_units (vietnamadminunits)"

_PROVINCE_KINDS = {"Tỉnh": UnitKind.PROVINCE, "Thành phố": UnitKind.MUNICIPALITY}
_DISTRICT_KINDS = {
    "Quận": UnitKind.URBAN_DISTRICT,
    "Huyện": UnitKind.DISTRICT,
    "Thị xã": UnitKind.TOWN,
    "Thành phố": UnitKind.PROVINCIAL_CITY,
}
_COMMUNE_KINDS = {"Phường": UnitKind.WARD, "Thị trấn": UnitKind.TOWNSHIP, "Xã": UnitKind.COMMUNE}
_UPGRADED_KINDS = {UnitKind.WARD, UnitKind.SPECIAL_ZONE}


# --- the package's data ---------------------------------------------------------------------------


@dataclass
class NationalData:
    """The package's tables, as plain rows.

    legacy      one dict per commune of 30 June 2025 (an island district without communes has a
                row with an empty ward): province, district and ward codes, names, kinds and keys
    current     one dict per commune of today: province and ward codes, names and keys
    provinces   new province key → the keys of the old provinces it was formed from
    whole       new province key → new ward key → keys "province_district_ward" of the old
                communes that went into it whole
    divided     new province key → old commune key → [(new ward key, is default)]
    """

    legacy: list
    current: list
    provinces: dict
    whole: dict
    divided: dict
    version: str = ""


def _package_folder():
    # find_spec locates the package without running its __init__ (which loads its parsers).
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"The {PACKAGE} package is not installed (pip install {PACKAGE}).")
    return Path(next(iter(spec.submodule_search_locations)))


def _package_version():
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PACKAGE)
    except PackageNotFoundError:  # pragma: no cover - installed without metadata
        return ""


_LEGACY_SQL = """
    SELECT provinceKey, provinceCode, province, districtKey, districtCode, district, districtType,
           COALESCE(wardKey, '') AS wardKey, wardCode, ward, wardType
    FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode
"""
_CURRENT_SQL = """
    SELECT provinceKey, provinceCode, province, wardKey, wardCode, ward
    FROM admin_units ORDER BY provinceCode, wardCode
"""


def load_national_data():
    """The package's tables of 30 June 2025, of today and its 2025 conversion map."""
    folder = _package_folder() / "data"
    with sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True) as connection:
        connection.row_factory = sqlite3.Row
        legacy = [dict(row) for row in connection.execute(_LEGACY_SQL)]
        current = [dict(row) for row in connection.execute(_CURRENT_SQL)]
    connection.close()
    with open(folder / "converter_2025.json", encoding="utf-8") as handle:
        conversion = json.load(handle)
    divided = {
        province: {
            old_key: [(new["newWardKey"], bool(new["isDefaultNewWard"])) for new in successors]
            for old_key, successors in communes.items()
        }
        for province, communes in conversion["DICT_PROVINCE_WARD_DIVIDED"].items()
    }
    return NationalData(
        legacy=legacy,
        current=current,
        provinces=conversion["DICT_PROVINCE"],
        whole=conversion["DICT_PROVINCE_WARD_NO_DIVIDED"],
        divided=divided,
        version=_package_version(),
    )


# --- the report -----------------------------------------------------------------------------------


@dataclass
class Counts:
    created: int = 0
    matched: int = 0
    skipped: int = 0

    def __str__(self):
        return f"{self.created} created, {self.matched} matched, {self.skipped} skipped"


@dataclass
class NationalImportReport:
    """What the import created, matched and skipped, and why it matched or skipped some."""

    provinces: Counts = field(default_factory=Counts)
    districts: Counts = field(default_factory=Counts)
    communes: Counts = field(default_factory=Counts)
    successions: Counts = field(default_factory=Counts)
    # Today's units of the package found among today's units of `vietnam-provinces`.
    current_by_code: int = 0
    current_by_name: list = field(default_factory=list)  # notes: the packages disagree on a code
    current_unmatched: list = field(default_factory=list)
    # Today's units given the start of their validity (1 July 2025).
    dated: int = 0
    notes: list = field(default_factory=list)
    scope_rows: int = 0
    scope_seconds: float = 0.0
    seconds: float = 0.0
    version: str = ""

    @property
    def changed(self):
        return bool(
            self.provinces.created
            or self.districts.created
            or self.communes.created
            or self.successions.created
            or self.dated
        )

    def lines(self, *, verbose=False, examples=5):
        """The summary as lines of text (the command prints them)."""
        lines = [
            f"30 June 2025 tree (vietnamadminunits {self.version}):",
            f"  provinces: {self.provinces}",
            f"  districts: {self.districts}",
            f"  communes: {self.communes}",
            f"  successions of 1 July 2025: {self.successions}",
            f"  today's units matched: {self.current_by_code} by code, "
            f"{len(self.current_by_name)} by name, {len(self.current_unmatched)} not found",
        ]
        if self.dated:
            lines.append(f"  today's units dated from 01/07/2025: {self.dated}")
        for title, notes in [
            (
                "Where vietnamadminunits and vietnam-provinces disagree on a code, "
                "matched by name within the province:",
                self.current_by_name,
            ),
            ("Not found among today's units (their successions skipped):", self.current_unmatched),
            ("Notes:", self.notes),
        ]:
            if not notes:
                continue
            lines.append(f"  {title}")
            shown = notes if verbose else notes[:examples]
            lines += [f"    {note}" for note in shown]
            if len(notes) > len(shown):
                lines.append(f"    … and {len(notes) - len(shown)} more (-v 2 lists them all)")
        if self.scope_rows:
            lines.append(f"  scope: {self.scope_rows} rows changed in {self.scope_seconds:.1f} s")
        lines.append(f"  done in {self.seconds:.1f} s")
        return lines


def _same_name(a, b):
    """Names equal but for diacritic placement (Hòa/Hoà), spaces, case and apostrophes."""
    return _name_key(a) == _name_key(b)


_PUNCTUATION = str.maketrans({"’": None, "'": None, "-": " ", "–": " ", "—": " "})


def _name_key(name):
    return normalize_search_text((name or "").translate(_PUNCTUATION))


def _proper_name(name):
    """The name without its kind word: "Phường Rừng Thông" → "rung thong"."""
    key = _name_key(name)
    for word in ("thanh pho", "thi tran", "thi xa", "dac khu", "phuong", "huyen", "quan", "tinh"):
        if key.startswith(word + " "):
            return key.removeprefix(word + " ")
    return key.removeprefix("xa ")


def national_history_loaded():
    """True when the communes of 30 June 2025 are there (one indexed query)."""
    return (
        AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT)
        .valid_on(LAST_THREE_TIER_DAY)
        .exists()
    )


# --- the import -----------------------------------------------------------------------------------


def units_import_national(*, data=None):
    """Add the tree of 30 June 2025 and the successions of 1 July 2025, idempotently.

    Today's units must be there (`units_import_current`). Old units already present — matched by
    level and code among the units valid on 30 June 2025 — are kept as they are; so are recorded
    successions. Everything written is audited in bulk and the scope closure rebuilt once.
    """
    started = time.monotonic()
    data = data or load_national_data()
    report = NationalImportReport(version=data.version)
    with transaction.atomic():
        importer = _Importer(data, report)
        importer.run()
        if report.changed:
            scope_started = time.monotonic()
            report.scope_rows = units_rebuild_scope()
            report.scope_seconds = time.monotonic() - scope_started
            _analyze()
    report.seconds = time.monotonic() - started
    return report


def _analyze():
    """Refresh PostgreSQL's statistics of the tables just filled: without them it plans the
    searches over fourteen thousand units as if the tables were empty (seconds, not milliseconds)
    until autovacuum comes by. (SQLite plans them well without.)"""
    if connection.vendor != "postgresql":
        return
    tables = [m._meta.db_table for m in (AdministrativeUnit, UnitSuccession, UnitScope)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


class _Importer:
    def __init__(self, data, report):
        self.data = data
        self.report = report
        self.created_units = []
        self.dated_units = []

    def run(self):
        new_provinces = self._match_new_provinces()
        new_communes = self._match_new_communes(new_provinces)
        merged = {key for key, olds in self.data.provinces.items() if len(olds) > 1}
        self._date_current_units(
            [new_provinces[key] for key in merged if key in new_provinces],
            list(new_communes.values()),
        )
        old_provinces = self._old_provinces(new_provinces, merged)
        old_districts = self._old_districts(old_provinces)
        old_communes = self._old_communes(old_districts)
        successions = self._successions(
            new_provinces, new_communes, merged, old_provinces, old_districts, old_communes
        )
        self._audit(successions)

    # today's units ------------------------------------------------------------------------------

    def _match_new_provinces(self):
        current = list(
            AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, valid_to__isnull=True)
        )
        by_code = {unit.code: unit for unit in current}
        by_name = defaultdict(list)
        for unit in current:
            by_name[_proper_name(unit.name)].append(unit)
        found = {}
        for row in {r["provinceKey"]: r for r in self.data.current}.values():
            unit = by_code.get(row["provinceCode"])
            if unit is not None and _same_name(unit.name, row["province"]):
                found[row["provinceKey"]] = unit
                continue
            candidates = by_name.get(_proper_name(row["province"]), [])
            if len(candidates) == 1:
                found[row["provinceKey"]] = candidates[0]
                self.report.current_by_name.append(
                    f"{row['province']}: {row['provinceCode']} in vietnamadminunits, "
                    f"{candidates[0].code} in vietnam-provinces"
                )
            else:
                self.report.current_unmatched.append(f"{row['province']} ({row['provinceCode']})")
        return found

    def _match_new_communes(self, new_provinces):
        current = list(
            AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_to__isnull=True)
        )
        by_code = {unit.code: unit for unit in current}
        by_name = defaultdict(list)
        for unit in current:
            by_name[(unit.parent_id, _name_key(unit.name))].append(unit)
        found, claimed = {}, set()
        for row in self.data.current:
            province = new_provinces.get(row["provinceKey"])
            label = f"{row['ward']}, {row['province']} ({row['wardCode']})"
            if province is None:
                self.report.current_unmatched.append(label)
                continue
            unit = by_code.get(row["wardCode"])
            if (
                unit is not None
                and unit.parent_id == province.pk
                and _same_name(unit.name, row["ward"])
                and unit.pk not in claimed
            ):
                self.report.current_by_code += 1
            else:
                candidates = [
                    u
                    for u in by_name.get((province.pk, _name_key(row["ward"])), [])
                    if u.pk not in claimed
                ]
                if len(candidates) != 1:
                    self.report.current_unmatched.append(label)
                    continue
                unit = candidates[0]
                self.report.current_by_name.append(
                    f"{row['ward']}, {province.name}: {row['wardCode']} in vietnamadminunits, "
                    f"{unit.code} in vietnam-provinces"
                    + (
                        f" (where {row['wardCode']} is {by_code[row['wardCode']].name})"
                        if row["wardCode"] in by_code
                        else ""
                    )
                )
            claimed.add(unit.pk)
            found[(row["provinceKey"], row["wardKey"])] = unit
        return found

    def _date_current_units(self, provinces, communes):
        """Today's merged provinces and today's communes begin on 1 July 2025 (the province rows
        come without a start: unchanged provinces are the same unit before and after)."""
        for unit in [*provinces, *communes]:
            if unit.valid_from is None:
                unit.valid_from = TWO_TIER_START
                self.dated_units.append(unit)
        AdministrativeUnit.objects.bulk_update(self.dated_units, ["valid_from"], batch_size=1000)
        self.report.dated = len(self.dated_units)

    # the tree of 30 June 2025 -------------------------------------------------------------------

    def _existing_old(self, level):
        """Closed units of `level` valid on 30 June 2025, by code."""
        return {
            unit.code: unit
            for unit in AdministrativeUnit.objects.filter(level=level, valid_to__isnull=False)
            .valid_on(LAST_THREE_TIER_DAY)
            .order_by("valid_from")
        }

    def _create(self, wanted, counts):
        AdministrativeUnit.objects.bulk_create(wanted, batch_size=2000)
        self.created_units += wanted
        counts.created += len(wanted)

    def _new_unit(self, *, code, name, kind, parent):
        unit = AdministrativeUnit(
            code=code,
            name=name,
            kind=kind,
            level=kind.level,
            parent=parent,
            valid_from=None,
            valid_to=LAST_THREE_TIER_DAY,
        )
        unit.refresh_search_text()
        return unit

    def _old_provinces(self, new_provinces, merged):
        counts = self.report.provinces
        new_of_old = {old: new for new, olds in self.data.provinces.items() for old in olds}
        existing = self._existing_old(UnitLevel.PROVINCE)
        found, wanted = {}, []
        for row in {r["provinceKey"]: r for r in self.data.legacy}.values():
            key, code, name = row["provinceKey"], row["provinceCode"], row["province"]
            new_key = new_of_old.get(key)
            if new_key is not None and new_key not in merged:
                # Unchanged on 1 July 2025: the same unit, today's row.
                unit = new_provinces.get(new_key)
                if unit is None:
                    counts.skipped += 1
                    continue
                found[key] = unit
                counts.matched += 1
                continue
            unit = existing.get(code)
            if unit is not None:
                self._note_differences(unit, name)
                found[key] = unit
                counts.matched += 1
                continue
            kind = _PROVINCE_KINDS["Thành phố" if name.startswith("Thành phố") else "Tỉnh"]
            unit = self._new_unit(code=code, name=name, kind=kind, parent=None)
            found[key] = unit
            wanted.append(unit)
        self._create(wanted, counts)
        return found

    def _old_districts(self, old_provinces):
        counts = self.report.districts
        existing = self._existing_old(UnitLevel.DISTRICT)
        found, wanted = {}, []
        for row in {(r["provinceKey"], r["districtKey"]): r for r in self.data.legacy}.values():
            key = (row["provinceKey"], row["districtKey"])
            parent = old_provinces.get(row["provinceKey"])
            unit = existing.get(row["districtCode"])
            if unit is not None:
                self._note_differences(unit, row["district"])
                found[key] = unit
                counts.matched += 1
                continue
            kind = _DISTRICT_KINDS.get(row["districtType"])
            if parent is None or kind is None:
                counts.skipped += 1
                self.report.notes.append(f"{row['district']} ({row['districtCode']}): skipped")
                continue
            unit = self._new_unit(
                code=row["districtCode"], name=row["district"], kind=kind, parent=parent
            )
            found[key] = unit
            wanted.append(unit)
        self._create(wanted, counts)
        return found

    def _old_communes(self, old_districts):
        counts = self.report.communes
        existing = self._existing_old(UnitLevel.COMMUNE)
        found, wanted = {}, []
        for row in self.data.legacy:
            if not row["wardKey"]:
                continue  # an island district without communes
            key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"
            unit = existing.get(row["wardCode"])
            if unit is not None:
                self._note_differences(unit, row["ward"])
                found[key] = unit
                counts.matched += 1
                continue
            parent = old_districts.get((row["provinceKey"], row["districtKey"]))
            kind = _COMMUNE_KINDS.get(row["wardType"])
            if parent is None or kind is None:
                counts.skipped += 1
                self.report.notes.append(f"{row['ward']} ({row['wardCode']}): skipped")
                continue
            unit = self._new_unit(code=row["wardCode"], name=row["ward"], kind=kind, parent=parent)
            found[key] = unit
            wanted.append(unit)
        self._create(wanted, counts)
        return found

    def _note_differences(self, unit, name):
        if not _same_name(unit.name, name):
            self.report.notes.append(
                f"{unit.code}: kept {unit.name} (vietnamadminunits says {name})"
            )

    # the successions of 1 July 2025 -------------------------------------------------------------

    def _successions(
        self, new_provinces, new_communes, merged, old_provinces, old_districts, old_communes
    ):
        counts = self.report.successions
        # (predecessor, successor, kind, is_default, legal basis); None stands for a unit that
        # could not be matched.
        edges = []
        for new_key in sorted(merged):
            for old_key in self.data.provinces[new_key]:
                edges.append(
                    (
                        old_provinces.get(old_key),
                        new_provinces.get(new_key),
                        SuccessionKind.MERGE,
                        False,
                        PROVINCE_LEGAL_BASIS,
                    )
                )

        def old_unit(old_key):
            province_key, district_key, ward_key = old_key.split("_", 2)
            if ward_key:
                return old_communes.get(old_key)
            return old_districts.get((province_key, district_key))

        predecessor_count = defaultdict(int)
        for province_key, communes in self.data.whole.items():
            for ward_key, olds in communes.items():
                predecessor_count[(province_key, ward_key)] += len(olds)
        for province_key, olds in self.data.divided.items():
            for successors in olds.values():
                for ward_key, _default in successors:
                    predecessor_count[(province_key, ward_key)] += 1

        for province_key, communes in sorted(self.data.whole.items()):
            for ward_key, olds in sorted(communes.items()):
                successor = new_communes.get((province_key, ward_key))
                several = predecessor_count[(province_key, ward_key)] > 1
                for old_key in olds:
                    predecessor = old_unit(old_key)
                    kind = (
                        SuccessionKind.MERGE
                        if several
                        else _one_to_one_kind(predecessor, successor)
                    )
                    edges.append((predecessor, successor, kind, False, ""))
        for province_key, olds in sorted(self.data.divided.items()):
            for old_key, successors in sorted(olds.items()):
                predecessor = old_unit(old_key)
                for ward_key, is_default in successors:
                    successor = new_communes.get((province_key, ward_key))
                    edges.append((predecessor, successor, SuccessionKind.SPLIT, is_default, ""))

        recorded = defaultdict(set)
        for predecessor_id, successor_id in UnitSuccession.objects.filter(
            date=TWO_TIER_START
        ).values_list("predecessor_id", "successor_id"):
            recorded[predecessor_id].add(successor_id)
        all_pairs = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))
        wanted_by_predecessor = defaultdict(set)
        for predecessor, successor, *_rest in edges:
            if predecessor is not None and successor is not None:
                wanted_by_predecessor[predecessor.pk].add(successor.pk)

        created = []
        for predecessor, successor, kind, is_default, legal_basis in edges:
            if predecessor is None or successor is None:
                counts.skipped += 1
                continue
            pair = (predecessor.pk, successor.pk)
            if pair in all_pairs:
                counts.matched += 1
                continue
            already = recorded.get(predecessor.pk)
            if already and not already & wanted_by_predecessor[predecessor.pk]:
                # Recorded history says otherwise: keep it, say so.
                counts.skipped += 1
                self.report.notes.append(
                    f"{predecessor.name} ({predecessor.code}): kept its recorded successors; "
                    f"vietnamadminunits says {successor.name} ({successor.code})"
                )
                continue
            all_pairs.add(pair)
            created.append(
                UnitSuccession(
                    predecessor=predecessor,
                    successor=successor,
                    date=TWO_TIER_START,
                    kind=kind,
                    is_default=is_default,
                    legal_basis=legal_basis,
                )
            )
        UnitSuccession.objects.bulk_create(created, batch_size=2000)
        counts.created += len(created)
        return created

    # the audit trail ----------------------------------------------------------------------------

    def _audit(self, successions):
        changes = [
            AuditChange(
                unit,
                LogEntry.Action.CREATE,
                {
                    "code": ["None", unit.code],
                    "name": ["None", unit.name],
                    "kind": ["None", unit.kind],
                    "parent": ["None", audit_text(unit.parent_id)],
                    "valid_to": ["None", audit_text(unit.valid_to)],
                },
            )
            for unit in self.created_units
        ]
        changes += [
            AuditChange(
                unit, LogEntry.Action.UPDATE, {"valid_from": ["None", audit_text(unit.valid_from)]}
            )
            for unit in self.dated_units
        ]
        changes += [
            AuditChange(
                succession,
                LogEntry.Action.CREATE,
                {
                    "predecessor": ["None", audit_text(succession.predecessor_id)],
                    "successor": ["None", audit_text(succession.successor_id)],
                    "date": ["None", audit_text(succession.date)],
                    "kind": ["None", succession.kind],
                    "is_default": ["None", audit_text(succession.is_default)],
                    "legal_basis": ["None", succession.legal_basis],
                },
            )
            for succession in successions
        ]
        version = f" {self.data.version}" if self.data.version else ""
        audit_log_bulk(changes, additional_data={"source": f"{SOURCE}{version}"})


def _one_to_one_kind(predecessor, successor):
    """A commune that went whole into a new commune formed from it alone."""
    if predecessor is None or successor is None:
        return SuccessionKind.CONTINUE
    if _same_name(predecessor.name, successor.name):
        return SuccessionKind.CONTINUE
    if (
        _proper_name(predecessor.name) == _proper_name(successor.name)
        and successor.kind in _UPGRADED_KINDS
        and predecessor.kind not in _UPGRADED_KINDS
    ):
        return SuccessionKind.UPGRADE
    return SuccessionKind.RENAME
