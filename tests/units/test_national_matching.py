"""How the national import matches what is already there, on a small made-up data set (the real
one is in test_national.py): codes the packages disagree on, units it cannot find, recorded
history it keeps, and the CSV history imported after it."""

import csv
import datetime
import io

import pytest

from demo.units import UNITS_DATA
from tests.factories.units import ProvinceFactory, SuccessionFactory, UnitFactory
from units.enums import SuccessionKind, UnitKind, UnitLevel
from units.models import AdministrativeUnit, UnitSuccession
from units.services import (
    LAST_THREE_TIER_DAY,
    TWO_TIER_START,
    units_import_history,
    units_import_national,
    units_rebuild_scope,
)
from units.services.national_data import NationalData


def legacy(province, district, ward=None):
    """A row of the package's table of 30 June 2025: (key, code, name[, type]) per level."""
    (pk, pc, pn), (dk, dc, dn, dt) = province, district
    wk, wc, wn, wt = ward or ("", None, None, None)
    return {
        "provinceKey": pk,
        "provinceCode": pc,
        "province": pn,
        "districtKey": dk,
        "districtCode": dc,
        "district": dn,
        "districtType": dt,
        "wardKey": wk,
        "wardCode": wc,
        "ward": wn,
        "wardType": wt,
    }


def current(province, ward):
    (pk, pc, pn), (wk, wc, wn) = province, ward
    return {
        "provinceKey": pk,
        "provinceCode": pc,
        "province": pn,
        "wardKey": wk,
        "wardCode": wc,
        "ward": wn,
    }


A = ("tinha", "90", "Tỉnh Thử A")
B1 = ("tinhb1", "91", "Tỉnh Cũ B1")
B2 = ("tinhb2", "92", "Tỉnh Cũ B2")
B = ("tinhb", "91", "Tỉnh Thử B")
HUYEN = ("huyencu", "900", "Huyện Cũ", "Huyện")
DAO = ("huyendao", "901", "Huyện Đảo", "Huyện")
THI_XA = ("thixab", "910", "Thị xã Cũ B", "Thị xã")
QUAN = ("quanb", "920", "Quận Cũ B", "Quận")


@pytest.fixture
def today(db):
    a = ProvinceFactory(code="90", name="Tỉnh Thử A")
    b = ProvinceFactory(code="91", name="Tỉnh Thử B")
    units = {
        "a": a,
        "b": b,
        "mot": UnitFactory(code="90001", name="Xã Mới Một", parent=a, valid_from=TWO_TIER_START),
        "hai": UnitFactory(code="90009", name="Xã Mới Hai", parent=a, valid_from=TWO_TIER_START),
        "moi": UnitFactory(code="90006", name="Xã Tên Mới", parent=a, valid_from=TWO_TIER_START),
        "dao": UnitFactory(code="90100", name="Đặc khu Đảo", kind=UnitKind.SPECIAL_ZONE, parent=a),
        "b_phuong": UnitFactory(code="91001", name="Phường Thử B", kind=UnitKind.WARD, parent=b),
    }
    # Recorded before the import: a closed commune and its succession.
    units["bon"] = UnitFactory(
        code="90005", name="Xã Cũ Bốn", parent=None, valid_to=LAST_THREE_TIER_DAY
    )
    SuccessionFactory(predecessor=units["bon"], successor=units["hai"])
    units_rebuild_scope()
    return units


def data():
    return NationalData(
        legacy=[
            legacy(A, HUYEN, ("xacumot", "90001", "Xã Cũ Một", "Xã")),
            legacy(A, HUYEN, ("xacuhai", "90002", "Xã Cũ Hai", "Xã")),
            legacy(A, HUYEN, ("xacuba", "90004", "Xã Cũ Ba", "Xã")),
            legacy(A, HUYEN, ("xacubon", "90005", "Xã Cũ Bốn", "Xã")),
            legacy(A, HUYEN, ("xacunam", "90006", "Xã Cũ Năm", "Xã")),
            legacy(A, DAO),
            legacy(B1, THI_XA, ("phuongb1", "91001", "Phường Thử B", "Phường")),
            legacy(B2, QUAN, ("phuongb2", "92001", "Phường Cũ B2", "Phường")),
        ],
        current=[
            current(A, ("xamoimot", "90001", "Xã Mới Một")),
            current(A, ("xamoihai", "90002", "Xã Mới Hai")),  # 90009 in vietnam-provinces
            current(A, ("xakhongco", "90003", "Xã Không Có")),
            current(A, ("xatenmoi", "90006", "Xã Tên Mới")),
            current(A, ("dackhudao", "90100", "Đặc khu Đảo")),
            current(B, ("phuongthub", "91001", "Phường Thử B")),
        ],
        provinces={"tinha": ["tinha"], "tinhb": ["tinhb1", "tinhb2"]},
        whole={
            "tinha": {
                "xamoimot": ["tinha_huyencu_xacumot", "tinha_huyencu_xacubon"],
                "xakhongco": ["tinha_huyencu_xacuba"],
                "xatenmoi": ["tinha_huyencu_xacunam"],
                "dackhudao": ["tinha_huyendao_"],
            },
            "tinhb": {"phuongthub": ["tinhb1_thixab_phuongb1", "tinhb2_quanb_phuongb2"]},
        },
        divided={
            "tinha": {"tinha_huyencu_xacuhai": [("xamoimot", False), ("xamoihai", True)]},
        },
        version="test",
    )


def successors(name):
    return {
        (s.successor.name, s.kind, s.is_default)
        for s in UnitSuccession.objects.filter(predecessor__name=name).select_related("successor")
    }


def test_matching_by_name_skipping_and_keeping_recorded_history(today):
    report = units_import_national(data=data())

    assert (report.provinces.created, report.provinces.matched) == (2, 1)
    assert (report.districts.created, report.districts.matched) == (4, 0)
    assert (report.communes.created, report.communes.matched) == (6, 1)  # Xã Cũ Bốn was there
    assert report.current_by_code == 4
    assert report.current_by_name == [
        "Xã Mới Hai, Tỉnh Thử A: 90002 in vietnamadminunits, 90009 in vietnam-provinces"
    ]
    assert report.current_unmatched == ["Xã Không Có, Tỉnh Thử A (90003)"]
    assert report.dated == 3  # Tỉnh Thử B, Đặc khu Đảo and Phường Thử B begin on 1 July 2025
    assert any("Xã Cũ Bốn (90005): kept its recorded successors" in n for n in report.notes)

    assert successors("Xã Cũ Một") == {("Xã Mới Một", SuccessionKind.MERGE, False)}
    assert successors("Xã Cũ Hai") == {
        ("Xã Mới Một", SuccessionKind.SPLIT, False),
        ("Xã Mới Hai", SuccessionKind.SPLIT, True),
    }
    assert successors("Xã Cũ Ba") == set()  # its successor is not among today's units
    assert successors("Xã Cũ Bốn") == {("Xã Mới Hai", SuccessionKind.MERGE, False)}
    assert successors("Xã Cũ Năm") == {("Xã Tên Mới", SuccessionKind.RENAME, False)}
    assert successors("Huyện Đảo") == {("Đặc khu Đảo", SuccessionKind.UPGRADE, False)}
    assert successors("Phường Thử B") == {("Phường Thử B", SuccessionKind.MERGE, False)}
    assert successors("Tỉnh Cũ B1") == {("Tỉnh Thử B", SuccessionKind.MERGE, False)}
    # The unchanged province is today's row; the old districts hang from it.
    huyen = AdministrativeUnit.objects.get(name="Huyện Cũ")
    assert huyen.parent == today["a"]
    assert AdministrativeUnit.objects.get(name="Thị xã Cũ B").kind == UnitKind.TOWN
    assert AdministrativeUnit.objects.get(name="Quận Cũ B").kind == UnitKind.URBAN_DISTRICT
    on_eve = AdministrativeUnit.objects.valid_on(LAST_THREE_TIER_DAY)
    assert on_eve.filter(level=UnitLevel.PROVINCE).count() == 3

    lines = "\n".join(report.lines())
    assert "Not found among today's units" in lines
    assert "Xã Cũ Bốn" in lines

    again = units_import_national(data=data())
    assert not again.changed
    assert again.successions.created == 0


def test_many_notes_are_cut_short_unless_verbose(today):
    report = units_import_national(data=data())
    report.notes = [f"note {n}" for n in range(8)]
    assert "    … and 3 more (-v 2 lists them all)" in report.lines()
    assert "    note 7" in report.lines(verbose=True)


def _rows(text):
    return csv.DictReader(io.StringIO(text))


def test_csv_history_imported_after_the_national_tree_refines_it(db):
    """`make run` imports the national tree first, then seed_demo the Rừng Thông CSV: the CSV gives
    Phường Rừng Thông its start and adds thị trấn Rừng Thông before it, duplicating nothing."""
    thanh_hoa = ProvinceFactory(code="38", name="Tỉnh Thanh Hóa")
    city = UnitFactory(
        code="380",
        name="Thành phố Thanh Hóa",
        kind=UnitKind.PROVINCIAL_CITY,
        parent=thanh_hoa,
        valid_to=LAST_THREE_TIER_DAY,
    )
    ward = UnitFactory(
        code="16378",
        name="Phường Rừng Thông",
        kind=UnitKind.WARD,
        parent=city,
        valid_to=LAST_THREE_TIER_DAY,
    )
    dong_son = UnitFactory(
        code="16378",
        name="Phường Đông Sơn",
        kind=UnitKind.WARD,
        parent=thanh_hoa,
        valid_from=TWO_TIER_START,
    )
    SuccessionFactory(predecessor=ward, successor=dong_son)
    unit_rows = _rows((UNITS_DATA / "thanh-hoa-history.csv").read_text(encoding="utf-8"))
    succession_rows = _rows((UNITS_DATA / "thanh-hoa-successions.csv").read_text(encoding="utf-8"))
    report = units_import_history(unit_rows=unit_rows, succession_rows=succession_rows)
    assert report.errors == []
    assert (report.units_created, report.units_updated) == (2, 1)
    assert (report.successions_created, report.successions_updated) == (2, 1)
    ward.refresh_from_db()
    assert ward.valid_from == datetime.date(2024, 12, 1)
    assert AdministrativeUnit.objects.filter(name="Phường Rừng Thông").count() == 1
    township = AdministrativeUnit.objects.get(name="Thị trấn Rừng Thông")
    assert list(ward.successions_in.values_list("predecessor", flat=True)) == [township.pk]
    assert ward.successions_out.get().legal_basis == "Nghị quyết 1686/NQ-UBTVQH15"


def test_provinces_matched_by_name_units_skipped_and_names_kept(today):
    changed = data()
    renamed_a = ("tinha", "95", "Tỉnh Thử A")  # 90 in vietnam-provinces
    nowhere = ("tinhkhongco", "99", "Tỉnh Không Có")
    changed.current = [
        current(
            renamed_a if row["provinceKey"] == "tinha" else B,
            (row["wardKey"], row["wardCode"], row["ward"]),
        )
        for row in changed.current
    ] + [current(nowhere, ("xakhongco2", "99001", "Xã Không Có Hai"))]
    changed.legacy = [
        {**row, "ward": "Xã Cũ Bốn Khác"} if row["wardCode"] == "90005" else row
        for row in changed.legacy
    ] + [
        legacy(A, ("khucu", "902", "Khu Cũ", "Khu"), ("xakhu", "90200", "Xã Khu", "Xã")),
        legacy(A, HUYEN, ("langcu", "90007", "Làng Cũ", "Làng")),
    ]
    changed.provinces = {**changed.provinces, "tinhkhongco": []}

    report = units_import_national(data=changed)

    assert (
        report.current_by_name[0] == "Tỉnh Thử A: 95 in vietnamadminunits, 90 in vietnam-provinces"
    )
    assert report.current_unmatched == [
        "Tỉnh Không Có (99)",
        "Xã Không Có, Tỉnh Thử A (90003)",
        "Xã Không Có Hai, Tỉnh Không Có (99001)",
    ]
    assert (report.districts.created, report.districts.skipped) == (4, 1)
    assert (report.communes.created, report.communes.skipped) == (6, 2)  # Làng Cũ, Xã Khu
    assert "90005: kept Xã Cũ Bốn (vietnamadminunits says Xã Cũ Bốn Khác)" in report.notes
    assert "Khu Cũ (902): skipped" in report.notes
    assert "Làng Cũ (90007): skipped" in report.notes
