"""Units named in free text, written again with today's names (units/names.py)."""

import pytest

from units.names import unit_names_replaced


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ngày hội toàn dân bảo vệ ANTQ thị trấn Rừng Thông năm 2023",
            "Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn năm 2023",
        ),
        # With its parents: today's parents follow, in the text's letter case.
        (
            "Khu phố 3, thị trấn Rừng Thông, huyện Đông Sơn, tỉnh Thanh Hóa",
            "Khu phố 3, phường Đông Sơn, tỉnh Thanh Hóa",
        ),
        ("Thị trấn Rừng Thông, huyện Đông Sơn", "Phường Đông Sơn, tỉnh Thanh Hóa"),
        ("Thị trấn Rừng Thông, Huyện Đông Sơn", "Phường Đông Sơn, Tỉnh Thanh Hóa"),
        ("THỊ TRẤN RỪNG THÔNG", "Phường Đông Sơn"),
        # Twice in one text.
        (
            "Sân vận động thị trấn Rừng Thông, thị trấn Rừng Thông",
            "Sân vận động phường Đông Sơn, phường Đông Sơn",
        ),
        # A bare place name is the place's, not the unit's: it stays.
        ("Khu du lịch sinh thái Rừng Thông", "Khu du lịch sinh thái Rừng Thông"),
        ("", ""),
    ],
)
def test_unit_names_replaced_writes_todays_commune(area, text, expected):
    assert (
        unit_names_replaced(text, old=area.rung_thong_township, new=area.dong_son_ward) == expected
    )


def test_unit_names_replaced_through_a_city_of_the_past(area):
    text = "Phường Rừng Thông, thành phố Thanh Hóa, tỉnh Thanh Hóa"

    assert (
        unit_names_replaced(text, old=area.rung_thong_ward, new=area.dong_son_ward)
        == "Phường Đông Sơn, tỉnh Thanh Hóa"
    )


def test_unit_names_replaced_keeps_text_of_the_same_unit(area):
    text = "Khu phố 3, phường Đông Sơn"

    assert unit_names_replaced(text, old=area.dong_son_ward, new=area.dong_son_ward) == text
