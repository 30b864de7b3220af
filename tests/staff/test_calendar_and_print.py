import datetime

from django.urls import reverse

from tests.factories.events import make_festival


def test_month_calendar_puts_festivals_on_their_day(
    client, area, commune_official, other_commune_official
):
    day = datetime.date(2026, 8, 19)
    mine = make_festival(user=commune_official, host_unit=area.dong_son_ward, day=day)
    theirs = make_festival(user=other_commune_official, host_unit=area.hac_thanh_ward, day=day)
    client.force_login(commune_official)
    response = client.get(reverse("events:festival.calendar"), {"month": "2026-08"})
    cells = {
        day: festivals
        for week in response.context["calendar"].weeks
        for day, festivals in week
        if day
    }
    assert cells[day] == [mine]
    assert all(theirs not in festivals for festivals in cells.values())
    assert response.context["calendar"].previous == datetime.date(2026, 7, 1)
    assert response.context["calendar"].next == datetime.date(2026, 9, 1)
    assert mine.get_absolute_url() in response.content.decode()


def test_month_calendar_with_a_bad_month_shows_this_month(client, commune_official):
    client.force_login(commune_official)
    response = client.get(reverse("events:festival.calendar"), {"month": "tháng-13"})
    assert response.status_code == 200
    assert response.context["calendar"].month == datetime.date.today().replace(day=1)


def test_printable_programme_lists_programme_and_delegates(
    client, area, commune_official, district_staff
):
    festival = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, programme=2, delegates=2
    )
    client.force_login(district_staff)
    page = client.get(reverse("events:festival.print", args=[festival.pk])).content.decode()
    assert festival.title in page
    assert "Mục 0" in page and "Mục 1" in page
    for delegate in festival.delegates.all():
        assert delegate.full_name in page
    assert "Phường Đông Sơn, Tỉnh Thanh Hóa" in page
