"""Writing CSV and XLSX files (see the package's docstring)."""

import csv
import datetime
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape as xml_escape

from xlsxwriter import Workbook

from core.text import text_printable

# Excel reads a UTF-8 CSV file as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"
# Text starting with one of these is a formula to a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_ESCAPE = "'"
# Characters Excel refuses in a sheet title (and line breaks), and its longest title.
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\\t\n\r", " "))
SHEET_TITLE_MAX = 31
# Excel's limit for the text of one cell, in UTF-16 code units.
XLSX_CELL_MAX = 32_767


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


def _utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


def sheet_title(text) -> str:
    """`text` as a sheet title Excel accepts (no []:*?/\\ characters, no apostrophe at either
    end, at most 31 UTF-16 units)."""
    title = text_printable(str(text)).translate(_SHEET_TITLE_FORBIDDEN)[:SHEET_TITLE_MAX]
    while _utf16_length(title) > SHEET_TITLE_MAX:
        title = title[:-1]
    return title.strip("'") or "Sheet"


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook: its title, header row and rows (numbers stay numbers)."""

    title: str
    header: Sequence
    rows: Iterable[Sequence]


def _xlsx_text(text):
    """`text` as XlsxWriter must be given it to write exactly that text.

    - Carriage returns become newlines, as XML would read them (XlsxWriter would write "_x000D_",
      which other readers, openpyxl among them, show as it stands).
    - XlsxWriter writes a string that starts with "<r>" and ends with "</r>" into the sheet's XML
      as it stands, taking it for rich text it made: a recipient named so could add cells,
      formulas among them, to the file. Such a text is given as the rich text of one run, escaped
      (and cut to a length whose escaped form stays within the cell limit)."""
    text = text_printable(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("<r>") and text.endswith("</r>"):
        # Escaping makes a character at most 5 long ("&amp;"): a sixth of the limit is safe.
        inner = xml_escape(text[: XLSX_CELL_MAX // 6])
        return f'<r><t xml:space="preserve">{inner}</t></r>'
    return text


class _XlsxSheetWriter:
    """Writes rows of plain values into one XlsxWriter worksheet: text as text (never a formula,
    a number or a link, whatever it looks like), numbers as numbers, dates with a date format,
    empty text and None as empty cells."""

    def __init__(self, workbook, worksheet):
        self.sheet = worksheet
        self.date_format = None
        self.workbook = workbook

    def _date(self):
        if self.date_format is None:
            self.date_format = self.workbook.add_format({"num_format": "dd/mm/yyyy"})
        return self.date_format

    def row(self, number, values):
        sheet = self.sheet
        for column, value in enumerate(values):
            kind = type(value)
            # Text and whole numbers first: nearly every cell is one of them.
            if kind is str:
                if value:
                    sheet.write_string(number, column, _xlsx_text(value))
            elif kind is int:
                sheet.write_number(number, column, value)
            elif value is not None:
                self._other(number, column, value)

    def _other(self, number, column, value):
        sheet = self.sheet
        if isinstance(value, str):
            if value:
                sheet.write_string(number, column, _xlsx_text(value))
        elif isinstance(value, bool):
            sheet.write_boolean(number, column, value)
        elif isinstance(value, int | float | Decimal):
            sheet.write_number(number, column, value)
        elif isinstance(value, datetime.date):
            if isinstance(value, datetime.datetime) and value.tzinfo is not None:
                value = value.replace(tzinfo=None)
            sheet.write_datetime(number, column, value, self._date())
        else:
            sheet.write_string(number, column, _xlsx_text(str(value)))


def xlsx_save(target, *sheets: Sheet):
    """Write a workbook of `sheets` to `target` (a path or a binary file), row by row.

    XlsxWriter in constant-memory mode writes each row to a temporary file as soon as the next
    one starts, so memory stays flat whatever the number of rows; its temporary files live in a
    folder of their own, removed however the writing ends."""
    with tempfile.TemporaryDirectory(prefix="antq-xlsx-") as folder:
        workbook = Workbook(
            target,
            {
                "constant_memory": True,
                "tmpdir": folder,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        workbook.use_zip64()
        try:
            for spec in sheets:
                writer = _XlsxSheetWriter(workbook, workbook.add_worksheet(sheet_title(spec.title)))
                writer.row(0, spec.header)
                with closing_rows(spec.rows) as rows:
                    for number, row in enumerate(rows, start=1):
                        writer.row(number, row)
        except BaseException:
            # The sheets' open temporary files are closed now, not by the garbage collector.
            for worksheet in workbook.worksheets():
                with suppress(Exception):
                    worksheet._opt_close()
            raise
        workbook.close()


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
