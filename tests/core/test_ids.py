"""core.ids.parse_id: the one strict id parser of the views (issue 10, item 14)."""

import pytest

from core.ids import MAX_ID, parse_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", 1), ("0042", 42), (str(MAX_ID), MAX_ID), (7, 7), (MAX_ID, MAX_ID)],
)
def test_parse_id_takes_ascii_digits_within_bigint(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "0",
        0,
        "²",
        "٣",
        "abc",
        "1.5",
        " 7",
        "+7",
        "-7",
        "7\x00",
        "\x00",
        "9" * 5000,
        str(MAX_ID + 1),
        "99999999999999999999",
        MAX_ID + 1,
        -1,
        True,
        1.0,
        ["1"],
    ],
)
def test_parse_id_refuses_anything_else(value):
    assert parse_id(value) is None


def test_parse_id_takes_zero_when_allowed():
    assert parse_id("0", allow_zero=True) == 0
    assert parse_id("-1", allow_zero=True) is None
