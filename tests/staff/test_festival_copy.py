"""Starting a plan from an earlier festival, and deleting a draft never submitted (staff pages
under /manage/festivals/), through the test client."""

import datetime
import html

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import timezone, translation

from events import services
from events.enums import FestivalStatus
from events.models import Festival
from tests.conftest import in_vietnamese
from tests.staff.test_festivals import local, message_list, plan

TODAY = timezone.localdate()
THIS_YEAR = TODAY.year
NEXT_YEAR = THIS_YEAR + 1
# The reference festival's day, 18 August: this year while it is ahead, else next year.
DEFAULT_YEAR = THIS_YEAR if datetime.date(THIS_YEAR, 8, 18) > TODAY else NEXT_YEAR
TOKEN = "6f1c2b9e-3d4a-4e5f-8a7b-9c0d1e2f3a4b"


def copy_url():
    return reverse("events:festival.copy_previous")


def rung_thong_2023(user, area):
    return plan(
        user,
        area.rung_thong_township,
        starts_at=local(2023, 8, 18),
        title="Ngày hội toàn dân bảo vệ ANTQ thị trấn Rừng Thông năm 2023",
        address="Thị trấn Rừng Thông, huyện Đông Sơn",
        venue="Hội trường thị trấn Rừng Thông",
    )


def copy_data(source, year, **extra):
    return {"source": str(source.pk), "year": str(year), "token": TOKEN, **extra}


# --- the page -----------------------------------------------------------------------------


def test_copy_page_proposes_the_latest_festival_and_the_next_free_year(
    client, area, commune_official
):
    previous = rung_thong_2023(commune_official, area)
    planned = plan(
        commune_official,
        area.dong_son_ward,
        starts_at=local(DEFAULT_YEAR + 1, 8, 19),
        title="Ngày hội phường Đông Sơn đã lên kế hoạch",
    )
    client.force_login(commune_official)

    response = client.get(copy_url(), {"source": previous.pk})

    assert response.status_code == 200
    form = response.context["form"]
    assert (form.initial["source"], form.initial["year"]) == (previous, DEFAULT_YEAR)
    assert len(form.initial["token"]) == 36
    assert response.context["host_unit"] == area.dong_son_ward
    assert response.context["planned"] == [planned]
    page = response.content.decode()
    assert f'name="year" value="{DEFAULT_YEAR}"' in page
    assert f'min="{THIS_YEAR}" max="{THIS_YEAR + 5}"' in page
    assert "Ngày hội toàn dân bảo vệ ANTQ thị trấn Rừng Thông năm 2023" in page
    assert "Phường Đông Sơn, Tỉnh Thanh Hóa" in page
    assert "Ngày hội phường Đông Sơn đã lên kế hoạch" in page


def test_copy_page_without_a_choice_proposes_the_latest_festival(client, area, commune_official):
    rung_thong_2023(commune_official, area)
    latest = plan(commune_official, area.dong_son_ward, starts_at=local(2025, 8, 19))
    client.force_login(commune_official)

    response = client.get(copy_url())

    assert response.context["form"].initial["source"] == latest


def test_copy_page_never_proposes_another_commune_festival(
    client, area, commune_official, other_commune_official
):
    theirs = plan(commune_official, area.dong_son_ward, starts_at=local(2025, 8, 19))
    client.force_login(other_commune_official)

    response = client.get(copy_url(), {"source": theirs.pk})

    assert response.status_code == 200
    assert response.context["form"].initial["source"] is None
    assert response.context["recent"] == []
    assert "Ngày hội toàn dân bảo vệ ANTQ" not in response.content.decode()


@pytest.mark.parametrize("count", [1, 3, 20])
def test_copy_page_query_count_does_not_grow_with_festivals(
    client, area, commune_official, django_assert_num_queries, count
):
    for index in range(count):
        plan(commune_official, area.dong_son_ward, starts_at=local(2020 + index % 6, 8, 1 + index))
    client.force_login(commune_official)
    client.get(copy_url())

    with django_assert_num_queries(QUERIES):
        response = client.get(copy_url())

    assert len(response.context["recent"]) == min(count, 6)


QUERIES = 12


def test_copy_page_is_not_for_district_staff(client, area, commune_official, district_staff):
    previous = rung_thong_2023(commune_official, area)
    client.force_login(district_staff)

    assert client.get(copy_url()).status_code == 404
    assert client.post(copy_url(), copy_data(previous, NEXT_YEAR)).status_code == 404
    assert Festival.objects.count() == 1


# --- making the draft -----------------------------------------------------------------------


def test_copy_makes_the_draft_with_todays_names_in_the_chosen_year(client, area, commune_official):
    previous = rung_thong_2023(commune_official, area)
    client.force_login(commune_official)

    response = client.post(copy_url(), copy_data(previous, NEXT_YEAR + 1))

    festival = Festival.objects.exclude(pk=previous.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("events:festival.edit", args=[festival.pk])
    assert (
        festival.host_unit,
        festival.year,
        festival.status,
        festival.title,
        festival.address,
        festival.venue,
        festival.starts_at,
        festival.ends_at,
    ) == (
        area.dong_son_ward,
        NEXT_YEAR + 1,
        FestivalStatus.DRAFT,
        f"Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn năm {NEXT_YEAR + 1}",
        "Phường Đông Sơn, tỉnh Thanh Hóa",
        "Hội trường phường Đông Sơn",
        local(NEXT_YEAR + 1, 8, 18),
        local(NEXT_YEAR + 1, 8, 18, 11, 30),
    )
    assert list(festival.programme_items.values_list("title", flat=True)) == ["Khai mạc"]
    assert list(festival.delegates.values_list("full_name", "status")) == [
        ("Nguyễn Ngọc Tiến", "invited")
    ]
    assert festival.transitions.get().details == {
        "copied_from": previous.pk,
        "copy_token": TOKEN,
    }
    shown = client.get(response["Location"])
    assert message_list(shown) == [
        (
            messages.SUCCESS,
            in_vietnamese(
                "A new draft for %(year)s was made from “%(source)s”, with today's unit names. "
                "Check the title, date, venue and delegates before submitting it.",
                year=NEXT_YEAR + 1,
                source=previous.title,
            ),
        )
    ]


def test_copy_posted_twice_from_one_form_makes_one_draft(client, area, commune_official):
    previous = rung_thong_2023(commune_official, area)
    client.force_login(commune_official)

    first = client.post(copy_url(), copy_data(previous, NEXT_YEAR))
    second = client.post(copy_url(), copy_data(previous, NEXT_YEAR))

    draft = Festival.objects.get(year=NEXT_YEAR)
    assert (first.status_code, second.status_code) == (302, 302)
    assert (
        first["Location"] == second["Location"] == reverse("events:festival.edit", args=[draft.pk])
    )


def test_copy_into_a_year_with_a_festival_asks_to_confirm(client, area, commune_official):
    previous = rung_thong_2023(commune_official, area)
    planned = plan(
        commune_official,
        area.dong_son_ward,
        starts_at=local(NEXT_YEAR, 9, 2),
        title="Ngày hội phường Đông Sơn mùa thu",
    )
    client.force_login(commune_official)

    response = client.post(copy_url(), copy_data(previous, NEXT_YEAR))

    assert response.status_code == 400
    assert Festival.objects.count() == 2
    assert response.context["form"].same_year == [planned]
    page = response.content.decode()
    assert 'data-testid="same-year"' in page
    assert "Ngày hội phường Đông Sơn mùa thu" in page
    assert response.context["form"].errors["confirm_same_year"] == [
        in_vietnamese(
            "%(unit)s already has %(count)s festival in %(year)s (listed below). Tick the box "
            "to plan another one, or choose another year.",
            unit="Phường Đông Sơn",
            count=1,
            year=NEXT_YEAR,
        )
    ]

    confirmed = client.post(copy_url(), copy_data(previous, NEXT_YEAR, confirm_same_year="on"))

    assert confirmed.status_code == 302
    assert Festival.objects.filter(year=NEXT_YEAR, host_unit=area.dong_son_ward).count() == 2


@pytest.mark.parametrize(
    "year", [str(THIS_YEAR - 1), str(THIS_YEAR + 6), "2023", "abc", "", "9" * 30]
)
def test_copy_into_an_odd_year_says_which_years(client, area, commune_official, year):
    previous = rung_thong_2023(commune_official, area)
    client.force_login(commune_official)

    response = client.post(copy_url(), {**copy_data(previous, 0), "year": year})

    assert response.status_code == 400
    assert Festival.objects.count() == 1
    errors = response.context["form"].errors
    page = html.unescape(response.content.decode())
    assert (list(errors), len(errors["year"])) == (["year"], 1)
    assert 'data-testid="error-summary"' in page
    if year not in ("", "abc"):
        assert (
            in_vietnamese(
                "Choose a year from %(first)s to %(last)s: a copy starts the plan of a festival "
                "this year or in the next %(ahead)s years.",
                first=THIS_YEAR,
                last=THIS_YEAR + 5,
                ahead=5,
            )
            in page
        )


def test_copy_of_another_commune_festival_is_refused(
    client, area, commune_official, other_commune_official
):
    theirs = plan(commune_official, area.dong_son_ward, starts_at=local(2025, 8, 19))
    client.force_login(other_commune_official)

    response = client.post(copy_url(), copy_data(theirs, NEXT_YEAR))

    assert response.status_code == 400
    assert Festival.objects.count() == 1
    page = html.unescape(response.content.decode())
    assert list(response.context["form"].errors) == ["source"]
    assert (
        in_vietnamese("Select a valid choice. That choice is not one of the available choices.")
        in page
    )
    assert theirs.title not in page


# --- deleting a draft -------------------------------------------------------------------------


def shown_status(festival):
    with translation.override("vi"):
        return str(festival.get_effective_status_display())


def delete_url(festival):
    return reverse("events:festival.delete", args=[festival.pk])


def test_delete_asks_to_confirm_then_deletes_the_draft(client, area, commune_official):
    draft = plan(commune_official, area.dong_son_ward, title="Bản nháp thừa")
    client.force_login(commune_official)

    detail = client.get(draft.get_absolute_url()).content.decode()
    assert f'href="{delete_url(draft)}"' in detail

    asked = client.get(delete_url(draft))
    assert asked.status_code == 200
    page = asked.content.decode()
    assert "Bản nháp thừa" in page
    assert f"{in_vietnamese('Programme items')}: 1" in page
    assert Festival.objects.filter(pk=draft.pk).exists()

    response = client.post(delete_url(draft))

    assert response.status_code == 302
    assert response["Location"] == reverse("events:festival.list")
    assert not Festival.objects.filter(pk=draft.pk).exists()
    assert message_list(client.get(response["Location"])) == [
        (
            messages.SUCCESS,
            in_vietnamese("The draft “%(title)s” was deleted.", title="Bản nháp thừa"),
        )
    ]


@pytest.mark.parametrize("state", ["submitted", "returned", "district"])
def test_delete_is_refused_with_a_reason(client, area, commune_official, district_staff, state):
    festival = plan(commune_official, area.dong_son_ward)
    user = commune_official
    if state in ("submitted", "returned"):
        festival = services.festival_submit(festival=festival, user=commune_official)
    if state == "returned":
        services.festival_return(festival=festival, user=district_staff, reason="Thiếu đại biểu")
    if state == "district":
        user = district_staff
    client.force_login(user)
    expected = {
        "submitted": in_vietnamese(
            "This festival cannot be deleted: it is %(status)s. A plan that was submitted "
            "stays on record.",
            status=shown_status(festival),
        ),
        "returned": in_vietnamese(
            "This draft cannot be deleted: it was submitted to the district once and stays on "
            "record. Cancel it with a reason instead."
        ),
        "district": in_vietnamese("Only the officials of the host commune can delete its draft."),
    }[state]

    detail = client.get(festival.get_absolute_url()).content.decode()
    assert f'href="{delete_url(festival)}"' not in detail
    for method in ("get", "post"):
        response = getattr(client, method)(delete_url(festival))
        assert response.status_code == 302
        assert response["Location"] == festival.get_absolute_url()
        assert message_list(client.get(response["Location"])) == [(messages.ERROR, expected)]

    assert Festival.objects.filter(pk=festival.pk).exists()
