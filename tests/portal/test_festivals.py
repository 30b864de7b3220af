"""The public festival list, a festival's public page and the iCalendar feed
(portal/views/festivals.py)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events import selectors, services
from events.enums import FestivalStatus
from tests.factories.events import VIETNAM, FestivalFactory, make_festival


@pytest.fixture
def announced(area, commune_official, district_staff):
    return make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc phường Đông Sơn",
        approver=district_staff,
    )


def test_public_list_shows_scheduled_festivals_only(
    client, area, commune_official, district_staff, announced
):
    draft = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, title="Bản nháp chưa gửi"
    )
    response = client.get(reverse("public:festival.list"))
    assert list(response.context["page"].object_list) == [announced]
    page = response.content.decode()
    assert announced.title in page
    assert draft.title not in page
    assert "Phường Đông Sơn, Tỉnh Thanh Hóa" in page


@pytest.mark.parametrize(
    "query", ["dong son", "ĐÔNG SƠN", "phuong dong son thanh hoa", "an ninh to quoc"]
)
def test_public_search_ignores_diacritics_and_case(client, announced, query):
    response = client.get(reverse("public:festival.list"), {"q": query})
    assert list(response.context["page"].object_list) == [announced]


def test_public_search_without_match_explains(client, announced):
    response = client.get(reverse("public:festival.list"), {"q": "vinh phu"})
    assert list(response.context["page"].object_list) == []
    assert "Không có Ngày hội nào khớp với “vinh phu”" in response.content.decode()


def test_public_filters_by_province_commune_and_year(client, area, announced, district_staff):
    from tests.factories.accounts import RoleFactory

    other = RoleFactory(unit=area.other_commune).user
    nghe_an = make_festival(user=other, host_unit=area.other_commune, approver=_supervisor(area))
    url = reverse("public:festival.list")
    assert list(client.get(url, {"province": "38"}).context["page"].object_list) == [announced]
    assert list(client.get(url, {"province": "40"}).context["page"].object_list) == [nghe_an]
    assert list(client.get(url, {"commune": "16378"}).context["page"].object_list) == [announced]
    assert list(client.get(url, {"year": announced.year + 1}).context["page"].object_list) == []


def _supervisor(area):
    from accounts.enums import Role
    from tests.factories.accounts import RoleFactory

    return RoleFactory(role=Role.DISTRICT_STAFF, unit=area.other_province).user


def test_public_detail_shows_programme_and_delegates(client, announced):
    response = client.get(announced.get_public_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert announced.title in page
    assert "Mục 0" in page and "Mục 2" in page
    assert announced.delegates.first().full_name in page


def test_public_detail_of_a_draft_is_404(client, area, commune_official):
    draft = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    assert client.get(draft.get_public_url()).status_code == 404


def test_calendar_ics_has_the_event_in_vietnam_time(client, announced):
    response = client.get(reverse("public:calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == announced.title
    start = event.decoded("dtstart")
    assert start == announced.starts_at
    assert start.astimezone(VIETNAM).hour == 7
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert event.decoded("dtend") == announced.ends_at
    assert str(event["url"]).endswith(announced.get_public_url())
    assert announced.venue in str(event["location"])
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]


def test_calendar_ics_narrows_to_a_unit_and_below(client, area, announced):
    url = reverse("public:calendar")
    assert len(Calendar.from_ical(client.get(url, {"unit": "38"}).content).walk("VEVENT")) == 1
    assert len(Calendar.from_ical(client.get(url, {"unit": "16378"}).content).walk("VEVENT")) == 1
    assert len(Calendar.from_ical(client.get(url, {"unit": "14797"}).content).walk("VEVENT")) == 0
    assert client.get(url, {"unit": "99999"}).status_code == 404


def test_calendar_ics_leaves_out_cancelled_festivals(client, announced, district_staff):
    services.festival_cancel(festival=announced, user=district_staff, reason="Mưa bão")
    assert Calendar.from_ical(client.get(reverse("public:calendar")).content).walk("VEVENT") == []


def _scheduled(area, title, starts_in_days):
    starts = timezone.now() + datetime.timedelta(days=starts_in_days)
    return FestivalFactory(
        host_unit=area.dong_son_ward,
        status=FestivalStatus.SCHEDULED,
        title=title,
        year=starts.year,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=4),
    )


def test_calendar_ics_holds_the_last_week_and_the_next_three_months_nearest_first(
    client, area, announced, monkeypatch
):
    _scheduled(area, "Kết thúc tám ngày trước", -8)
    _scheduled(area, "Diễn ra sáu ngày trước", -6)
    _scheduled(area, "Còn một trăm ngày", 100)
    url = reverse("public:calendar")
    events = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == [
        "Diễn ra sáu ngày trước",
        announced.title,
    ]

    monkeypatch.setattr(selectors.public, "CALENDAR_LIMIT", 1)
    events = Calendar.from_ical(client.get(url, {"unit": "38"}).content).walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Diễn ra sáu ngày trước"]
