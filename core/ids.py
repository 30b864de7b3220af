"""Row ids typed into query strings and posts: one strict parser for every view.

`int()` and `str.isdigit()` take much more than an id: "²" is a digit to `isdigit()` and an
error to `int()`, "٣" (Arabic-Indic three) and " 7 " are ints to `int()`, and a number past the
database's bigint range makes PostgreSQL fail. `parse_id` takes only what a link or a form of
ours writes: ASCII digits, nothing else, within the range of a BigAutoField.

    decision = parse_id(request.GET.get("decision"))   # None unless "1" … "9223372036854775807"
"""

# The largest value of a BigAutoField (PostgreSQL bigint); 19 digits.
MAX_ID = 2**63 - 1
_MAX_DIGITS = len(str(MAX_ID))
_ASCII_DIGITS = frozenset("0123456789")


def parse_id(value, *, allow_zero=False) -> int | None:
    """`value` (text, or an int) as a row id, or None when it is not one: anything but ASCII
    digits (signs, spaces, "²", other scripts' digits, NUL), nothing at all, 0 (unless
    `allow_zero`) or more than MAX_ID."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        if not value or len(value) > _MAX_DIGITS or not _ASCII_DIGITS.issuperset(value):
            return None
        number = int(value)
    else:
        return None
    if number > MAX_ID or number < (0 if allow_zero else 1):
        return None
    return number
