"""core.amounts: one reading of amounts in đồng for every form and import, one writing for every
page (issue 12, item 1: "3.000.000" typed into the award editor was saved as 3 đồng)."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from core.amounts import MAX_AMOUNT, AmountField, amount_format, amount_parse, amount_total

DECIMALS = (
    "“{}” has a decimal part, but the đồng has no smaller unit: write the whole amount, "
    "e.g. 1.500.000."
)
NOT_AN_AMOUNT = "“{}” is not an amount in đồng (e.g. 1.500.000)."
TOO_LARGE = "“{}” is more than the largest amount, 1.000.000.000.000 đồng."


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "text",
    [
        "1.500.000",
        "1,500,000",
        "1500000",
        "1.500.000 đ",
        "1.500.000đ",
        "1 500 000",
        "1\u00a0500\u00a0000",
        "1\u202f500\u202f000 đ",
        "1.500.000 VNĐ",
        "1.500.000 vnd",
        "1.500.000 đồng",
        "1,500,000 dong",
        "  1.500.000  ",
    ],
)
def test_amount_parse_reads_every_way_of_writing_one_and_a_half_million(text):
    assert amount_parse(text) == 1_500_000


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("0", 0),
        ("-0", 0),
        ("500", 500),
        ("1.500", 1_500),
        ("3.000.000", 3_000_000),
        ("1.000.000.000.000", MAX_AMOUNT),
        (1_500_000, 1_500_000),
        (1500000.0, 1_500_000),
        (Decimal("2000000"), 2_000_000),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_amount_parse_reads_numbers_cells_and_empty_values(value, amount):
    assert amount_parse(value) == amount


@pytest.mark.parametrize(
    "value",
    ["3.000000", "1.5", "1.500.000,50", "1,500,000.00", "1500000.5", "1500000,00", 1.5],
)
def test_amount_parse_refuses_a_decimal_part_because_the_dong_has_no_subunit(value):
    with pytest.raises(ValidationError) as refused:
        amount_parse(value)

    assert refused.value.messages == [DECIMALS.format(value)]
    assert refused.value.code == "decimals"


@pytest.mark.parametrize(
    "text", ["abc", "1.5tr", "năm trăm", "15.00.000", "1..500", ".500", "١٢٣", "-"]
)
def test_amount_parse_refuses_words_and_odd_groupings_with_an_example(text):
    with pytest.raises(ValidationError) as refused:
        amount_parse(text)

    assert refused.value.messages == [NOT_AN_AMOUNT.format(text)]


@pytest.mark.parametrize("value", ["-5", "-1.500.000", -1])
def test_amount_parse_refuses_negative_amounts(value):
    with pytest.raises(ValidationError) as refused:
        amount_parse(value)

    assert refused.value.messages == ["The amount cannot be negative."]


@pytest.mark.parametrize(
    "text", ["1.000.000.000.001", "99999999999999999999999", "9" * 5000, 10**12 + 1]
)
def test_amount_parse_refuses_amounts_above_the_largest(text):
    with pytest.raises(ValidationError) as refused:
        amount_parse(text)

    assert refused.value.messages == [TOO_LARGE.format(text)]


def test_amount_parse_takes_a_smaller_maximum():
    with pytest.raises(ValidationError) as refused:
        amount_parse("2.000", maximum=1_000)

    assert refused.value.messages == ["“2.000” is more than the largest amount, 1.000 đồng."]


def test_amount_format_follows_the_language():
    with translation.override("vi"):
        vietnamese = amount_format(1_500_000)
    with translation.override("en"):
        english = amount_format(1_500_000)

    assert (vietnamese, english) == ("1.500.000", "1,500,000")


def test_amount_format_takes_a_separator_and_leaves_empty_amounts_empty():
    assert amount_format(1_500_000, separator=".") == "1.500.000"
    assert amount_format(0) == "0"
    assert amount_format(None) == ""


def test_amount_total_adds_the_given_amounts():
    assert amount_total([1_500_000, None, 500_000]) == 2_000_000
    assert amount_total([None, None]) is None
    assert amount_total([]) is None


class PrizeForm(forms.Form):
    amount = AmountField(required=False)


@pytest.mark.parametrize(
    ("typed", "saved"), [("3.000.000", 3_000_000), ("1,500,000", 1_500_000), ("", None)]
)
def test_amount_field_saves_what_was_typed(typed, saved):
    form = PrizeForm({"amount": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"amount": saved}


def test_amount_field_refuses_decimals_with_the_message():
    form = PrizeForm({"amount": "3.000000"})

    assert not form.is_valid()
    assert form.errors == {"amount": [DECIMALS.format("3.000000")]}


def test_amount_field_shows_a_saved_amount_in_the_languages_format():
    with translation.override("vi"):
        vietnamese = str(PrizeForm(initial={"amount": 3_000_000})["amount"])
    with translation.override("en"):
        english = str(PrizeForm(initial={"amount": 3_000_000})["amount"])

    assert 'value="3.000.000"' in vietnamese
    assert 'value="3,000,000"' in english
    assert 'inputmode="decimal"' in english


def test_amount_field_shows_text_it_cannot_read_as_typed():
    form = PrizeForm({"amount": "ba triệu"})

    assert not form.is_valid()
    assert 'value="ba triệu"' in str(form["amount"])


def test_amount_field_required_says_to_give_the_amount():
    class RequiredForm(forms.Form):
        amount = AmountField()

    form = RequiredForm({"amount": ""})

    assert form.errors == {"amount": ["Give the amount."]}
