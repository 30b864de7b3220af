"""Historical units and successions from CSV rows, all or nothing, with every bad row reported."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.search import normalize_search_text
from units.enums import KIND_LEVEL, SuccessionKind, UnitKind, UnitLevel
from units.models import AdministrativeUnit, UnitSuccession
from units.services.scope import units_rebuild_scope

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
    "giu nguyen": SuccessionKind.CONTINUE,
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

        unit = _matching_unit(level, row["code"], row["name"], valid_from, valid_to)
        is_new = unit is None
        unit = unit or AdministrativeUnit(code=row["code"], valid_from=valid_from)
        before = (unit.name, unit.kind, unit.parent_id, unit.valid_from, unit.valid_to)
        unit.name, unit.kind, unit.parent, unit.valid_to = row["name"], kind, parent, valid_to
        unit.valid_from = valid_from
        unit.level = level
        if not is_new and before == (
            unit.name,
            unit.kind,
            unit.parent_id,
            unit.valid_from,
            unit.valid_to,
        ):
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


def _matching_unit(level, code, name, valid_from, valid_to):
    """The unit a CSV row describes, if it is already there.

    The same start (a recorded one, or an unrecorded one with the same end or name) is the same
    unit. A row with a recorded start also matches a unit whose start was not recorded and that
    ends on the same day (the national tree of 30 June 2025 has no starts): the row gives it one.
    """
    candidates = list(AdministrativeUnit.objects.filter(level=level, code=code))
    for unit in candidates:
        if unit.valid_from == valid_from and (
            valid_from is not None or unit.valid_to == valid_to or unit.name == name
        ):
            return unit
    if valid_from is not None and valid_to is not None:
        for unit in candidates:
            if unit.valid_from is None and unit.valid_to == valid_to:
                return unit
    return None


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
