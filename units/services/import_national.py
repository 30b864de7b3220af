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

import time
from collections import defaultdict

from django.db import connection, transaction

from units.enums import UnitLevel
from units.models import AdministrativeUnit, UnitScope, UnitSuccession
from units.services.import_current import TWO_TIER_START
from units.services.national_data import (
    COMMUNE_KINDS,
    DISTRICT_KINDS,
    LAST_THREE_TIER_DAY,
    PROVINCE_KINDS,
    NationalImportReport,
    load_national_data,
    name_key,
    proper_name,
    same_name,
)
from units.services.national_successions import SuccessionsMixin
from units.services.scope import units_rebuild_scope


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


class _Importer(SuccessionsMixin):
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
            by_name[proper_name(unit.name)].append(unit)
        found = {}
        for row in {r["provinceKey"]: r for r in self.data.current}.values():
            unit = by_code.get(row["provinceCode"])
            if unit is not None and same_name(unit.name, row["province"]):
                found[row["provinceKey"]] = unit
                continue
            candidates = by_name.get(proper_name(row["province"]), [])
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
            by_name[(unit.parent_id, name_key(unit.name))].append(unit)
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
                and same_name(unit.name, row["ward"])
                and unit.pk not in claimed
            ):
                self.report.current_by_code += 1
            else:
                candidates = [
                    u
                    for u in by_name.get((province.pk, name_key(row["ward"])), [])
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
            kind = PROVINCE_KINDS["Thành phố" if name.startswith("Thành phố") else "Tỉnh"]
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
            kind = DISTRICT_KINDS.get(row["districtType"])
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
            kind = COMMUNE_KINDS.get(row["wardType"])
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
        if not same_name(unit.name, name):
            self.report.notes.append(
                f"{unit.code}: kept {unit.name} (vietnamadminunits says {name})"
            )

    # the successions of 1 July 2025 -------------------------------------------------------------
