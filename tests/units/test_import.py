import csv
import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command

from units.enums import UnitKind, UnitLevel
from units.models import AdministrativeUnit, UnitScope, UnitSuccession
from units.services import units_import_current, units_import_history


@pytest.mark.django_db
def test_import_units_loads_34_provinces_and_3321_communes_then_changes_nothing():
    out = io.StringIO()
    call_command("import_units", "--current-only", stdout=out)
    assert "provinces: 34 created, 0 updated, 0 unchanged" in out.getvalue()
    assert "communes: 3321 created, 0 updated, 0 unchanged" in out.getvalue()
    current = AdministrativeUnit.objects.current()
    assert current.filter(level=UnitLevel.PROVINCE).count() == 34
    assert current.filter(level=UnitLevel.COMMUNE).count() == 3321
    dong_son = current.get(code="16378")
    assert (dong_son.name, dong_son.kind, dong_son.parent.name) == (
        "Phường Đông Sơn",
        UnitKind.WARD,
        "Tỉnh Thanh Hóa",
    )
    assert dong_son.search_text == "phuong dong son 16378"
    assert current.get(code="01").name == "Thành phố Hà Nội"
    scope_rows = UnitScope.objects.count()
    log_rows = LogEntry.objects.count()
    assert log_rows == 34 + 3321

    out = io.StringIO()
    call_command("import_units", "--current-only", stdout=out)
    assert "provinces: 0 created, 0 updated, 34 unchanged" in out.getvalue()
    assert "communes: 0 created, 0 updated, 3321 unchanged" in out.getvalue()
    assert AdministrativeUnit.objects.count() == 34 + 3321
    assert UnitScope.objects.count() == scope_rows
    assert LogEntry.objects.count() == log_rows


@pytest.mark.django_db
def test_import_units_updates_a_renamed_unit_and_logs_it():
    units_import_current()
    AdministrativeUnit.objects.filter(code="16378").update(name="Phường Cũ")
    counts = units_import_current()
    assert counts[UnitLevel.COMMUNE].updated == 1
    assert counts[UnitLevel.COMMUNE].created == 0
    unit = AdministrativeUnit.objects.get(code="16378")
    assert unit.name == "Phường Đông Sơn"
    entry = LogEntry.objects.get_for_object(unit).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes["name"] == ["Phường Cũ", "Phường Đông Sơn"]


@pytest.mark.django_db
def test_import_units_skip_if_loaded_does_nothing_the_second_time():
    call_command("import_units", "--current-only", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_units", "--skip-if-loaded", "--current-only", stdout=out)
    assert out.getvalue().strip() == "Administrative units already loaded."


def _rows(text):
    return csv.DictReader(io.StringIO(text))


HISTORY_UNITS = """code,name,kind,parent_code,valid_from,valid_to
405,Huyện Đông Sơn,huyện,38,,30/11/2024
380,Thành phố Thanh Hóa,thành phố,38,,30/06/2025
16378,Thị trấn Rừng Thông,thị trấn,405,,30/11/2024
16378,Phường Rừng Thông,phường,380,2024-12-01,2025-06-30
"""
HISTORY_SUCCESSIONS = """predecessor_code,successor_code,date,kind,legal_basis
405,380,01/12/2024,merge,Nghị quyết 1242/NQ-UBTVQH15
16378,16378,01/12/2024,nâng cấp,Nghị quyết 1242/NQ-UBTVQH15
16378,16378,01/07/2025,sáp nhập,Nghị quyết 1686/NQ-UBTVQH15
"""


@pytest.mark.django_db
def test_history_csv_import_builds_the_rung_thong_chain_and_is_idempotent():
    units_import_current()
    report = units_import_history(
        unit_rows=_rows(HISTORY_UNITS), succession_rows=_rows(HISTORY_SUCCESSIONS)
    )
    assert report.errors == []
    assert (report.units_created, report.successions_created) == (4, 3)
    township = AdministrativeUnit.objects.get(name="Thị trấn Rừng Thông")
    assert township.parent.name == "Huyện Đông Sơn"
    assert township.parent.parent.name == "Tỉnh Thanh Hóa"
    chain = UnitSuccession.objects.filter(predecessor__code="16378").order_by("date")
    assert [(s.predecessor.name, s.successor.name, s.kind) for s in chain] == [
        ("Thị trấn Rừng Thông", "Phường Rừng Thông", "upgrade"),
        ("Phường Rừng Thông", "Phường Đông Sơn", "merge"),
    ]

    again = units_import_history(
        unit_rows=_rows(HISTORY_UNITS), succession_rows=_rows(HISTORY_SUCCESSIONS)
    )
    assert again.errors == []
    assert (again.units_created, again.units_updated) == (0, 0)
    assert (again.successions_created, again.successions_updated) == (0, 0)


@pytest.mark.django_db
def test_history_csv_import_with_bad_rows_saves_nothing_and_names_each_row():
    units_import_current()
    bad_units = (
        "code,name,kind,parent_code,valid_from,valid_to\n"
        "405,Huyện Đông Sơn,huyện,38,,30/11/2024\n"
        "406,Huyện Lạ,làng,38,,\n"
        "407,Huyện Sai Ngày,huyện,38,,31/02/2024\n"
        "16999,Xã Mồ Côi,xã,999,,30/11/2024\n"
    )
    report = units_import_history(unit_rows=_rows(bad_units), units_source="history.csv")
    assert [(e.line, e.message) for e in report.errors] == [
        (3, "unknown kind “làng”"),
        (4, "“31/02/2024” is not a date (use DD/MM/YYYY or YYYY-MM-DD)."),
        (5, "no single parent unit with code 999 existed on 30/11/2024"),
    ]
    assert str(report.errors[0]) == "history.csv, line 3: unknown kind “làng”"
    assert not AdministrativeUnit.objects.filter(code="405").exists()
    assert report.units_created == 0


@pytest.mark.django_db
def test_history_csv_import_reports_missing_columns():
    report = units_import_history(unit_rows=_rows("code,name\n1,A\n"))
    assert [(e.line, e.message) for e in report.errors] == [
        (1, "missing columns: kind, parent_code, valid_from, valid_to")
    ]


@pytest.mark.django_db
def test_history_csv_import_refuses_a_second_current_unit_with_the_same_code():
    units_import_current()
    rows = "code,name,kind,parent_code,valid_from,valid_to\n16378,Phường Trùng Mã,phường,38,2026-01-01,\n"
    report = units_import_history(unit_rows=_rows(rows))
    assert [e.line for e in report.errors] == [2]
    assert "already has this code" in report.errors[0].message


@pytest.mark.django_db
def test_import_units_csv_command_prints_errors_and_fails(tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "units.csv"
    path.write_text(
        "code,name,kind,parent_code,valid_from,valid_to\n1,,tỉnh,,,\n", encoding="utf-8"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 error"):
        call_command("import_units_csv", "--units", str(path), stderr=err)
    assert "line 2: the name is empty" in err.getvalue()
