"""The national history from the vietnamadminunits package (units/services/import_national.py):
the tree of 30 June 2025, the successions of 1 July 2025, and how old units are shown, searched
and scoped. The import takes seconds, so it runs once for the module, inside a transaction that is
rolled back at the end; each test runs in a savepoint of it."""

import csv
import datetime
import functools
import io

import pytest
from auditlog.models import LogEntry
from django import forms
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from accounts.models import RoleAssignment
from accounts.selectors import units_for_user
from demo.units import UNITS_DATA
from events.models import Festival
from tests.factories.accounts import RoleFactory
from tests.factories.events import FestivalFactory
from units import selectors
from units.enums import SuccessionKind, UnitKind, UnitLevel
from units.forms import UnitPickerField
from units.models import AdministrativeUnit, UnitScope, UnitSuccession
from units.services import (
    LAST_THREE_TIER_DAY,
    TWO_TIER_START,
    load_national_data,
    units_import_current,
    units_import_history,
    units_import_national,
)

IN_2023 = datetime.date(2023, 8, 3)


def _csv(name):
    with open(UNITS_DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    """Today's units, the Rừng Thông history from CSV, then the national history on top."""
    with django_db_blocker.unblock(), transaction.atomic():
        units_import_current()
        history = units_import_history(
            unit_rows=_csv("thanh-hoa-history.csv"),
            succession_rows=_csv("thanh-hoa-successions.csv"),
        )
        assert history.ok, history.errors
        report = units_import_national()
        # Check the deferred foreign keys now, once: otherwise every test's savepoint checks (and
        # rolls back) the whole import's again.
        connection.check_constraints()
        yield report
        transaction.set_rollback(True)


def unit(name, *, day=None, level=None, parent_name=None):
    units = AdministrativeUnit.objects.filter(name=name)
    if day is not None:
        units = units.valid_on(day)
    if level is not None:
        units = units.filter(level=level)
    if parent_name is not None:
        units = units.filter(parent__name=parent_name)
    return units.select_related("parent__parent").get()


def counts_on(day):
    units = AdministrativeUnit.objects.valid_on(day)
    return tuple(units.filter(level=level).count() for level in UnitLevel.values)


# --- the import -----------------------------------------------------------------------------------


def test_the_package_holds_10040_rows_for_10035_communes_and_5_island_districts():
    data = load_national_data()
    assert len(data.legacy) == 10040
    assert sum(1 for row in data.legacy if not row["wardKey"]) == 5
    assert len(data.current) == 3321
    assert len(data.provinces) == 34


def test_counts_on_30_june_2025_and_today(national, db):
    assert counts_on(LAST_THREE_TIER_DAY) == (63, 696, 10035)
    assert counts_on(TWO_TIER_START) == (34, 0, 3321)
    assert counts_on(timezone.localdate()) == (34, 0, 3321)
    # Every unit of 30 June 2025 carries on into one of today's units.
    old = AdministrativeUnit.objects.filter(valid_to=LAST_THREE_TIER_DAY)
    assert not old.filter(level=UnitLevel.COMMUNE, successions_out__isnull=True).exists()
    assert not old.filter(level=UnitLevel.PROVINCE, successions_out__isnull=True).exists()


def test_the_summary_says_what_was_created_matched_and_skipped(national, db):
    # Thành phố Thanh Hóa (380) and Phường Rừng Thông (16378) came from the CSV: matched.
    assert (national.provinces.created, national.provinces.matched) == (52, 11)
    assert (national.districts.created, national.districts.matched) == (695, 1)
    assert (national.communes.created, national.communes.matched) == (10034, 1)
    assert national.successions.matched == 1  # Phường Rừng Thông → Phường Đông Sơn
    assert national.successions.created > 10000
    assert national.successions.skipped == 0
    assert national.dated == 23  # the merged provinces begin on 1 July 2025
    # The two packages disagree on some codes: matched by name within the province, and said so.
    assert national.current_by_code + len(national.current_by_name) == 3321
    assert national.current_unmatched == []
    assert any(
        note.startswith("Phường Thốt Nốt, Thành phố Cần Thơ: 31207 in vietnamadminunits")
        for note in national.current_by_name
    )
    text = "\n".join(national.lines())
    assert "communes: 10034 created, 1 matched, 0 skipped" in text
    assert "matched by name within the province" in text


def test_the_import_is_audited_in_bulk(national, db):
    hoang = unit("Xã Đông Hoàng", parent_name="Thành phố Thanh Hóa")
    entry = LogEntry.objects.get_for_object(hoang).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes["valid_to"] == ["None", "2025-06-30"]
    assert entry.additional_data["source"].startswith("import_units (vietnamadminunits")
    tuyen_quang = unit("Tỉnh Tuyên Quang", day=TWO_TIER_START)
    change = LogEntry.objects.get_for_object(tuyen_quang).get(action=LogEntry.Action.UPDATE)
    assert change.changes == {"valid_from": ["None", "2025-07-01"]}


def test_reimport_changes_nothing(national, db):
    before = (
        AdministrativeUnit.objects.count(),
        UnitSuccession.objects.count(),
        UnitScope.objects.count(),
        LogEntry.objects.count(),
    )
    again = units_import_national()
    csv_again = units_import_history(
        unit_rows=_csv("thanh-hoa-history.csv"),
        succession_rows=_csv("thanh-hoa-successions.csv"),
    )
    current_again = units_import_current()
    assert not again.changed
    assert (again.provinces.created, again.districts.created, again.communes.created) == (0, 0, 0)
    assert (again.provinces.matched, again.districts.matched, again.communes.matched) == (
        63,
        696,
        10035,
    )
    assert again.successions.created == 0
    assert (csv_again.units_created, csv_again.units_updated) == (0, 0)
    assert (csv_again.successions_created, csv_again.successions_updated) == (0, 0)
    assert all(c.created == c.updated == 0 for c in current_again.values())
    assert (
        AdministrativeUnit.objects.count(),
        UnitSuccession.objects.count(),
        UnitScope.objects.count(),
        LogEntry.objects.count(),
    ) == before


def test_import_units_command_prints_the_summary_and_skips_when_loaded(national, db):
    out = io.StringIO()
    call_command("import_units", stdout=out)
    text = out.getvalue()
    assert "communes: 0 created, 0 updated, 3321 unchanged" in text
    assert "communes: 0 created, 10035 matched, 0 skipped" in text
    assert "Phường Thốt Nốt" not in text  # the notes are listed in full with -v 2 only
    out = io.StringIO()
    call_command("import_units", "--skip-if-loaded", stdout=out)
    assert out.getvalue().strip() == "Administrative units already loaded."


# --- the Rừng Thông chain -------------------------------------------------------------------------


def test_the_rung_thong_chain_is_intact(national, db):
    township = unit("Thị trấn Rừng Thông")
    ward = unit("Phường Rừng Thông")
    dong_son = unit("Phường Đông Sơn", parent_name="Tỉnh Thanh Hóa")
    assert (township.valid_to, ward.valid_from, ward.valid_to) == (
        datetime.date(2024, 11, 30),
        datetime.date(2024, 12, 1),
        LAST_THREE_TIER_DAY,
    )
    assert ward.parent.name == "Thành phố Thanh Hóa"
    assert AdministrativeUnit.objects.filter(name="Phường Rừng Thông").count() == 1
    assert AdministrativeUnit.objects.filter(name="Thành phố Thanh Hóa").count() == 1
    for day in [IN_2023, datetime.date(2025, 1, 15), datetime.date(2026, 8, 19)]:
        assert AdministrativeUnit.objects.valid_on(day).filter(code="16378").count() == 1
    assert selectors.unit_current_successors(township) == [dong_son]
    chain = UnitSuccession.objects.filter(predecessor=ward).get()
    assert (chain.successor, chain.legal_basis) == (dong_son, "Nghị quyết 1686/NQ-UBTVQH15")


# --- a merge, a division, a province merge --------------------------------------------------------

DONG_SON_PREDECESSORS = [
    "Phường Đông Tân",
    "Phường Đông Thịnh",
    "Phường Rừng Thông",
    "Xã Đông Hòa",
    "Xã Đông Hoàng",
    "Xã Đông Khê",
    "Xã Đông Minh",
    "Xã Đông Ninh",
]


def test_a_merge_shows_its_successor(national, db, client):
    dong_son = unit("Phường Đông Sơn", parent_name="Tỉnh Thanh Hóa")
    direct = UnitSuccession.objects.filter(successor=dong_son, date=TWO_TIER_START)
    assert {s.predecessor.name for s in direct} == set(DONG_SON_PREDECESSORS)
    assert {s.kind for s in direct} == {SuccessionKind.MERGE}
    hoang = unit("Xã Đông Hoàng", parent_name="Thành phố Thanh Hóa")
    assert hoang.parent.name == "Thành phố Thanh Hóa"
    assert selectors.units_now_part_of([hoang]) == {hoang.pk: [dong_son]}

    official = RoleFactory(role=Role.COMMUNE_OFFICIAL, unit=dong_son).user
    client.force_login(official)
    page = client.get(reverse("units:unit.detail", kwargs={"pk": hoang.pk})).content.decode()
    assert "Phường Đông Sơn, Tỉnh Thanh Hóa" in page
    page = client.get(reverse("units:unit.detail", kwargs={"pk": dong_son.pk})).content.decode()
    assert all(name in page for name in DONG_SON_PREDECESSORS)


def test_a_division_shows_all_its_successors_the_default_first(national, db, client):
    ha_trung = unit("Thị trấn Hà Trung", parent_name="Huyện Hà Trung")
    successions = UnitSuccession.objects.filter(predecessor=ha_trung)
    assert {(s.successor.name, s.kind, s.is_default) for s in successions} == {
        ("Xã Hà Trung", SuccessionKind.SPLIT, True),
        ("Xã Hoạt Giang", SuccessionKind.SPLIT, False),
    }
    assert [u.name for u in selectors.unit_current_successors(ha_trung)] == [
        "Xã Hà Trung",
        "Xã Hoạt Giang",
    ]
    now = selectors.units_now_part_of([ha_trung])[ha_trung.pk]
    assert [(u.name, u.is_default_successor) for u in now] == [
        ("Xã Hà Trung", True),
        ("Xã Hoạt Giang", False),
    ]
    # Both successors' officials see its records.
    for name in ["Xã Hà Trung", "Xã Hoạt Giang"]:
        official = RoleFactory(
            role=Role.COMMUNE_OFFICIAL, unit=unit(name, parent_name="Tỉnh Thanh Hóa")
        ).user
        assert units_for_user(official).filter(pk=ha_trung.pk).exists()

    client.force_login(RoleFactory(role=Role.ADMINISTRATOR, unit=None).user)
    page = client.get(reverse("units:unit.detail", kwargs={"pk": ha_trung.pk})).content.decode()
    assert "Xã Hà Trung, Tỉnh Thanh Hóa</a> (đơn vị kế thừa chính)" in page
    assert "Xã Hoạt Giang, Tỉnh Thanh Hóa" in page


def test_a_province_merge_gives_the_new_province_the_old_provinces_records(national, db):
    ha_giang = unit("Tỉnh Hà Giang")
    tuyen_quang = unit("Tỉnh Tuyên Quang", day=TWO_TIER_START)
    old_tuyen_quang = unit("Tỉnh Tuyên Quang", day=LAST_THREE_TIER_DAY)
    assert old_tuyen_quang != tuyen_quang
    assert (ha_giang.valid_to, tuyen_quang.valid_from) == (LAST_THREE_TIER_DAY, TWO_TIER_START)
    merges = UnitSuccession.objects.filter(successor=tuyen_quang)
    assert {(s.predecessor, s.kind, s.legal_basis) for s in merges} == {
        (ha_giang, SuccessionKind.MERGE, "Nghị quyết 202/2025/QH15"),
        (old_tuyen_quang, SuccessionKind.MERGE, "Nghị quyết 202/2025/QH15"),
    }
    assert selectors.units_now_part_of([ha_giang]) == {ha_giang.pk: [tuyen_quang]}
    # An unchanged province is the same row before and after.
    thanh_hoa = unit("Tỉnh Thanh Hóa")
    assert thanh_hoa.valid_from is None and thanh_hoa.valid_to is None

    staff = RoleFactory(role=Role.DISTRICT_STAFF, unit=tuyen_quang).user
    a_ha_giang_commune = AdministrativeUnit.objects.filter(
        level=UnitLevel.COMMUNE, parent__parent=ha_giang
    ).first()
    festival = FestivalFactory(host_unit=a_ha_giang_commune, year=2024)
    assert Festival.objects.for_user(staff).filter(pk=festival.pk).exists()
    other = RoleFactory(role=Role.DISTRICT_STAFF, unit=unit("Tỉnh Lào Cai", day=TWO_TIER_START))
    assert not Festival.objects.for_user(other.user).filter(pk=festival.pk).exists()


def test_an_island_district_became_a_special_zone(national, db):
    ly_son = unit("Huyện Lý Sơn")
    succession = UnitSuccession.objects.get(predecessor=ly_son)
    assert (succession.successor.name, succession.successor.kind, succession.kind) == (
        "Đặc khu Lý Sơn",
        UnitKind.SPECIAL_ZONE,
        SuccessionKind.UPGRADE,
    )


def test_a_role_may_be_held_on_an_old_district(national, db, client):
    district = unit("Huyện Hà Trung", parent_name="Tỉnh Thanh Hóa")
    assignment = RoleAssignment(
        user=RoleFactory(
            role=Role.COMMUNE_OFFICIAL, unit=unit("Xã Hà Trung", parent_name="Tỉnh Thanh Hóa")
        ).user,
        role=Role.DISTRICT_STAFF,
        unit=district,
        valid_from=datetime.date(2020, 1, 1),
    )
    assignment.full_clean()
    assignment.save()
    scope = units_for_user(assignment.user)
    assert scope.filter(pk=unit("Thị trấn Hà Trung", parent_name="Huyện Hà Trung").pk).exists()
    client.force_login(assignment.user)
    page = client.get(reverse("units:unit.detail", kwargs={"pk": district.pk})).content.decode()
    assert "Các đơn vị trực thuộc vào ngày 30/06/2025" in page
    assert "Thị trấn Hà Trung" in page
    assert "Hiện nay đơn vị này thuộc:" in page and "Tỉnh Thanh Hóa" in page


# --- finding old units ----------------------------------------------------------------------------


def test_a_festival_at_an_old_commune_is_found_under_todays_unit(national, db, client):
    dong_son = unit("Phường Đông Sơn", parent_name="Tỉnh Thanh Hóa")
    hoang = unit("Xã Đông Hoàng", parent_name="Thành phố Thanh Hóa")
    festival = FestivalFactory(host_unit=hoang, year=2024, title="Ngày hội xã Đông Hoàng 2024")

    response = client.get(reverse("public:festival.list"), {"commune": dong_son.code})
    assert festival in response.context["page"].object_list
    page = response.content.decode()
    assert "Xã Đông Hoàng, Thành phố Thanh Hóa, Tỉnh Thanh Hóa" in page
    assert "nay thuộc Phường Đông Sơn, Tỉnh Thanh Hóa" in page
    elsewhere = client.get(
        reverse("public:festival.list"),
        {"commune": unit("Xã Hà Trung", parent_name="Tỉnh Thanh Hóa").code},
    )
    assert festival not in elsewhere.context["page"].object_list

    detail = client.get(festival.get_public_url()).content.decode()
    assert "Phường Đông Sơn, Tỉnh Thanh Hóa" in detail  # the name then and now

    official = RoleFactory(role=Role.COMMUNE_OFFICIAL, unit=dong_son).user
    client.force_login(official)
    staff_list = client.get(reverse("events:festival.list"))
    assert festival in staff_list.context["page"].object_list
    assert "nay thuộc Phường Đông Sơn" in staff_list.content.decode()
    other = RoleFactory(
        role=Role.COMMUNE_OFFICIAL, unit=unit("Phường Hạc Thành", parent_name="Tỉnh Thanh Hóa")
    ).user
    client.force_login(other)
    assert festival not in client.get(reverse("events:festival.list")).context["page"].object_list


def test_manage_units_finds_old_names(national, db, client):
    official = RoleFactory(
        role=Role.COMMUNE_OFFICIAL, unit=unit("Phường Đông Sơn", parent_name="Tỉnh Thanh Hóa")
    ).user
    client.force_login(official)
    today = client.get(reverse("units:unit.list"), {"q": "dong hoang"})
    assert [u.name for u in today.context["page"].object_list] == ["Phường Đông Sơn"]
    assert "trước đây là Xã Đông Hoàng" in today.content.decode()
    history = client.get(reverse("units:unit.list"), {"q": "dong hoang", "history": "1"})
    assert [u.name for u in history.context["page"].object_list] == ["Xã Đông Hoàng"]
    assert "nay thuộc Phường Đông Sơn, Tỉnh Thanh Hóa" in history.content.decode()


def test_the_picker_finds_old_names_and_offers_the_units_of_a_past_date(national, db, client):
    official = RoleFactory(
        role=Role.COMMUNE_OFFICIAL, unit=unit("Phường Đông Sơn", parent_name="Tỉnh Thanh Hóa")
    ).user
    client.force_login(official)
    url = reverse("units:unit.picker")

    today = client.get(url, {"q": "rung thong", "level": "3"})
    assert [u.name for u in today.context["units"]] == ["Phường Đông Sơn"]
    assert "trước đây là Phường Rừng Thông; Thị trấn Rừng Thông" in today.content.decode()

    in_2023 = client.get(url, {"q": "dong", "level": "3", "on": "2023-08-03"})
    names = [u.name for u in in_2023.context["units"]]
    assert "Xã Đông Hoàng" in names and "Phường Đông Sơn" not in names
    in_2023 = client.get(url, {"q": "rung thong", "level": "3", "on": "2023-08-03"})
    assert [u.name for u in in_2023.context["units"]] == ["Thị trấn Rừng Thông"]
    page = in_2023.content.decode()
    assert (
        "Thị trấn Rừng Thông, Huyện Đông Sơn, Tỉnh Thanh Hóa (16378) — nay thuộc Phường Đông Sơn, Tỉnh Thanh Hóa"
        in page
    )

    nothing = client.get(url, {"q": "ha trung", "on": "2023-08-03"})
    assert list(nothing.context["units"]) == []  # outside the official's scope
    junk = client.get(url, {"q": "dong son", "on": "not-a-date", "level": "3"})
    assert [u.name for u in junk.context["units"]] == ["Phường Đông Sơn"]


class _PastForm(forms.Form):
    host = UnitPickerField(queryset=AdministrativeUnit.objects.none())

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = AdministrativeUnit.objects.within([scope.pk])


def test_the_picker_field_chooses_among_the_units_of_its_date(national, db):
    hoang = unit("Xã Đông Hoàng", parent_name="Thành phố Thanh Hóa")
    dong_son = unit("Phường Đông Sơn", parent_name="Tỉnh Thanh Hóa")
    PastForm = functools.partial(_PastForm, scope=dong_son)

    form = PastForm(data={"host": str(hoang.pk)})
    form.fields["host"].on = IN_2023
    assert form.is_valid(), form.errors
    assert form.cleaned_data["host"] == hoang

    form = PastForm(data={"host": str(dong_son.pk)})
    form.fields["host"].on = IN_2023
    assert not form.is_valid()  # Phường Đông Sơn did not exist in 2023

    form = PastForm(data={"host": "", "host_search": "dong hoang"})
    form.fields["host"].on = IN_2023
    assert form.is_valid(), form.errors
    assert form.cleaned_data["host"] == hoang

    # Without a date: today's units, also by a former name.
    form = PastForm(data={"host": "", "host_search": "dong hoang"})
    form.fields["host"].queryset = form.fields["host"].queryset.current()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["host"] == dong_son

    html = str(PastForm(initial={"host": hoang.pk})["host"])
    assert "Xã Đông Hoàng" in html
    dated = PastForm(initial={"host": hoang.pk})
    dated.fields["host"].on = IN_2023
    assert "on=2023-08-03" in str(dated["host"])


# --- scale ----------------------------------------------------------------------------------------


def test_the_scope_closure_of_the_national_tree(national, db):
    assert national.scope_rows > 40000
    dong_son = unit("Phường Đông Sơn", parent_name="Tỉnh Thanh Hóa")
    within = AdministrativeUnit.objects.within([dong_son.pk])
    assert {u.name for u in within} == {
        "Phường Đông Sơn",
        "Thị trấn Rừng Thông",
        *DONG_SON_PREDECESSORS,
    }
