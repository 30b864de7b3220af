"""The query counts of the public pages: fixed, whatever the number of rows they list."""

import pytest
from django.urls import reverse

from awards.models import AwardForm
from stats.services import summaries_refresh
from tests.factories.awards import AwardFactory, DecisionFactory, IssuingAuthorityFactory
from tests.factories.events import FestivalFactory, FestivalReportFactory, make_festival
from tests.factories.movements import MovementModelFactory, category

# --- festivals ------------------------------------------------------------------------------------


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
    # provinces, the page's ids, their rows, programme items (public pages run outside a
    # transaction); no count
    with django_assert_num_queries(4):
        response = client.get(reverse("public:festival.list"), {"q": "thu nghiem"})
    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_public_festival_list_without_search_query_count_is_fixed(
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
    # provinces, the page's ids (upcoming and reports in one UNION), their rows, programme items
    with django_assert_num_queries(4):
        response = client.get(reverse("public:festival.list"))
    page = response.context["page"]
    assert len(page.object_list) == rows
    assert page.has_next is False


# --- movement models ------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_public_directory_query_count_is_fixed(client, models, django_assert_num_queries, rows):
    models(rows)
    # savepoint, provinces, categories, count, page, release
    with django_assert_num_queries(6):
        response = client.get(reverse("models:model.list"), {"q": "mo hinh thu nghiem"})
    assert response.context["page"].paginator.count == rows


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_public_directory_of_a_province_query_count_is_fixed(
    client, models, django_assert_num_queries, rows
):
    models(rows)
    # savepoint, provinces, categories, communes of the province, count, page, release
    with django_assert_num_queries(7):
        response = client.get(reverse("models:model.list"), {"province": "38"})
    assert response.context["page"].paginator.count == rows


# --- statistics -----------------------------------------------------------------------------------


CATEGORIES = ["camera-an-ninh", "cong-truong-an-toan", "to-dan-pho-tu-quan"]


@pytest.fixture
def published(area):
    """`rows` published festivals across units and years, each with a report, two awards (from
    different authorities and forms) and a model."""

    def build(rows):
        forms = list(AwardForm.objects.order_by("order")[:3])
        authorities = [
            IssuingAuthorityFactory(unit=area.thanh_hoa),
            IssuingAuthorityFactory(unit=area.dong_son_district),
        ]
        decisions = [DecisionFactory(authority=authority) for authority in authorities]
        units = [area.dong_son_ward, area.rung_thong_township, area.other_commune]
        for n in range(rows):
            festival = FestivalFactory(host_unit=units[n % 3], year=2023 + n % 3)
            FestivalReportFactory(festival=festival, attendance=100 + n)
            for k in range(2):
                AwardFactory(
                    decision=decisions[(n + k) % 2], festival=festival, form=forms[(n + k) % 3]
                )
            MovementModelFactory(
                unit=units[n % 3] if n % 3 != 1 else area.dong_son_ward,
                category=category(CATEGORIES[n % 3]),
            )
        summaries_refresh()

    return build


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_stats_page_query_count_is_fixed(client, published, django_assert_num_queries, rows):
    published(rows)
    # provinces, one per table (7), each on the summaries but the models; public pages run
    # outside a transaction
    with django_assert_num_queries(8):
        response = client.get(reverse("stats:index"))
    assert response.context["figures"]["festival_count"] == rows
    assert response.context["figures"]["award_count"] == 2 * rows


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_filtered_stats_page_query_count_is_fixed(
    client, published, django_assert_num_queries, rows
):
    published(rows)
    with django_assert_num_queries(8):
        response = client.get(reverse("stats:index"), {"province": "38", "year": 2023})
    # Festivals 0, 3, 6…: the Thanh Hóa ward in 2023.
    assert response.context["figures"]["festival_count"] == len(range(0, rows, 3))


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_download_query_count_is_fixed(client, published, django_assert_num_queries, rows):
    published(rows)
    # provinces, the table
    with django_assert_num_queries(2):
        response = client.get(
            reverse("stats:download", kwargs={"table": "awards-by-form", "fmt": "xlsx"})
        )
    assert response.status_code == 200
