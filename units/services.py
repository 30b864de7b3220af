"""Every write to units, successions and the scope closure."""

import datetime
from collections import deque
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.search import normalize_search_text
from units.enums import KIND_LEVEL, SuccessionKind, UnitKind, UnitLevel
from units.models import AdministrativeUnit, UnitScope, UnitSuccession

# 1 July 2025: Vietnam's two-tier administration (34 provinces, 3,321 communes) takes effect.
TWO_TIER_START = datetime.date(2025, 7, 1)

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


def _log_bulk_changes(created, updated, *, source):
    """Write audit entries for rows written with bulk_create/bulk_update (which send no signals)."""
    content_type = ContentType.objects.get_for_model(AdministrativeUnit)
    entries = [
        LogEntry(
            content_type=content_type,
            object_pk=str(unit.pk),
            object_id=unit.pk,
            object_repr=str(unit),
            action=LogEntry.Action.CREATE,
            changes={
                name: ["None", str(getattr(unit, attr))]
                for name, attr in [
                    ("code", "code"),
                    ("name", "name"),
                    ("kind", "kind"),
                    ("parent", "parent_id"),
                ]
            },
            additional_data={"source": source},
        )
        for unit in created
    ] + [
        LogEntry(
            content_type=content_type,
            object_pk=str(unit.pk),
            object_id=unit.pk,
            object_repr=str(unit),
            action=LogEntry.Action.UPDATE,
            changes=changes,
            additional_data={"source": source},
        )
        for unit, changes in updated
    ]
    LogEntry.objects.bulk_create(entries, batch_size=1000)


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


# --- CSV import of historical units and successions -------------------------------------------

UNIT_COLUMNS = ["code", "name", "kind", "parent_code", "valid_from", "valid_to"]
SUCCESSION_COLUMNS = ["predecessor_code", "successor_code", "date", "kind", "legal_basis"]

_KIND_WORDS = {
    **{normalize_search_text(kind.value): kind for kind in UnitKind},
    "tinh": UnitKind.PROVINCE,
    "thanh pho trung uong": UnitKind.MUNICIPALITY,
    "thanh pho truc thuoc trung uong": UnitKind.MUNICIPALITY,
    "huyen": UnitKind.DISTRICT,
    "quan": UnitKind.URBAN_DISTRICT,
    "thi xa": UnitKind.TOWN,
    "thanh pho": UnitKind.PROVINCIAL_CITY,
    "thanh pho thuoc tinh": UnitKind.PROVINCIAL_CITY,
    "xa": UnitKind.COMMUNE,
    "phuong": UnitKind.WARD,
    "thi tran": UnitKind.TOWNSHIP,
    "dac khu": UnitKind.SPECIAL_ZONE,
}
_SUCCESSION_WORDS = {
    **{kind.value: kind for kind in SuccessionKind},
    "sap nhap": SuccessionKind.MERGE,
    "hop nhat": SuccessionKind.MERGE,
    "chia tach": SuccessionKind.SPLIT,
    "doi ten": SuccessionKind.RENAME,
    "nang cap": SuccessionKind.UPGRADE,
}


@dataclass
class RowError:
    source: str
    line: int
    message: str

    def __str__(self):
        return _("%(source)s, line %(line)s: %(message)s") % {
            "source": self.source,
            "line": self.line,
            "message": self.message,
        }


@dataclass
class HistoryImportReport:
    units_created: int = 0
    units_updated: int = 0
    successions_created: int = 0
    successions_updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


class _Rollback(Exception):
    pass


def parse_date(text):
    """A date written as YYYY-MM-DD or DD/MM/YYYY; None when empty; ValueError otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is not a date (use DD/MM/YYYY or YYYY-MM-DD).") % {"value": text}
    )


def _missing_columns(rows_header, expected):
    return [column for column in expected if column not in (rows_header or [])]


def units_import_history(
    *,
    unit_rows=None,
    succession_rows=None,
    units_source="units.csv",
    successions_source="successions.csv",
):
    """Import historical units and successions from CSV rows (dicts), all or nothing.

    Units are matched by level, code and valid_from (re-importing a file changes nothing);
    successions by their predecessor and successor. With any bad row nothing is saved and the
    report lists every error with its line number.
    """
    report = HistoryImportReport()
    try:
        with transaction.atomic():
            if unit_rows is not None:
                _import_unit_rows(unit_rows, units_source, report)
            if succession_rows is not None:
                _import_succession_rows(succession_rows, successions_source, report)
            if report.errors:
                raise _Rollback
            units_rebuild_scope()
    except _Rollback:
        report.units_created = report.units_updated = 0
        report.successions_created = report.successions_updated = 0
    return report


def _rows_with_lines(rows, expected, source, report):
    header = getattr(rows, "fieldnames", None)
    if header is not None:
        missing = _missing_columns(header, expected)
        if missing:
            report.errors.append(
                RowError(
                    source, 1, _("missing columns: %(columns)s") % {"columns": ", ".join(missing)}
                )
            )
            return []
    # Line 1 is the header row.
    return [
        (line, {k: (v or "").strip() for k, v in row.items() if k})
        for line, row in enumerate(rows, start=2)
    ]


def _import_unit_rows(rows, source, report):
    for line, row in _rows_with_lines(rows, UNIT_COLUMNS, source, report):

        def error(message, line=line):
            report.errors.append(RowError(source, line, message))

        kind = _KIND_WORDS.get(normalize_search_text(row.get("kind")))
        if not row.get("code"):
            error(_("the code is empty"))
            continue
        if not row.get("name"):
            error(_("the name is empty"))
            continue
        if kind is None:
            error(_("unknown kind “%(kind)s”") % {"kind": row.get("kind", "")})
            continue
        try:
            valid_from = parse_date(row.get("valid_from"))
            valid_to = parse_date(row.get("valid_to"))
        except ValueError as exc:
            error(str(exc))
            continue
        level = KIND_LEVEL[kind]
        parent = None
        if row.get("parent_code"):
            reference = valid_from or valid_to
            candidates = AdministrativeUnit.objects.filter(code=row["parent_code"], level__lt=level)
            if reference:
                candidates = candidates.valid_on(reference)
            else:
                candidates = candidates.filter(valid_to__isnull=True)
            candidates = list(candidates[:2])
            if len(candidates) != 1:
                error(
                    _("no single parent unit with code %(code)s existed on %(date)s")
                    % {
                        "code": row["parent_code"],
                        "date": reference.strftime("%d/%m/%Y") if reference else _("today"),
                    }
                )
                continue
            parent = candidates[0]
        elif level != UnitLevel.PROVINCE:
            error(_("a district or commune needs a parent_code"))
            continue

        unit = AdministrativeUnit.objects.filter(
            level=level, code=row["code"], valid_from=valid_from
        ).first()
        is_new = unit is None
        unit = unit or AdministrativeUnit(code=row["code"], valid_from=valid_from)
        before = (unit.name, unit.kind, unit.parent_id, unit.valid_to)
        unit.name, unit.kind, unit.parent, unit.valid_to = row["name"], kind, parent, valid_to
        unit.level = level
        if not is_new and before == (unit.name, unit.kind, unit.parent_id, unit.valid_to):
            continue
        try:
            unit.full_clean()
        except ValidationError as exc:
            error(" ".join(exc.messages))
            continue
        unit.save()
        if is_new:
            report.units_created += 1
        else:
            report.units_updated += 1


def _import_succession_rows(rows, source, report):
    for line, row in _rows_with_lines(rows, SUCCESSION_COLUMNS, source, report):

        def error(message, line=line):
            report.errors.append(RowError(source, line, message))

        try:
            day = parse_date(row.get("date"))
        except ValueError as exc:
            error(str(exc))
            continue
        if day is None:
            error(_("the date is empty"))
            continue
        kind = _SUCCESSION_WORDS.get(normalize_search_text(row.get("kind")))
        if kind is None:
            error(_("unknown succession kind “%(kind)s”") % {"kind": row.get("kind", "")})
            continue
        predecessor = _single_unit(row.get("predecessor_code"), day - datetime.timedelta(days=1))
        successor = _single_unit(row.get("successor_code"), day)
        if predecessor is None:
            error(
                _(
                    "no single unit with code %(code)s existed on %(date)s, the day before the change"
                )
                % {
                    "code": row.get("predecessor_code"),
                    "date": (day - datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
                }
            )
            continue
        if successor is None:
            error(
                _("no single unit with code %(code)s existed on %(date)s")
                % {"code": row.get("successor_code"), "date": day.strftime("%d/%m/%Y")}
            )
            continue
        values = {"date": day, "kind": kind, "legal_basis": row.get("legal_basis", "")}
        succession = UnitSuccession.objects.filter(
            predecessor=predecessor, successor=successor
        ).first()
        if succession is None:
            UnitSuccession.objects.create(predecessor=predecessor, successor=successor, **values)
            report.successions_created += 1
        elif any(getattr(succession, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(succession, key, value)
            succession.save()
            report.successions_updated += 1


def _single_unit(code, day):
    if not code:
        return None
    units = list(AdministrativeUnit.objects.valid_on(day).filter(code=code)[:2])
    return units[0] if len(units) == 1 else None
