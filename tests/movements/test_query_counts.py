import pytest
from django.urls import reverse

from tests.movements.factories import MovementModelFactory, category

CATEGORIES = ["camera-an-ninh", "cong-truong-an-toan", "to-dan-pho-tu-quan"]


@pytest.fixture
def models(area):
    def build(rows):
        return [
            MovementModelFactory(
                unit=area.dong_son_ward if n % 2 else area.rung_thong_ward,
                category=category(CATEGORIES[n % 3]),
            )
            for n in range(rows)
        ]

    return build


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
