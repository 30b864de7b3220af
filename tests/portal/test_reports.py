"""Published reports on the public site: the report page, the feed, the festival list and its
search, the home page figures, and their query counts."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from stats.services import summaries_refresh
from tests.factories.events import REPORT, make_festival
from tests.factories.events import publish_report as publish

ATOM = "{http://www.w3.org/2005/Atom}"


def test_published_report_is_public_and_in_the_feed(client, held, commune_official, district_staff):
    assert client.get(held.get_public_url()).status_code == 404  # held, not yet a report
    publish(held, commune_official, district_staff)
    page = client.get(held.get_public_url()).content.decode()
    assert REPORT["summary"] in page
    assert 'property="og:title"' in page
    assert "Duy trì tổ an ninh xã hội" in page

    feed = client.get(reverse("feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [held.title]
    assert entries[0].find(f"{ATOM}link").get("href").endswith(held.get_public_url())
    assert entries[0].find(f"{ATOM}summary").text == REPORT["summary"]
    assert root.find(f"{ATOM}id") is not None and root.find(f"{ATOM}updated") is not None


def test_public_list_shows_announcements_and_reports_but_not_held_festivals(
    client, area, held, commune_official, district_staff
):
    upcoming = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, approver=district_staff
    )
    url = reverse("public:festival.list")
    assert list(client.get(url).context["page"].object_list) == [upcoming]
    assert client.get("/").context["figures"]["upcoming"] == 1
    publish(held, commune_official, district_staff)
    assert set(client.get(url).context["page"].object_list) == {upcoming, held}
    assert list(client.get(url, {"status": "published"}).context["page"].object_list) == [held]


@pytest.fixture
def township_report(area, commune_official, district_staff):
    """A 2023 festival held under thị trấn Rừng Thông (the unit as it was), published."""
    festival = make_festival(
        user=commune_official,
        host_unit=area.rung_thong_township,
        day=datetime.date(2023, 8, 3),
        approver=district_staff,
        title="Ngày hội năm 2023",
    )
    festival.delegates.filter(precedence=0).update(
        full_name="Nguyễn Ngọc Tiến", search_text="nguyen ngoc tien"
    )
    return publish(festival, commune_official, district_staff)


@pytest.mark.parametrize(
    "query",
    [
        "rung thong",
        "Rừng Thông",
        "RUNG THONG",
        "thi tran rung thong",
        "huyen dong son",
        "phuong dong son",
        "nguyen ngoc tien",
        "Nguyễn Ngọc Tiến",
    ],
)
def test_search_finds_a_report_by_unit_then_and_now_and_by_delegate(client, township_report, query):
    response = client.get(reverse("public:festival.list"), {"q": query})
    assert list(response.context["page"].object_list) == [township_report]


@pytest.mark.parametrize("query", ["vinh phu", "nguyen van khong co", "ha noi"])
def test_search_without_match_finds_nothing(client, township_report, query):
    assert (
        list(client.get(reverse("public:festival.list"), {"q": query}).context["page"].object_list)
        == []
    )


def test_report_page_shows_the_unit_as_it_was_and_as_it_is(client, township_report):
    page = client.get(township_report.get_public_url()).content.decode()
    assert "Thị trấn Rừng Thông, Huyện Đông Sơn, Tỉnh Thanh Hóa" in page
    assert "Phường Đông Sơn, Tỉnh Thanh Hóa" in page


# --- query counts ---------------------------------------------------------------------------------


@pytest.fixture
def published_reports(area, commune_official, district_staff):
    def build(rows):
        made = []
        for i in range(rows):
            festival = make_festival(
                user=commune_official,
                host_unit=area.dong_son_ward,
                approver=district_staff,
                day=datetime.date.today() - datetime.timedelta(days=10 + i),
                programme=3,
                delegates=4,
            )
            made.append(publish(festival, commune_official, district_staff))
        return made

    return build


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_home_page_query_count_is_fixed(client, published_reports, django_assert_num_queries, rows):
    published_reports(rows)
    summaries_refresh()  # the test's transaction never commits
    # unit counts, the summaries' figures, the count of upcoming festivals, upcoming, latest reports
    with django_assert_num_queries(5):
        response = client.get("/")
    assert response.context["figures"]["reports"] == rows
    assert response.context["figures"]["attendance"] == 420 * rows
    assert response.context["figures"]["upcoming"] == 0


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_public_list_with_reports_query_count_is_fixed(
    client, published_reports, django_assert_num_queries, rows
):
    made = published_reports(rows)
    # provinces, the page's ids, their rows, programme items
    with django_assert_num_queries(4):
        response = client.get(reverse("public:festival.list"), {"status": "published"})
    assert list(response.context["page"].object_list) == sorted(
        made, key=lambda f: (f.starts_at, f.pk), reverse=True
    )


@pytest.mark.parametrize("former", [False, True], ids=["today's ward", "former township"])
@pytest.mark.parametrize("rows", [1, 3, 20])
def test_report_page_query_count_is_fixed(
    client, area, commune_official, district_staff, django_assert_num_queries, rows, former
):
    """Also for a festival of a unit that no longer exists, whose page names the units it is
    part of now: one query more (read from the scope closure), over the public budget of 10."""
    festival = make_festival(
        user=commune_official,
        host_unit=area.rung_thong_township if former else area.dong_son_ward,
        approver=district_staff,
        day=datetime.date(2023, 8, 18)
        if former
        else datetime.date.today() - datetime.timedelta(days=5),
        programme=rows,
        delegates=rows,
    )
    publish(festival, commune_official, district_staff)
    # festival with host and report, models, public photos, public documents, directions,
    # organisers, programme, delegates, awards, tributes
    with django_assert_num_queries(11 if former else 10):
        response = client.get(festival.get_public_url())
    assert len(response.context["festival"].delegates.all()) == rows
    if former:
        assert "Phường Đông Sơn" in response.content.decode()


MARKUP = '<script>alert("xss")</script><img src=x onerror="alert(1)"><b>Đậm</b> & "trích"'


def test_feed_sends_the_summary_as_plain_text_so_no_markup_comes_alive(
    client, held, commune_official, district_staff
):
    # The summary went out as type="html" with the text escaped once: feed readers ran it.
    publish(held, commune_official, district_staff, summary=MARKUP, author_credit=MARKUP)
    held.title = MARKUP
    held.save(update_fields=["title"])

    feed = client.get(reverse("feed"))

    root = ET.fromstring(feed.content)
    entry = root.find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    # Plain text: a reader shows these characters, it does not parse them as HTML.
    assert summary.get("type") == "text"
    assert summary.text == MARKUP
    assert entry.find(f"{ATOM}title").text == MARKUP
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")
    assert entry.find(f"{ATOM}author/{ATOM}name").text == MARKUP
    # Nothing in the feed is HTML or XHTML, and no element came from the user's text.
    assert not [e for e in root.iter() if e.get("type") in ("html", "xhtml")]
    assert {e.tag.rpartition("}")[2] for e in root.iter()} <= {
        "feed", "title", "subtitle", "link", "id", "updated", "entry", "published", "author",
        "name", "summary", "category",
    }  # fmt: skip


def test_feed_of_a_summary_with_control_characters_is_well_formed(
    client, held, commune_official, district_staff
):
    publish(held, commune_official, district_staff)
    held.report.summary = "Dòng một\x0bDòng hai\x01"
    held.report.save(update_fields=["summary"])

    feed = client.get(reverse("feed"))

    assert feed.status_code == 200
    summary = ET.fromstring(feed.content).find(f"{ATOM}entry/{ATOM}summary")
    assert summary.text == "Dòng một\nDòng hai"


def test_report_page_leaves_out_the_plan_and_expected_attendance_of_the_announcement(
    english, held, upcoming, commune_official, district_staff
):
    publish(held, commune_official, district_staff)
    report = english.get(held.get_public_url()).content.decode()
    announcement = english.get(upcoming.get_public_url()).content.decode()

    assert held.plan_number not in report
    assert "Expected attendance" not in report
    assert upcoming.plan_number in announcement
    assert "Expected attendance" in announcement


def test_programme_item_named_as_its_kind_shows_the_label_once(client, upcoming):
    upcoming.programme_items.update(kind="flag_salute")
    item = upcoming.programme_items.first()
    item.title = "Chào cờ"
    item.save()
    other = upcoming.programme_items.exclude(pk=item.pk).first()

    page = client.get(upcoming.get_public_url()).content.decode()
    assert "<strong>Chào cờ</strong>\n" in page
    assert "Chào cờ · chào cờ" not in page.replace("</strong>", "").replace("\n", "")
    # Another item keeps its kind after its title.
    assert page.count("· chào cờ") == upcoming.programme_items.count() - 1
    assert f"<strong>{other.title}</strong>" in page
