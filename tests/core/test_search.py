import unicodedata

import pytest

from core.search import normalize_search_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rừng Thông", "rung thong"),
        ("RỪNG THÔNG", "rung thong"),
        ("rung thong", "rung thong"),
        ("Đông Sơn", "dong son"),
        ("đường Đ", "duong d"),
        ("Nguyễn Ngọc Tiến", "nguyen ngoc tien"),
        ("  Thị   trấn\tRừng\nThông  ", "thi tran rung thong"),
        (unicodedata.normalize("NFD", "Phường Đông Sơn"), "phuong dong son"),
        (unicodedata.normalize("NFC", "Hạc Thành"), "hac thanh"),
        ("Thanh Hóa", "thanh hoa"),
        ("Thanh Hoá", "thanh hoa"),
        ("45/KH-UBND", "45/kh-ubnd"),
        ("rung\x00thong", "rung thong"),
        ("", ""),
        (None, ""),
    ],
)
def test_normalize_search_text_cases(text, expected):
    assert normalize_search_text(text) == expected


def test_normalize_search_text_decomposed_and_composed_meet():
    composed = unicodedata.normalize("NFC", "Lê Trọng Thụ")
    decomposed = unicodedata.normalize("NFD", "Lê Trọng Thụ")
    assert composed != decomposed
    assert normalize_search_text(composed) == normalize_search_text(decomposed) == "le trong thu"
