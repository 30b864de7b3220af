"""Control characters in text: taken out where text comes in, and again where it goes out.

Word puts a vertical tab (\\x0b) for a manual line break, and pasted text brings NUL, form feeds
and the like. XML 1.0 (the Atom feed, .xlsx files) cannot hold the C0 controls other than tab,
newline and carriage return, iCalendar forbids them, PostgreSQL refuses NUL. So:

- on input (`text_clean`, applied to every text field of a form by `core.forms.CleanTextMixin`
  and to every imported cell), a one-line field gets a space for tab, newline, carriage return,
  vertical tab and form feed, and loses every other control character; a multi-line field keeps
  its tabs and newlines, turns vertical tabs and form feeds into newlines, and loses the others;
- on output (`text_printable`, applied by the feed, the calendar and the CSV/XLSX writers), what
  slipped in anyway (older rows, the admin site, a script) is made harmless the same way, keeping
  tab, newline and carriage return.
"""

import re

# C0 controls, DEL and the C1 controls (U+0080–U+009F): category Cc.
_CONTROLS = [*range(0x00, 0x20), *range(0x7F, 0xA0)]
_LINE_BREAKS = ("\x0b", "\x0c")  # vertical tab (Word's manual line break) and form feed
_KEPT_MULTILINE = ("\t", "\n", "\r")

_ONE_LINE = str.maketrans(
    {code: (" " if chr(code) in (*_KEPT_MULTILINE, *_LINE_BREAKS) else None) for code in _CONTROLS}
)
_MULTILINE = str.maketrans(
    {
        code: ("\n" if chr(code) in _LINE_BREAKS else None)
        for code in _CONTROLS
        if chr(code) not in _KEPT_MULTILINE
    }
)
# What XML 1.0 and iCalendar cannot carry: C0 controls other than tab, newline, carriage return.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def text_clean(value, *, multiline=False):
    """`value` with its control characters normalised for storing (see the module's docstring);
    anything that is not text is returned unchanged."""
    if not isinstance(value, str):
        return value
    return value.translate(_MULTILINE if multiline else _ONE_LINE)


def _printable(match):
    return "\n" if match.group() in _LINE_BREAKS else ""


def text_printable(value):
    """`value` without the control characters XML 1.0 and iCalendar refuse: vertical tab and form
    feed become newlines, the other C0 controls but tab, newline and carriage return go; anything
    that is not text is returned unchanged."""
    if not isinstance(value, str) or not _UNPRINTABLE.search(value):
        return value
    return _UNPRINTABLE.sub(_printable, value)
