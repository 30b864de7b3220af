"""Public pages kept for visitors under versioned keys (core/pagecache.py, issue 11): served without
a query while nothing they show changed, made again once something did, never kept for a signed-in
user, a visitor with a session, or across languages."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from attendees.models import Delegate
from core.pagecache import HIT_HEADER, public_pages_changed, public_pages_version
from core.rows import rows_sync
from events.models import Festival
from stats.services import summaries_refresh
from tests.factories.events import publish_report

# Real commits: what a write queues for after its commit runs as it does in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PUBLIC_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def report(held, commune_official, district_staff):
    publish_report(held, commune_official, district_staff)
    return Festival.objects.get(pk=held.pk)


def test_a_visitor_gets_the_kept_report_page_without_a_query(
    client, report, django_assert_num_queries
):
    first = client.get(report.get_public_url())
    assert first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(report.get_public_url())
    assert second[HIT_HEADER] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == "text/html; charset=utf-8"
    assert report.title in second.content.decode()


@pytest.mark.parametrize(
    "path", ["/", "/festivals/", "/festivals/?q=dong+son", "/models/", "/stats/"]
)
def test_every_kept_page_is_served_from_the_cache_the_second_time(client, report, path):
    assert client.get(path)[HIT_HEADER] == "miss"
    assert client.get(path)[HIT_HEADER] == "hit"


def test_a_saved_row_the_page_shows_makes_it_stale_once_committed(client, report):
    url = report.get_public_url()
    client.get(url)
    delegate = report.delegates.order_by("pk").first()
    with transaction.atomic():
        delegate.full_name = "Lê Văn Tám"
        delegate.save()
        # Not before the commit: a reader still gets the page as it was.
        assert client.get(url)[HIT_HEADER] == "hit"
    page = client.get(url)
    assert page[HIT_HEADER] == "miss"
    assert "Lê Văn Tám" in page.content.decode()


def test_a_bulk_write_through_rows_sync_makes_the_pages_stale(client, report):
    url = report.get_public_url()
    client.get(url)
    before = public_pages_version()
    kept = [{"id": d.pk, "full_name": d.full_name} for d in report.delegates.all()]
    with transaction.atomic():
        rows_sync(
            existing=report.delegates.all(),
            rows=[*kept, {"full_name": "Vũ Thị Hoa"}],
            fields=["full_name"],
            new=lambda: Delegate(festival=report, category="delegate", status="invited"),
        )
        rows_sync(existing=report.organisers.all(), rows=[], fields=["name"], new=None)
    # Two bulk writes, one transaction: one new version.
    assert public_pages_version() == before + 1
    assert "Vũ Thị Hoa" in client.get(url).content.decode()


def test_a_rolled_back_change_leaves_the_kept_pages(client, report):
    client.get(report.get_public_url())
    before = public_pages_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Festival.objects.filter(pk=report.pk).update(title="Không được lưu")
        public_pages_changed()
        raise RuntimeError
    assert public_pages_version() == before
    assert client.get(report.get_public_url())[HIT_HEADER] == "hit"


def test_rebuilding_the_statistics_makes_the_pages_stale(client, report):
    client.get(reverse("stats:index"))
    before = public_pages_version()
    summaries_refresh()
    assert public_pages_version() == before + 1
    assert client.get(reverse("stats:index"))[HIT_HEADER] == "miss"


def test_signed_in_users_and_visitors_with_a_session_get_their_own_page(
    client, report, commune_official
):
    url = report.get_public_url()
    client.get(url)
    client.force_login(commune_official)
    page = client.get(url)
    assert HIT_HEADER not in page
    assert commune_official.get_full_name() in page.content.decode()
    # A visitor whose session is over but whose cookie remains is not served the kept page either.
    visitor = Client()
    visitor.cookies["sessionid"] = "gone"
    assert HIT_HEADER not in visitor.get(url)


def test_languages_are_kept_apart(client, report):
    url = reverse("public:festival.list")
    assert "Ngày hội" in client.get(url).content.decode()
    english = Client()
    english.cookies["django_language"] = "en"
    page = english.get(url)
    assert page[HIT_HEADER] == "miss"
    assert '<html lang="en">' in page.content.decode()
    assert '<html lang="en">' in english.get(url).content.decode()
    assert '<html lang="vi">' in client.get(url).content.decode()


def test_a_missing_page_is_not_kept(client):
    response = client.get("/festivals/2020/khong-co/")
    assert response.status_code == 404
    assert HIT_HEADER not in response


def test_no_page_is_kept_when_the_cache_time_is_zero(client, report, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    assert HIT_HEADER not in client.get(report.get_public_url())
    assert HIT_HEADER not in client.get(report.get_public_url())


def test_kept_pages_hold_no_csrf_token_and_the_language_switch_needs_none(client, report):
    page = client.get(report.get_public_url()).content.decode()
    assert "csrfmiddlewaretoken" not in page
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/i18n/setlang/", {"language": "en", "next": "/festivals/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    assert '<html lang="en">' in strict.get("/festivals/").content.decode()
