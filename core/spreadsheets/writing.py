"""Writing CSV and XLSX files (see the package's docstring)."""

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.text import text_printable

# Excel reads a UTF-8 CSV file as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"
# Text starting with one of these is a formula to a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"
# Characters Excel refuses in a sheet title (and line breaks), and its longest title.
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\\t\n\r", " "))
SHEET_TITLE_MAX = 31


def _reads_as_formula(text):
    """Text a spreadsheet runs as a formula, or that `unescape_formula` would take one apostrophe
    off (so that escaping and unescaping give back any text unchanged)."""
    return text.lstrip(FORMULA_ESCAPE).startswith(FORMULA_STARTS)


def escape_formula(value):
    """`value` for a CSV cell: None becomes "", text a spreadsheet would read as a formula gets an
    apostrophe in front; anything else is returned unchanged."""
    if value is None:
        return ""
    value = text_printable(value)
    if isinstance(value, str) and _reads_as_formula(value):
        return FORMULA_ESCAPE + value
    return value


def unescape_formula(text):
    """The text `escape_formula` was given: the apostrophe it put in front taken off again."""
    if isinstance(text, str) and text.startswith(FORMULA_ESCAPE) and _reads_as_formula(text):
        return text[1:]
    return text


@contextmanager
def closing_rows(rows: Iterable):
    """`rows` as an iterator that is closed however the reading ends: finished, failed on a
    row, or abandoned (a download the browser cancelled). A queryset's `.iterator()` keeps its
    database cursor open until it is closed, and on SQLite an open cursor holds a read lock:
    left to the garbage collector, a failed export kept the database locked for every writer."""
    iterator = iter(rows)
    try:
        yield iterator
    finally:
        close = getattr(iterator, "close", None)
        if close is not None:
            close()


class _Echo:
    """A file whose write returns what it was given, so that csv.writer yields its lines."""

    def write(self, value):
        return value


def csv_lines(header: Sequence, rows: Iterable[Sequence]) -> Iterator[str]:
    """The CSV lines of `header` and `rows`, one at a time; the first starts with a BOM."""
    writer = csv.writer(_Echo())
    with closing_rows(rows) as source:
        yield BOM + writer.writerow([escape_formula(value) for value in header])
        for row in source:
            yield writer.writerow([escape_formula(value) for value in row])


def csv_text(header: Sequence, rows: Iterable[Sequence]) -> str:
    """The whole CSV file as text, starting with a BOM."""
    return "".join(csv_lines(header, rows))


def sheet_title(text) -> str:
    """`text` as a sheet title Excel accepts (no []:*?/\\ characters, at most 31 of them)."""
    return text_printable(str(text)).translate(_SHEET_TITLE_FORBIDDEN)[:SHEET_TITLE_MAX]


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its title, header row and rows (numbers stay numbers)."""

    title: str
    header: Sequence
    rows: Iterable[Sequence]


def _xlsx_cell(sheet, value):
    """Text stays text, even when it starts with "=" (not a formula Excel would evaluate)."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=text_printable(value))
        cell.data_type = "s"
        return cell
    return value


def xlsx_save(target, *sheets: Sheet):
    """Write a workbook of `sheets` to `target` (a path or a binary file), row by row."""
    workbook = Workbook(write_only=True)
    try:
        for spec in sheets:
            sheet = workbook.create_sheet(sheet_title(spec.title))
            sheet.append([_xlsx_cell(sheet, value) for value in spec.header])
            with closing_rows(spec.rows) as rows:
                for row in rows:
                    sheet.append([_xlsx_cell(sheet, value) for value in row])
    except BaseException:
        # Finish the sheets' own files now: left to the garbage collector, openpyxl writes to
        # them after they are gone ("Exception ignored … I/O operation on closed file").
        for sheet in workbook.worksheets:
            with suppress(Exception):
                sheet.close()
        raise
    workbook.save(target)


def xlsx_bytes(*sheets: Sheet) -> bytes:
    """A workbook of `sheets` as .xlsx bytes."""
    buffer = io.BytesIO()
    xlsx_save(buffer, *sheets)
    return buffer.getvalue()


def xlsx_temporary_file(*sheets: Sheet):
    """A temporary file holding the workbook of `sheets`, at its start; memory stays flat however
    many rows there are. The caller reads (or streams) and closes it."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - the caller closes it
    try:
        xlsx_save(handle, *sheets)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle
