import pytest
from django.urls import reverse

from tests.events.helpers import make_festival


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


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_staff_festival_list_query_count_is_fixed(
    client, commune_official, festivals, django_assert_num_queries, rows
):
    festivals(rows)
    client.force_login(commune_official)
    client.get(reverse("events:festival.list"))
    # session, user, savepoint, roles, count, page, release
    with django_assert_num_queries(7):
        response = client.get(reverse("events:festival.list"))
    assert response.context["page"].paginator.count == rows
    assert {f.programme_count for f in response.context["page"].object_list} == {4}


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_public_festival_list_query_count_is_fixed(
    client, area, commune_official, district_staff, django_assert_num_queries, rows
):
    for _n in range(rows):
        make_festival(
            user=commune_official,
            host_unit=area.dong_son_ward,
            programme=4,
            delegates=5,
            approver=district_staff,
        )
    # provinces, count, page, programme items (public pages run outside a transaction)
    with django_assert_num_queries(4):
        response = client.get(reverse("public:festival.list"), {"q": "thu nghiem"})
    assert response.context["page"].paginator.count == rows
