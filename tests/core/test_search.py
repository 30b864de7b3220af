import unicodedata

import pytest

from core.search import SearchWords, normalize_search_text, search_text_has, search_words


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


def test_search_words_are_letters_and_digits():
    assert search_words("Kế hoạch 45/KH-UBND, (lần 18)") == [
        "ke",
        "hoach",
        "45",
        "kh",
        "ubnd",
        "lan",
        "18",
    ]
    assert search_words("a_b  x@y.com") == ["a", "b", "x", "y", "com"]
    assert search_words("!!!") == []


@pytest.mark.parametrize(
    ("query", "words", "prefix"),
    [
        ("Rừng Thông", ("rung", "thong"), True),
        ("nguyen van an", ("nguyen", "van", "an"), False),
        ("nguyen van a", ("nguyen", "van", "a"), False),
        ("nguyen van tua", ("nguyen", "van", "tua"), True),
        ("", (), False),
    ],
)
def test_search_words_last_word_is_a_prefix_from_three_letters(query, words, prefix):
    assert SearchWords.of(query) == SearchWords(words, prefix)


def test_search_words_as_tsquery():
    words = SearchWords.of("125/QĐ")
    assert words.tsquery() == "'125' & 'qd'"
    words = SearchWords.of("rung thong")
    assert words.tsquery() == "'rung' & 'thong':*"
    assert words.tsquery(phrase=True, prefix=False) == "'rung' <-> 'thong'"


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("thi tran rung thong", "rung thong", True),
        ("thi tran rung thong", "RỪNG THÔNG", True),
        ("trung thong", "rung thong", False),
        ("rung xanh, thong nhat", "rung thong", True),
        ("nguyen van anh", "nguyen van an", False),
        ("an nguyen van binh", "nguyen van an", True),
        ("nguyen van tuan", "nguyen van tua", True),
        ("nguyen van tuan", "nguy van tuan", False),
        ("45/kh-ubnd", "45 kh", True),
        ("", "rung", False),
        ("rung", "", False),
    ],
)
def test_search_text_has_matches_whole_words(text, query, expected):
    """The regular expressions the SQLite demo and loaded rows use (PostgreSQL: the tsquery)."""
    assert search_text_has(text, query) is expected


def test_search_phrase_pattern_wants_the_words_together_in_order():
    import re

    words = SearchWords.of("nguyen van an")
    phrase = words.pattern(phrase=True, prefix=False)
    assert re.search(phrase, "tran thi binh, nguyen van an")
    assert not re.search(phrase, "van an nguyen")
    assert not re.search(phrase, "nguyen van anh")
