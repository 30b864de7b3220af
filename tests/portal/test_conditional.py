"""The feed and the calendars answer 304 while nothing they show changed (ETag, Last-Modified),
and tell caches how long to keep them (issue 11)."""

from django.urls import reverse
from django.utils.http import http_date

from tests.factories.events import publish_report


def test_feed_answers_304_until_a_report_changes(
    client, held, commune_official, district_staff, settings
):
    settings.PUBLIC_CACHE_SECONDS = 600
    publish_report(held, commune_official, district_staff)
    first = client.get(reverse("feed"))
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=600"
    etag = first["ETag"]

    again = client.get(reverse("feed"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""

    held.report.summary = "Tóm tắt đã sửa."
    held.report.save()
    changed = client.get(reverse("feed"), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Tóm tắt đã sửa." in changed.content.decode()


def test_feed_is_modified_since_its_last_report_change(
    client, held, commune_official, district_staff
):
    publish_report(held, commune_official, district_staff)
    first = client.get(reverse("feed"))
    since = first["Last-Modified"]
    assert client.get(reverse("feed"), HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    assert client.get(reverse("feed"), HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_calendar_answers_304_until_an_announcement_changes(client, upcoming, settings):
    settings.PUBLIC_CACHE_SECONDS = 120
    url = reverse("public:calendar") + "?unit=38"
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=120"
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    upcoming.venue = "Sân vận động phường"
    upcoming.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "Sân vận động phường" in changed.content.decode()


def test_calendar_of_an_unknown_unit_is_a_404_without_a_validator(client, db):
    response = client.get(reverse("public:calendar") + "?unit=99999")
    assert response.status_code == 404
    assert "ETag" not in response
