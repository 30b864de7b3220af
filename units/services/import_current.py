"""Today's provinces and communes from the `vietnam-provinces` package, created or updated in bulk
with an audit entry for every row written."""

import datetime
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db import transaction

from core.audit import AuditChange, audit_log_bulk
from units.enums import UnitKind, UnitLevel
from units.models import AdministrativeUnit
from units.services.scope import units_rebuild_scope

# 1 July 2025: Vietnam's two-tier administration (34 provinces, 3,321 communes) takes effect.
TWO_TIER_START = datetime.date(2025, 7, 1)

# The fields of a created unit written to its audit entry: the entry's name, the attribute.
_CREATED_FIELDS = [("code", "code"), ("name", "name"), ("kind", "kind"), ("parent", "parent_id")]


def _log_bulk_changes(created, updated, *, source):
    """Write audit entries for rows written with bulk_create/bulk_update (which send no signals)."""
    audit_log_bulk(
        [
            AuditChange(
                unit,
                LogEntry.Action.CREATE,
                {name: ["None", str(getattr(unit, attr))] for name, attr in _CREATED_FIELDS},
            )
            for unit in created
        ]
        + [AuditChange(unit, LogEntry.Action.UPDATE, changes) for unit, changes in updated],
        additional_data={"source": source},
    )


_PACKAGE_KINDS = {
    "tỉnh": UnitKind.PROVINCE,
    "thành phố trung ương": UnitKind.MUNICIPALITY,
    "xã": UnitKind.COMMUNE,
    "phường": UnitKind.WARD,
    "đặc khu": UnitKind.SPECIAL_ZONE,
}


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def units_import_current(*, provinces=None, wards=None):
    """Create or update today's provinces and communes from the `vietnam-provinces` package.

    Idempotent: current rows are matched by level and code; a row whose name, kind or parent
    changed is updated, a missing one is created. Returns counts per level.
    """
    # Imported here: loading the package's data takes a while and only this import needs it.
    from vietnam_provinces import Province, Ward

    provinces = list(Province.iter_all()) if provinces is None else provinces
    wards = list(Ward.iter_all()) if wards is None else wards
    counts = {UnitLevel.PROVINCE: ImportCounts(), UnitLevel.COMMUNE: ImportCounts()}

    with transaction.atomic():
        province_rows = _sync_level(
            UnitLevel.PROVINCE,
            [
                (
                    f"{int(p.code):02d}",
                    _province_full_name(p),
                    _PACKAGE_KINDS[p.division_type.value],
                    None,
                )
                for p in provinces
            ],
            valid_from=None,
            counts=counts[UnitLevel.PROVINCE],
        )
        _sync_level(
            UnitLevel.COMMUNE,
            [
                (
                    f"{int(w.code):05d}",
                    w.name,
                    _PACKAGE_KINDS[w.division_type.value],
                    province_rows[f"{int(w.province_code):02d}"].pk,
                )
                for w in wards
            ],
            valid_from=TWO_TIER_START,
            counts=counts[UnitLevel.COMMUNE],
        )
        if (
            counts[UnitLevel.PROVINCE].created
            or counts[UnitLevel.COMMUNE].created
            or any(c.updated for c in counts.values())
        ):
            units_rebuild_scope()
    return counts


def _province_full_name(province):
    """The package names cities "Thành phố Hà Nội" but provinces only "Thanh Hóa"."""
    if province.division_type.value == "tỉnh" and not province.name.startswith("Tỉnh "):
        return f"Tỉnh {province.name}"
    return province.name


def _sync_level(level, wanted, *, valid_from, counts):
    existing = {
        unit.code: unit
        for unit in AdministrativeUnit.objects.filter(level=level, valid_to__isnull=True)
    }
    created, updated = [], []
    for code, name, kind, parent_id in wanted:
        unit = existing.get(code)
        if unit is None:
            unit = AdministrativeUnit(
                code=code,
                name=name,
                kind=kind,
                level=level,
                parent_id=parent_id,
                valid_from=valid_from,
            )
            unit.refresh_search_text()
            created.append(unit)
            existing[code] = unit
            continue
        changes = {}
        for attr, value in [("name", name), ("kind", kind), ("parent_id", parent_id)]:
            if getattr(unit, attr) != value:
                changes[attr.removesuffix("_id")] = [str(getattr(unit, attr)), str(value)]
                setattr(unit, attr, value)
        if changes:
            unit.refresh_search_text()
            updated.append((unit, changes))
        else:
            counts.unchanged += 1
    AdministrativeUnit.objects.bulk_create(created, batch_size=1000)
    AdministrativeUnit.objects.bulk_update(
        [unit for unit, _changes in updated],
        ["name", "kind", "parent", "search_text"],
        batch_size=1000,
    )
    _log_bulk_changes(created, updated, source="import_units")
    counts.created += len(created)
    counts.updated += len(updated)
    return existing
