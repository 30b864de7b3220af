"""core.text: control characters normalised on input, made harmless on output (issue 10,
item 6)."""

import pytest

from core.text import text_clean, text_printable

C0 = "".join(chr(code) for code in range(32))


def test_text_clean_of_a_one_line_field_spaces_breaks_and_drops_other_controls():
    assert text_clean(f"Lê{C0}Hoa\x7f\x85") == "Lê     Hoa"
    assert text_clean("Khu phố\x0b3") == "Khu phố 3"


def test_text_clean_of_a_multiline_field_keeps_tabs_and_newlines():
    assert text_clean(f"Dòng 1{C0}Dòng 2\x7f", multiline=True) == "Dòng 1\t\n\n\n\rDòng 2"
    assert text_clean("Dòng 1\r\nDòng 2\x0bDòng 3", multiline=True) == ("Dòng 1\r\nDòng 2\nDòng 3")


@pytest.mark.parametrize("value", [None, 3, ["x"], ""])
def test_text_clean_and_printable_leave_what_is_not_text(value):
    assert text_clean(value) == value
    assert text_printable(value) == value


def test_text_printable_keeps_tab_newline_carriage_return_and_turns_tabs_into_newlines():
    assert text_printable(f"a{C0}b") == "a\t\n\n\n\rb"
    assert text_printable("Tiếng Việt, không có gì lạ") == "Tiếng Việt, không có gì lạ"
