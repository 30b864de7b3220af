import pytest

from core.pagination import MAX_PAGE, PaginatorCountedApart, page_number, page_without_count
from units.enums import UnitLevel
from units.models import AdministrativeUnit


@pytest.mark.parametrize(
    ("text", "number"),
    [("3", 3), ("", 1), (None, 1), ("0", 1), ("-2", 1), ("²", 1), (" 2", 1), ("10001", 1)],
)
def test_page_number_takes_only_plain_page_numbers(text, number):
    assert page_number(text) == number


def test_page_number_stops_at_the_deepest_page():
    assert page_number(str(MAX_PAGE)) == MAX_PAGE


def test_page_knows_its_neighbours_without_counting(area, django_assert_num_queries):
    units = AdministrativeUnit.objects.order_by("code", "pk")
    codes = list(units.values_list("code", flat=True))
    with django_assert_num_queries(1):
        page = page_without_count(units, "2", per_page=4)
    assert [u.code for u in page] == codes[4:8]
    assert (page.has_previous, page.has_next) == (True, len(codes) > 8)
    assert (page.start_index(), page.end_index()) == (5, min(8, len(codes)))


def test_page_of_ids_loads_its_rows_in_the_list_order(area, django_assert_num_queries):
    units = AdministrativeUnit.objects.order_by("-code", "-pk")
    expected = list(units.values_list("pk", flat=True))[:3]
    asked = []

    def rows(ids):
        asked.append(ids)
        return AdministrativeUnit.objects.filter(pk__in=ids).order_by("pk")

    with django_assert_num_queries(2):
        page = page_without_count(units, 1, per_page=3, rows=rows)
    assert [u.pk for u in page.object_list] == expected
    assert asked == [expected]
    assert page.has_next and not page.has_previous


def test_page_past_the_end_is_empty_and_loads_no_rows(area, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_without_count(
            AdministrativeUnit.objects.order_by("pk"), 50, per_page=10, rows=lambda ids: 1 / 0
        )
    assert page.object_list == []
    assert page.has_previous and not page.has_next
    assert page.start_index() == 0


def test_paginator_counted_apart_counts_the_rows_without_the_lists_joins(
    area, django_assert_num_queries
):
    counted = AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE)
    listed = counted.select_related("parent").order_by("parent__search_text", "search_text")
    expected = list(listed.values_list("pk", flat=True))
    with django_assert_num_queries(2) as captured:
        page = PaginatorCountedApart(listed, 2, counted=counted).get_page(1)
        shown = [unit.pk for unit in page.object_list]
    assert shown == expected[:2]
    assert page.paginator.count == len(expected)
    count_sql = captured.captured_queries[0]["sql"]
    assert count_sql.startswith("SELECT COUNT(*)") and "JOIN" not in count_sql
