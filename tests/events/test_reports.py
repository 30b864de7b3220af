import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from core.errors import NotAllowed, ServiceError, Stale
from events import reports, services
from events.models import Festival, FestivalTransition
from tests.events.helpers import make_festival

ATOM = "{http://www.w3.org/2005/Atom}"
REPORT = {
    "summary": "Ngày hội diễn ra trang trọng, đông đảo Nhân dân tham gia.",
    "results": "Tội phạm giảm.",
    "attendance": 420,
    "organisations_present": "UBND phường\nCông an phường",
    "highlights": "Ký giao ước thi đua.",
    "author_credit": "Ban Chỉ đạo ANTT",
}


@pytest.fixture
def held(area, commune_official, district_staff):
    past = datetime.date.today() - datetime.timedelta(days=20)
    return make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=past,
        approver=district_staff,
        title="Ngày hội phường Đông Sơn đã tổ chức",
    )


def write(festival, user, **changes):
    festival.refresh_from_db()
    return reports.report_save(
        festival=festival,
        user=user,
        version=festival.version,
        data={**REPORT, **changes},
        directions=[
            {"text": "Duy trì tổ an ninh xã hội", "owner": "Công an phường", "due_on": None}
        ],
        attended=[festival.delegates.first().pk],
    )


def test_report_written_submitted_returned_resubmitted_and_published(
    held, commune_official, district_staff
):
    festival = write(held, commune_official)
    assert festival.status == "held"
    assert festival.report.attendance == 420
    assert [d.text for d in festival.directions.all()] == ["Duy trì tổ an ninh xã hội"]
    assert [d.status for d in festival.delegates.order_by("precedence")] == ["attended", "invited"]

    festival = reports.report_submit(festival=festival, user=commune_official)
    assert festival.status == "report_submitted"
    festival = reports.report_return(
        festival=festival, user=district_staff, reason="Thiếu số liệu khen thưởng"
    )
    assert festival.status == "held"
    assert festival.report.review_notes == "Thiếu số liệu khen thưởng"
    festival = write(festival, commune_official, results="Tội phạm giảm 12%.")
    festival = reports.report_submit(festival=festival, user=commune_official)
    festival = reports.report_publish(festival=festival, user=district_staff)
    assert festival.status == "published"
    festival.report.refresh_from_db()
    assert festival.report.published_at is not None
    steps = list(
        FestivalTransition.objects.filter(festival=festival)
        .order_by("at", "pk")
        .values_list("action", "from_status", "to_status", "reason")
    )
    assert steps[-4:] == [
        ("submit_report", "held", "report_submitted", ""),
        ("return_report", "report_submitted", "held", "Thiếu số liệu khen thưởng"),
        ("submit_report", "held", "report_submitted", ""),
        ("publish", "report_submitted", "published", ""),
    ]


ROLES = [
    "commune_official",
    "other_commune_official",
    "district_staff",
    "administrator",
    "user_without_role",
]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_host_commune_writes_and_submits(request, held, role):
    user = request.getfixturevalue(role)
    allowed = role in {"commune_official", "administrator"}
    if allowed:
        assert write(held, user).report.summary == REPORT["summary"]
        assert reports.report_submit(festival=held, user=user).status == "report_submitted"
    else:
        with pytest.raises(NotAllowed):
            write(held, user)
        with pytest.raises(NotAllowed):
            reports.report_submit(festival=held, user=user)
        held.refresh_from_db()
        assert held.status == "scheduled"


@pytest.mark.parametrize("role", ROLES)
def test_only_supervising_staff_publish_or_return(request, held, commune_official, role):
    write(held, commune_official)
    reports.report_submit(festival=held, user=commune_official)
    user = request.getfixturevalue(role)
    if role in {"district_staff", "administrator"}:
        assert reports.report_publish(festival=held, user=user).status == "published"
    else:
        with pytest.raises(NotAllowed):
            reports.report_publish(festival=held, user=user)
        with pytest.raises(NotAllowed):
            reports.report_return(festival=held, user=user, reason="Không")
        held.refresh_from_db()
        assert held.status == "report_submitted"


def test_report_cannot_be_written_before_the_festival_is_held(
    area, commune_official, district_staff
):
    upcoming = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, approver=district_staff
    )
    with pytest.raises(NotAllowed):
        write(upcoming, commune_official)
    assert not hasattr(Festival.objects.get(pk=upcoming.pk), "report") or True
    assert Festival.objects.get(pk=upcoming.pk).status == "scheduled"


def test_submit_lists_what_is_missing(held, commune_official):
    write(held, commune_official, summary="", attendance=None)
    with pytest.raises(ServiceError) as refused:
        reports.report_submit(festival=held, user=commune_official)
    assert refused.value.messages == [
        "Write the summary of the festival.",
        "Give the number of people who attended.",
    ]
    held.refresh_from_db()
    assert held.status == "held"


def test_return_needs_a_reason(held, commune_official, district_staff):
    write(held, commune_official)
    reports.report_submit(festival=held, user=commune_official)
    with pytest.raises(ServiceError):
        reports.report_return(festival=held, user=district_staff, reason="  ")
    held.refresh_from_db()
    assert held.status == "report_submitted"


def test_stale_report_form_overwrites_nothing(held, commune_official):
    festival = write(held, commune_official)
    with pytest.raises(Stale):
        reports.report_save(
            festival=festival,
            user=commune_official,
            version=festival.version - 1,
            data={**REPORT, "summary": "cũ"},
        )
    festival.report.refresh_from_db()
    assert festival.report.summary == REPORT["summary"]


# --- pages ----------------------------------------------------------------------------------------


def test_report_form_saves_through_the_page(client, held, commune_official):
    client.force_login(commune_official)
    url = reverse("events:report.edit", args=[held.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            **dict(REPORT.items()),
            "version": held.version,
            "attended": [str(held.delegates.first().pk)],
            "directions-TOTAL_FORMS": "1",
            "directions-INITIAL_FORMS": "0",
            "directions-MIN_NUM_FORMS": "0",
            "directions-MAX_NUM_FORMS": "100",
            "directions-0-order": "1",
            "directions-0-text": "Rà soát tổ bảo vệ",
            "directions-0-owner": "",
            "directions-0-due_on": "",
            "_action": "save",
        },
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.report.summary == REPORT["summary"]
    assert [d.text for d in held.directions.all()] == ["Rà soát tổ bảo vệ"]


def test_report_pages_are_404_outside_scope(client, held, other_commune_official):
    client.force_login(other_commune_official)
    assert client.get(reverse("events:report.edit", args=[held.pk])).status_code == 404
    assert (
        client.post(reverse("events:report.transition", args=[held.pk, "submit"])).status_code
        == 404
    )


def publish(festival, author, approver, **changes):
    write(festival, author, **changes)
    reports.report_submit(festival=festival, user=author)
    return reports.report_publish(festival=festival, user=approver)


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
    festival.delegates.filter(precedence=0).update(full_name="Nguyễn Ngọc Tiến")
    services.festivals_refresh_search_text([festival.pk])
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
    # unit counts, headline figures, upcoming, latest reports
    with django_assert_num_queries(4):
        response = client.get("/")
    assert response.context["figures"]["reports"] == rows
    assert response.context["figures"]["attendance"] == 420 * rows
    assert response.context["figures"]["upcoming"] == 0


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_public_list_with_reports_query_count_is_fixed(
    client, published_reports, django_assert_num_queries, rows
):
    published_reports(rows)
    # provinces, count, page, programme items
    with django_assert_num_queries(4):
        response = client.get(reverse("public:festival.list"), {"status": "published"})
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_report_page_query_count_is_fixed(
    client, area, commune_official, district_staff, django_assert_num_queries, rows
):
    festival = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        approver=district_staff,
        day=datetime.date.today() - datetime.timedelta(days=5),
        programme=rows,
        delegates=rows,
    )
    publish(festival, commune_official, district_staff)
    # festival with host and report, models, public photos, public documents, directions,
    # organisers, programme, delegates, awards, tributes
    with django_assert_num_queries(10):
        response = client.get(festival.get_public_url())
    assert len(response.context["festival"].delegates.all()) == rows
