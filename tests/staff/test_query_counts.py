import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from units.services import units_rebuild_scope


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
