"""Amounts of money in đồng: one reading and one writing for every form, import and page.

People write 1,500,000 đồng as "1.500.000" (Vietnamese), "1,500,000" (English), "1 500 000",
"1500000", "1.500.000 đ" or "1.500.000 VNĐ"; a spreadsheet cell holds the number itself. All of
them mean the same amount. The đồng has no smaller unit, so a decimal part ("1.500.000,50",
"3.000000") is refused with a message rather than silently read as another amount.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.search import normalize_search_text

# The largest amount accepted anywhere (one trillion đồng): past it, a typing slip is likelier
# than a real award.
MAX_AMOUNT = 10**12

# What may follow the digits: đ, đồng, dong, vnd, vnđ (after normalisation, all ASCII).
_CURRENCY = re.compile(r"\s*(vnd|dong|d)\.?$")
# Digits with thousands separators: ".", "," or spaces (a space of any width).
_WRITTEN = re.compile(r"[0-9][0-9., ]*")


def _not_an_amount(text):
    return ValidationError(
        _("“%(value)s” is not an amount in đồng (e.g. 1.500.000).") % {"value": text},
        code="invalid",
    )


def _has_decimals(text):
    return ValidationError(
        _(
            "“%(value)s” has a decimal part, but the đồng has no smaller unit: write the whole "
            "amount, e.g. 1.500.000."
        )
        % {"value": text},
        code="decimals",
    )


def _too_large(text, maximum):
    return ValidationError(
        _("“%(value)s” is more than the largest amount, %(max)s đồng.")
        % {"value": text, "max": amount_format(maximum, separator=".")},
        code="max_value",
    )


def _negative():
    return ValidationError(_("The amount cannot be negative."), code="min_value")


def _checked(amount, text, maximum):
    if amount < 0:
        raise _negative()
    if amount > maximum:
        raise _too_large(text, maximum)
    return amount


def amount_parse(value, *, maximum=MAX_AMOUNT):
    """The whole number of đồng `value` means; None for an empty value.

    `value` is text as typed or read from a file, or a number from a spreadsheet cell. Raises
    ValidationError with a message the user can act on for anything else: words, a decimal part,
    a negative amount or one above `maximum`."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _not_an_amount(value)
    if isinstance(value, int):
        return _checked(value, str(value), maximum)
    if isinstance(value, float | Decimal):
        if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities
            raise _not_an_amount(value)
        if value != int(value):
            raise _has_decimals(value)
        return _checked(int(value), str(value), maximum)
    text = str(value).strip()
    # Lower case and ASCII: "VNĐ" → "vnd", "đồng" → "dong"; every kind of space becomes " ".
    cleaned = _CURRENCY.sub("", normalize_search_text(text)).strip()
    if not cleaned:
        return None
    negative = cleaned.startswith("-")
    if negative:
        cleaned = cleaned[1:].strip()
    if not _WRITTEN.fullmatch(cleaned):
        raise _not_an_amount(text)
    groups = re.split(r"[., ]", cleaned)
    separators = re.findall(r"[., ]", cleaned)
    # Groups of three after the first; the first may be longer ("1500.000"), as people write.
    grouped = bool(groups[0]) and all(len(g) == 3 for g in groups[1:])
    marks = set(separators) - {" "}
    if separators and not (grouped and len(marks) <= 1):
        # "1.500.000,50", "1,500,000.00", "3.000000", "1.5": the last mark reads as a decimal
        # point. Groups of the wrong size otherwise ("15.00.000", "1..500") are not an amount.
        if len(marks) > 1 or (separators[-1] != " " and len(groups[-1]) not in (0, 3)):
            raise _has_decimals(text)
        raise _not_an_amount(text)
    digits = "".join(groups).lstrip("0")
    if negative and digits:
        raise _negative()
    # Refused before converting: int() of thousands of digits is slow and pointless.
    if len(digits) > len(str(maximum)):
        raise _too_large(text, maximum)
    return _checked(int(digits or "0"), text, maximum)


def amount_format(amount, *, separator=None):
    """1500000 → "1.500.000" in Vietnamese, "1,500,000" in English (the active language's
    thousands separator, or `separator`); None or "" → ""."""
    if amount in (None, ""):
        return ""
    if separator is None:
        separator = get_format("THOUSAND_SEPARATOR")
    return f"{int(amount):,}".replace(",", separator)


def amount_total(amounts):
    """The sum of the amounts given (None counts as nothing); None when none was given."""
    given = [a for a in amounts if a is not None]
    return sum(given) if given else None


class AmountInput(forms.TextInput):
    """A text box for an amount: a number pad with separators on phones, right-aligned digits."""

    def __init__(self, attrs=None):
        super().__init__(
            {"inputmode": "decimal", "autocomplete": "off", "class": "text-end", **(attrs or {})}
        )


class AmountField(forms.Field):
    """A form field for an amount in đồng, read by `amount_parse` and shown by `amount_format`,
    so "3.000.000" typed is 3,000,000 saved and shown again as "3.000.000" (or "3,000,000")."""

    widget = AmountInput
    default_error_messages = {"required": gettext_lazy("Give the amount.")}

    def __init__(self, *, max_value=MAX_AMOUNT, **kwargs):
        self.max_value = max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return amount_parse(value, maximum=self.max_value)

    def prepare_value(self, value):
        # A saved amount, or text typed that reads as one, is shown in the language's format;
        # text that does not read is shown as typed, next to its error.
        try:
            amount = amount_parse(value, maximum=self.max_value)
        except ValidationError:
            return value
        return amount_format(amount)
