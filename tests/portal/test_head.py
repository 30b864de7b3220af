"""HEAD answers wherever GET does (issue 12, item 15): the same status and headers, no body."""

import pytest
from django.urls import reverse

from tests.factories.events import publish_report
from tests.factories.movements import MovementModelFactory


@pytest.fixture
def public_urls(area, held, upcoming, commune_official, district_staff):
    publish_report(held, commune_official, district_staff)
    held.refresh_from_db()
    model = MovementModelFactory(unit=area.dong_son_ward)
    return [
        reverse("home"),
        reverse("public:festival.list"),
        reverse("public:festival.list") + "?status=published&q=dong+son",
        held.get_public_url(),
        upcoming.get_public_url(),
        reverse("public:calendar"),
        reverse("public:calendar") + "?unit=38",
        reverse("feed"),
        reverse("models:model.list"),
        reverse("models:model.detail", kwargs={"pk": model.pk}),
        reverse("stats:index"),
        reverse("stats:index") + "?year=2026",
        reverse("stats:download", kwargs={"table": "festivals-by-year", "fmt": "csv"}),
        reverse("stats:download", kwargs={"table": "awards-by-form", "fmt": "xlsx"}),
        reverse("healthz"),
        reverse("login"),
        reverse("password_reset"),
    ]


def test_head_answers_every_public_page_like_get_without_a_body(client, public_urls):
    for url in public_urls:
        got = client.get(url)
        head = client.head(url)
        assert (url, head.status_code) == (url, got.status_code)
        assert got.status_code == 200, url
        assert head["Content-Type"] == got["Content-Type"], url
        assert head.content == b"", url


def test_head_of_a_missing_festival_is_404_like_get(client, db):
    url = reverse("public:festival.detail", kwargs={"year": 2024, "slug": "khong-co"})
    assert client.head(url).status_code == 404
    assert client.get(url).status_code == 404


def test_post_to_a_public_page_is_still_refused(client, db):
    assert client.post(reverse("public:festival.list")).status_code == 405
    assert client.post(reverse("stats:index")).status_code == 405


def test_head_answers_the_staff_pages_that_answer_get(client, held, district_staff):
    client.force_login(district_staff)
    urls = [
        reverse("manage:dashboard"),
        reverse("events:festival.list"),
        reverse("events:festival.detail", kwargs={"pk": held.pk}),
        reverse("awards:decision.list"),
        reverse("movements:model.list"),
        reverse("units:unit.list"),
        reverse("photos:photo.list", kwargs={"festival_pk": held.pk}),
    ]
    for url in urls:
        assert (url, client.get(url).status_code) == (url, 200)
        head = client.head(url)
        assert (url, head.status_code) == (url, 200)
        assert head.content == b"", url


def test_head_answers_a_form_page_that_takes_get_and_post(client, held, commune_official):
    client.force_login(commune_official)
    url = reverse("events:report.edit", kwargs={"pk": held.pk})
    assert client.get(url).status_code == 200
    head = client.head(url)
    assert head.status_code == 200
    assert head.content == b""
