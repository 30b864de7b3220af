"""Recording the past (issue 14): a festival or a movement model of a year before the 2025 reform is
recorded at the commune as it stood then; the unit picker follows the date typed in the form."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Festival
from movements.models import MovementModel
from tests.conftest import in_vietnamese
from tests.staff.test_festivals import editor_data
from tests.staff.test_models import form_data as model_form_data

NOT_THEN = (
    "%(unit)s did not exist on %(day)s. Choose the unit as it stood that day: type its "
    "name in the search box."
)
PAST = {
    "year": "2023",
    "title": "Ngày hội toàn dân bảo vệ ANTQ thị trấn Rừng Thông năm 2023",
    "starts_at": "2023-08-18T07:30",
    "ends_at": "2023-08-18T11:00",
}


def test_a_festival_of_2023_is_recorded_at_the_township_as_it_was(client, area, commune_official):
    client.force_login(commune_official)
    response = client.post(
        reverse("events:festival.create"), editor_data(area.rung_thong_township, **PAST)
    )
    festival = Festival.objects.get(title=PAST["title"])
    assert response.status_code == 302
    assert festival.host_unit == area.rung_thong_township
    assert festival.year == 2023
    # Found in the staff list of today's commune official, under today's ward.
    listing = client.get(reverse("events:festival.list"))
    assert [f.pk for f in listing.context["page"].object_list] == [festival.pk]


def test_a_unit_that_did_not_exist_on_the_festivals_day_is_refused_by_name(
    client, area, commune_official
):
    client.force_login(commune_official)
    # Today's ward for a 2023 festival: it was formed on 1 July 2025.
    response = client.post(
        reverse("events:festival.create"), editor_data(area.dong_son_ward, **PAST)
    )
    assert response.status_code == 400
    with translation.override("vi"):
        assert response.context["form"].errors["host_unit"] == [
            in_vietnamese(NOT_THEN, unit="Phường Đông Sơn, Tỉnh Thanh Hóa", day="18/08/2023")
        ]
    # The township for a 2027 festival: it is part of Phường Đông Sơn now.
    response = client.post(reverse("events:festival.create"), editor_data(area.rung_thong_township))
    assert response.status_code == 400
    assert "Thị trấn Rừng Thông, Huyện Đông Sơn, Tỉnh Thanh Hóa" in str(
        response.context["form"].errors["host_unit"]
    )
    assert not Festival.objects.exists()


def test_a_former_unit_outside_the_officials_scope_is_not_offered(client, area, commune_official):
    client.force_login(commune_official)
    response = client.post(
        reverse("events:festival.create"), editor_data(area.other_commune, **PAST)
    )
    assert response.status_code == 400
    assert "host_unit" in response.context["form"].errors
    assert not Festival.objects.exists()


def test_the_editors_picker_sends_the_typed_date_and_follows_it(client, area, commune_official):
    client.force_login(commune_official)
    page = client.get(reverse("events:festival.create")).content.decode()
    assert 'hx-include="[name=starts_at], [name=year]"' in page
    assert "on_from=starts_at&amp;on_from=year" in page

    picker = reverse("units:unit.picker")
    sent = {"level": "3", "on_from": ["starts_at", "year"], "host_unit_search": "rung thong"}
    in_2023 = client.get(picker, {**sent, "starts_at": "2023-08-18T07:30", "year": "2023"})
    assert [u.name for u in in_2023.context["units"]] == ["Thị trấn Rừng Thông"]
    assert "nay thuộc Phường Đông Sơn" in in_2023.content.decode()
    # Only the year typed so far: the festival's day of that year.
    early_2025 = client.get(picker, {**sent, "starts_at": "", "year": "2025"})
    assert [u.name for u in early_2025.context["units"]] == ["Phường Đông Sơn"]
    june_2025 = client.get(picker, {**sent, "starts_at": "2025-06-15T07:30", "year": "2025"})
    assert [u.name for u in june_2025.context["units"]] == ["Phường Rừng Thông"]
    # A coming festival: today's ward, found by its former name.
    coming = client.get(picker, {**sent, "starts_at": "2027-08-19T07:30", "year": "2027"})
    assert [u.name for u in coming.context["units"]] == ["Phường Đông Sơn"]


def test_editing_a_past_festival_keeps_its_former_host(client, area, commune_official):
    client.force_login(commune_official)
    client.post(reverse("events:festival.create"), editor_data(area.rung_thong_township, **PAST))
    festival = Festival.objects.get()
    page = client.get(reverse("events:festival.edit", args=[festival.pk]))
    assert page.context["form"].fields["host_unit"].on.isoformat() == "2023-08-18"
    assert "Thị trấn Rừng Thông" in page.content.decode()


@pytest.mark.parametrize(
    ("unit_name", "started_on", "accepted"),
    [
        ("rung_thong_township", "2021-06-01", True),  # as it was when the model started
        ("dong_son_ward", "2021-06-01", True),  # kept by today's ward
        ("rung_thong_ward", "2021-06-01", False),  # existed neither then nor now
        ("rung_thong_township", "", False),  # no start: today's units only
    ],
)
def test_a_model_is_kept_at_the_commune_of_its_start_or_of_today(
    client, area, commune_official, unit_name, started_on, accepted
):
    client.force_login(commune_official)
    unit = getattr(area, unit_name)
    response = client.post(
        reverse("movements:model.create"), model_form_data(unit, started_on=started_on)
    )
    saved = list(MovementModel.objects.values_list("unit_id", flat=True))
    if accepted:
        assert response.status_code == 302
        assert saved == [unit.pk]
    else:
        assert response.status_code == 400
        day = started_on and "/".join(reversed(started_on.split("-")))
        with translation.override("vi"):
            errors = list(response.context["form"].errors["unit"])
        assert errors == [
            in_vietnamese(
                NOT_THEN,
                unit=unit.full_name,
                day=day or timezone.localdate().strftime("%d/%m/%Y"),
            )
        ]
        assert saved == []
