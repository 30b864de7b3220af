"""The search columns, filled as the models' `save()` fills them (core.search), only faster.

`normalize_search_text` works character by character (đ → d, NFKD, marks dropped, control
characters to spaces, casefold) and then collapses whitespace; so a table from each character to
what it becomes, applied with `str.translate`, gives the same text, at a fraction of the cost of
a million calls to `unicodedata`. And the normalised form of parts joined by spaces is the parts
normalised and joined, empty ones left out, so each distinct part is normalised once.
tests/demo/test_national.py checks that the generated columns equal what the models build.
"""

import functools
import unicodedata

from core.search import normalize_search_text


class _CharTable(dict):
    """Character code → what `normalize_search_text` makes of that character alone."""

    def __missing__(self, code):
        char = chr(code)
        if (
            unicodedata.category(char).startswith("C")
            and unicodedata.normalize("NFKD", char) == char
        ):
            value = " "
        else:
            # normalize_search_text of one character, whitespace kept for the final collapse.
            decomposed = unicodedata.normalize("NFKD", char.translate(_EXTRA))
            value = "".join(
                " " if unicodedata.category(ch).startswith("C") else ch
                for ch in decomposed
                if not unicodedata.combining(ch)
            ).casefold()
        self[code] = value
        return value


_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
_TABLE = _CharTable()


@functools.lru_cache(maxsize=1_000_000)
def normalized(text):
    """`normalize_search_text(text)`."""
    return " ".join(text.translate(_TABLE).split())


def fields_text(*values):
    """`SearchTextModel.build_search_text` over these field values."""
    return " ".join(filter(None, (normalized(str(v or "")) for v in values)))


def unique_names_text(names):
    """`normalize_search_text(" ".join(dict.fromkeys(n for n in names if n)))`: each name once."""
    return " ".join(filter(None, (normalized(n) for n in dict.fromkeys(n for n in names if n))))


__all__ = ["fields_text", "normalize_search_text", "normalized", "unique_names_text"]
