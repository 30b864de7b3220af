import datetime

from units import selectors
from units.models import AdministrativeUnit


def test_ancestors_are_the_tree_as_it_stood(area):
    assert selectors.unit_ancestors(area.rung_thong_township) == [
        area.dong_son_district,
        area.thanh_hoa,
    ]
    assert selectors.unit_ancestors(area.rung_thong_ward) == [area.thanh_hoa_city, area.thanh_hoa]
    assert selectors.unit_ancestors(area.dong_son_ward) == [area.thanh_hoa]


def test_descendants_on_a_date_follow_the_tree_of_that_date(area):
    in_2023 = selectors.unit_descendants(area.thanh_hoa, on=datetime.date(2023, 8, 3))
    assert {u.name for u in in_2023} == {
        "Huyện Đông Sơn",
        "Thành phố Thanh Hóa",
        "Thị trấn Rừng Thông",
    }
    today = selectors.unit_descendants(area.thanh_hoa)
    assert {u.name for u in today} == {"Phường Đông Sơn", "Phường Hạc Thành"}


def test_unit_as_of_finds_the_row_that_carried_the_code(area):
    assert selectors.unit_as_of("16378", datetime.date(2023, 8, 3)) == area.rung_thong_township
    assert selectors.unit_as_of("16378", datetime.date(2025, 1, 15)) == area.rung_thong_ward
    assert selectors.unit_as_of("16378", datetime.date(2026, 8, 19)) == area.dong_son_ward
    assert selectors.unit_as_of("16378", datetime.date(2026, 8, 19), level=1) is None


def test_current_successor_of_rung_thong_township_is_phuong_dong_son(area):
    assert selectors.unit_current_successors(area.rung_thong_township) == [area.dong_son_ward]
    assert selectors.unit_current_successors(
        area.rung_thong_township, on=datetime.date(2025, 3, 1)
    ) == [area.rung_thong_ward]
    assert selectors.unit_current_successors(area.dong_son_ward) == [area.dong_son_ward]


def test_predecessors_of_phuong_dong_son_go_back_to_the_township(area):
    chain = selectors.unit_predecessors(area.dong_son_ward)
    assert [s.predecessor for s in chain] == [area.rung_thong_ward, area.rung_thong_township]


def test_current_units_under_a_province(area):
    assert list(selectors.units_current_under(area.thanh_hoa)) == [
        area.dong_son_ward,
        area.hac_thanh_ward,
    ]


def test_valid_on_and_current(area):
    on_2023 = AdministrativeUnit.objects.valid_on(datetime.date(2023, 8, 3))
    assert area.rung_thong_township in on_2023
    assert area.dong_son_ward not in on_2023
    assert area.rung_thong_township not in AdministrativeUnit.objects.current()


def test_search_without_diacritics_finds_historical_and_current_units(area):
    found = AdministrativeUnit.objects.search("rung thong")
    assert set(found) == {area.rung_thong_township, area.rung_thong_ward}
    assert list(AdministrativeUnit.objects.search("RỪNG THÔNG").current()) == []
    assert list(AdministrativeUnit.objects.search("đông sơn").current()) == [area.dong_son_ward]
