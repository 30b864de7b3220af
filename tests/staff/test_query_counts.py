"""The query counts of the staff pages: fixed, whatever the number of rows they list."""

import datetime

import pytest
from django.urls import reverse

from tests.factories.events import make_festival, publish_report
from tests.factories.units import UnitFactory
from units.services import units_rebuild_scope

# --- dashboard and festivals ----------------------------------------------------------------------


@pytest.fixture
def festivals(area, commune_official, district_staff):
    def build(rows):
        return [
            make_festival(
                user=commune_official,
                host_unit=area.dong_son_ward,
                programme=4,
                delegates=5,
                approver=district_staff if i % 2 else None,
            )
            for i in range(rows)
        ]

    return build


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_dashboard_query_count_is_fixed(
    client, district_staff, festivals, django_assert_num_queries, rows
):
    festivals(rows)
    client.force_login(district_staff)
    client.get(reverse("manage:dashboard"))
    # session, user, savepoint, roles, status counts, waiting, upcoming, unit count, release
    with django_assert_num_queries(9):
        response = client.get(reverse("manage:dashboard"))
    assert sum(response.context["festivals"].counts.values()) == rows


@pytest.fixture
def waiting(area, commune_official, district_staff):
    """`rows` festivals at each step the dashboard lists: submitted plans and reports, returned
    plans and held festivals (issue 11: one scope check per waiting festival made 48 queries)."""
    from events import services
    from tests.factories.events import write_report

    past = datetime.date.today() - datetime.timedelta(days=5)

    def build(rows):
        for i in range(rows):
            made = {"user": commune_official, "host_unit": area.dong_son_ward, "programme": 1}
            services.festival_submit(festival=make_festival(**made), user=commune_official)
            returned = services.festival_submit(
                festival=make_festival(**made), user=commune_official
            )
            services.festival_return(festival=returned, user=district_staff, reason=f"Lý do {i}")
            make_festival(**made, day=past, approver=district_staff)
            report = make_festival(**made, day=past, approver=district_staff)
            write_report(report, commune_official)
            services.report_submit(festival=report, user=commune_official)

    return build


@pytest.mark.parametrize("rows", [1, 3, 20])
@pytest.mark.parametrize("who", ["district_staff", "commune_official"])
def test_dashboard_query_count_is_fixed_whatever_waits(
    client, request, waiting, django_assert_num_queries, rows, who
):
    waiting(rows)
    user = request.getfixturevalue(who)
    client.force_login(user)
    client.get(reverse("manage:dashboard"))
    # session, user, savepoint, roles, status counts, waiting, upcoming, unit count, release
    with django_assert_num_queries(9):
        response = client.get(reverse("manage:dashboard"))
    shown = response.context["festivals"].needs_action
    assert len(shown) == min(rows * 2, 20)
    assert {f.waiting for f in shown} <= (
        {"plan_to_approve", "report_to_publish"}
        if who == "district_staff"
        else {"plan_returned", "report_to_write"}
    )


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_staff_festival_list_query_count_is_fixed(
    client, commune_official, festivals, django_assert_num_queries, rows
):
    festivals(rows)
    client.force_login(commune_official)
    client.get(reverse("events:festival.list"))
    # session, user, savepoint, roles, the page's ids, its rows with their counts, release
    with django_assert_num_queries(7):
        response = client.get(reverse("events:festival.list"))
    assert len(response.context["page"].object_list) == rows
    assert {
        (f.programme_count, f.delegate_count) for f in response.context["page"].object_list
    } == {(4, 5)}


# --- movement models ------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_staff_model_list_query_count_is_fixed(
    client, commune_official, models, django_assert_num_queries, rows
):
    models(rows)
    client.force_login(commune_official)
    client.get(reverse("movements:model.list"))
    # session, user, savepoint, roles, provinces, communes, categories, count, page,
    # category counts, release
    with django_assert_num_queries(11):
        response = client.get(reverse("movements:model.list"))
    assert response.context["page"].paginator.count == rows
    counts = {c.code: c.model_count for c in response.context["category_counts"]}
    assert sum(counts.values()) == rows


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_staff_model_list_for_district_staff_query_count_is_fixed(
    client, district_staff, models, django_assert_num_queries, rows
):
    models(rows)
    client.force_login(district_staff)
    client.get(reverse("movements:model.list"))
    with django_assert_num_queries(11):
        response = client.get(reverse("movements:model.list"), {"category": "camera-an-ninh"})
    assert response.context["page"].paginator.count == len(range(0, rows, 3))


# --- units ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_unit_list_query_count_is_fixed(
    client, area, district_staff, django_assert_num_queries, rows
):
    for _n in range(rows):
        UnitFactory(parent=area.thanh_hoa)
    units_rebuild_scope()
    client.force_login(district_staff)
    client.get(reverse("units:unit.list"))  # warm the session
    # session, user, savepoint, roles, count, page of units, release savepoint
    with django_assert_num_queries(7):
        response = client.get(reverse("units:unit.list"), {"q": "xa thu nghiem"})
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("published", [False, True], ids=["planned", "published"])
@pytest.mark.parametrize("rows", [1, 3, 20])
def test_staff_festival_page_query_count_is_fixed(
    client, area, commune_official, district_staff, django_assert_max_num_queries, rows, published
):
    """A festival with `rows` programme items and delegates, seen by the district: planned, or
    held with its report published (history, media review and showcase on the page)."""
    day = datetime.date.today() - datetime.timedelta(days=3) if published else None
    festival = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=day,
        programme=rows,
        delegates=rows,
        approver=district_staff,
    )
    if published:
        publish_report(festival, commune_official, district_staff)
    client.force_login(district_staff)
    url = reverse("events:festival.detail", args=[festival.pk])
    client.get(url)
    # Planned: session, user, roles, festival (with whether any media wait for review),
    # showcased models, organisers, programme, delegates, transitions, history, history's units,
    # scope, showcase choices (listed once, also telling whether there are any). Published adds
    # the report's directions; the photos and documents waiting for review are read only when
    # there are some (test_staff_festival_page_reads_the_media_review_only_when_there_is_one).
    # At most: the history's units are not read when the newest history entries are rows.
    with django_assert_max_num_queries(14 if published else 13):
        response = client.get(url)
    assert response.context["festival"].delegates.count() == rows
