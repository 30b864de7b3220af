"""Reading uploaded CSV and XLSX files within hard limits (see the package's docstring)."""

import codecs
import csv
import io
import re
import struct
import zipfile
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook

# Excel reads a UTF-8 CSV file as UTF-8 only when it starts with a byte order mark.

# --- reading ----------------------------------------------------------------------------------
#
# Uploaded spreadsheets are untrusted: a 2 KB .xlsx can declare a million rows by 16,384
# columns, unpack into gigabytes, nest XML entities, or put a million cells in one row, and a CSV
# file can hold one endless cell. The readers below take only the first `columns` columns and
# at most `max_row` rows, and refuse (SpreadsheetRefused) before doing work whose cost the file
# sets: an .xlsx is checked first for what it unpacks to and for how many rows and cells its XML
# holds (one streaming pass, no tree built, no DOCTYPE allowed), then read by openpyxl in
# read-only mode with its declared dimension ignored; openpyxl parses XML through defusedxml
# (a dependency), which refuses entities. Both yield (row number, values) lazily, so that the
# caller can stop at the first bad row.

XLSX_MAX_UNPACKED_BYTES = 32 * 1024 * 1024
XLSX_MAX_PARTS = 1_000
# How much of a workbook that unpacks to too much is scanned anyway, to tell a list with too many
# rows from other big files.
XLSX_OVERSIZE_SCAN_BYTES = 8 * 1024 * 1024
XLSX_MAX_COLUMNS = 16_384  # column XFD: no real sheet has more cells in a row
XLSX_CELLS_PER_ROW = 40  # on average, over the rows a file may have (formatting included)
CSV_MAX_CELL_CHARS = 131_072  # the csv module's own limit
_CHUNK = 64 * 1024


class SpreadsheetRefused(ValidationError):
    """An uploaded spreadsheet that is not read: `code` says why ("unreadable", "too_large",
    "too_long": rows beyond `max_row`, "not_utf8", "cell_too_long"); the message is for the
    user."""


def _refused(code, message, **params):
    return SpreadsheetRefused(message % params if params else message, code=code)


def _unreadable_xlsx():
    return _refused("unreadable", _("The file could not be read as an Excel workbook (.xlsx)."))


def _too_long(max_row):
    return _refused(
        "too_long",
        _("The sheet goes on past row %(max)s. Split it into several files."),
        max=max_row,
    )


class _XmlCounts:
    """Rows and cells met in the XML parts of a workbook, refused past the limits."""

    def __init__(self, max_row):
        self.max_row = max_row
        self.max_cells = (max_row + 1) * XLSX_CELLS_PER_ROW
        self.rows = self.cells = self.row_cells = 0

    def start(self, name, _attributes):
        # Called for every element: plain comparisons first ("c", or "x:c" with a prefix).
        if name == "c" or name.endswith(":c"):
            self.cells += 1
            self.row_cells += 1
            if self.row_cells > XLSX_MAX_COLUMNS or self.cells > self.max_cells:
                raise _refused(
                    "too_large",
                    _(
                        "The sheet has far more cells than the rows and columns of the list. Copy "
                        "only the rows and columns of the list into the template."
                    ),
                )
        elif name == "row" or name.endswith(":row"):
            self.rows += 1
            self.row_cells = 0
            if self.rows > self.max_row + 1:
                raise _too_long(self.max_row)

    def scan(self, source, budget):
        """Count the rows and cells of one part, streaming, reading at most `budget` bytes;
        returns the bytes read. A DOCTYPE (hence any entity) is refused. A part that is not
        well-formed XML is counted up to its error, where any XML parser stops as well (images
        and other binary parts stop at once)."""
        parser = expat.ParserCreate()
        parser.StartElementHandler = self.start
        parser.StartDoctypeDeclHandler = self.doctype
        read = 0
        try:
            while read < budget and (chunk := source.read(min(_CHUNK, budget - read))):
                read += len(chunk)
                parser.Parse(chunk, False)
            if read < budget:
                parser.Parse(b"", True)
        except expat.ExpatError:
            pass
        return read

    @staticmethod
    def doctype(*_args):
        raise _unreadable_xlsx()


def _xlsx_check(upload, max_row):
    """Refuse `upload` unless its parts unpack to a bounded size and hold a bounded number of rows
    and cells, without a DOCTYPE. A workbook that unpacks to too much is still scanned a little,
    so that a long list hears that it has too many rows."""
    if _zip_entries(upload) > XLSX_MAX_PARTS:
        raise _too_large()
    upload.seek(0)
    with zipfile.ZipFile(upload) as archive:
        parts = [part for part in archive.infolist() if not part.is_dir()]
        too_large = len(parts) > XLSX_MAX_PARTS or (
            sum(part.file_size for part in parts) > XLSX_MAX_UNPACKED_BYTES
        )
        counts = _XmlCounts(max_row)
        budget = XLSX_OVERSIZE_SCAN_BYTES if too_large else XLSX_MAX_UNPACKED_BYTES
        for part in parts[:XLSX_MAX_PARTS]:
            with archive.open(part) as source:
                budget -= counts.scan(source, budget)
            if budget <= 0:
                break
    if too_large:
        raise _too_large()


def _too_large():
    return _refused(
        "too_large",
        _(
            "The workbook is larger than a list may be: it unpacks to more than %(max)s MB or "
            "has more than %(parts)s parts. Copy only the list into the template and upload that."
        ),
        max=XLSX_MAX_UNPACKED_BYTES // 2**20,
        parts=number_format(XLSX_MAX_PARTS, force_grouping=True),
    )


_ZIP_END = b"PK\x05\x06"
_ZIP64_END = b"PK\x06\x06"


def _zip_entries(upload):
    """How many entries the zip `upload` says it has, from its end record, before zipfile reads
    (and keeps in memory) its whole directory; 0 when there is no such record (zipfile then
    refuses the file)."""
    upload.seek(0, io.SEEK_END)
    size = upload.tell()
    upload.seek(max(0, size - 22 - 65_535))  # the end record, after a comment of any length
    tail = upload.read()
    at = tail.rfind(_ZIP_END)
    if at < 0 or len(tail) - at < 22:
        return 0
    (entries,) = struct.unpack("<H", tail[at + 10 : at + 12])
    zip64 = tail.rfind(_ZIP64_END, 0, at)
    if entries == 0xFFFF and zip64 >= 0 and at - zip64 >= 56:
        (entries,) = struct.unpack("<Q", tail[zip64 + 32 : zip64 + 40])
    return entries


def _xlsx_text(value):
    """A cell's text as its writer meant it: a text holding "_x0041_" itself is stored as
    "_x005F_x0041_" (the underscore escaped). openpyxl takes that escape off in shared strings
    but not in inline ones (XlsxWriter's large files): here it comes off in both."""
    if isinstance(value, str) and "_x005F_" in value:
        return value.replace("_x005F_", "_")
    return value


def xlsx_rows(upload, *, columns, max_row):
    """The first sheet of the .xlsx `upload` as (row number, tuple of `columns` values), rows 1 to
    `max_row` (missing rows come as blank ones); numbers stay numbers. Raises SpreadsheetRefused
    ("unreadable", "too_large", or "too_long" when the sheet goes past `max_row`), also while
    iterating."""
    workbook = None
    try:
        upload.seek(0)
        _xlsx_check(upload, max_row)
        upload.seek(0)
        workbook = load_workbook(upload, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        # The declared dimension (<dimension ref="A1:XFD1048576"/>) is the file's word, not ours.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_row=max_row + 1, max_col=columns, values_only=True)
        for number, values in enumerate(rows, start=1):
            if number > max_row:
                raise _too_long(max_row)
            yield number, tuple(_xlsx_text(value) for value in values)
    except SpreadsheetRefused:
        raise
    except Exception as error:  # any failure on untrusted bytes: broken zip, XML, entities…
        raise _unreadable_xlsx() from error
    finally:
        if workbook is not None:
            workbook.close()


def _csv_lines(upload, max_chars):
    """The lines of a UTF-8 `upload` (a BOM is dropped), endings kept; text is decoded as it is
    read. Raises _LineTooLong past `max_chars` characters without a line end."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    pending = ""
    while True:
        chunk = upload.read(_CHUNK)
        pending += decoder.decode(chunk, final=not chunk)
        start = 0
        for match in _CSV_LINE_END.finditer(pending):
            if chunk and match.end() == len(pending) and match.group() == "\r":
                break  # "\r\n" may be cut between two chunks
            yield pending[start : match.end()]
            start = match.end()
        pending = pending[start:]
        if len(pending) > max_chars:
            raise _LineTooLong
        if not chunk:
            if pending:
                yield pending
            return


_CSV_LINE_END = re.compile(r"\r\n|\r|\n")


class _LineTooLong(Exception):
    pass


class _CountedLines:
    """The lines of `_csv_lines`, refusing (_LineTooLong) a record longer than `max_chars` in
    all (the csv module holds a whole record before it returns it)."""

    def __init__(self, lines, max_chars):
        self.lines, self.max_chars, self.record_chars = lines, max_chars, 0

    def __iter__(self):
        return self

    def __next__(self):
        line = next(self.lines)
        self.record_chars += len(line)
        if self.record_chars > self.max_chars:
            raise _LineTooLong
        return line


def csv_rows(upload, *, columns, max_row):
    """The records of the UTF-8 CSV `upload` as (row number, list of `columns` texts, stripped),
    rows 1 to `max_row`. Raises SpreadsheetRefused ("not_utf8", "cell_too_long" for a cell over
    CSV_MAX_CELL_CHARS characters or an unclosed quotation mark, "too_long"), also while
    iterating."""
    upload.seek(0)
    max_chars = columns * (CSV_MAX_CELL_CHARS + 3)
    lines = _CountedLines(_csv_lines(upload, max_chars), max_chars)
    reader = csv.reader(lines)
    number = 0
    try:
        while True:
            lines.record_chars = 0
            try:
                values = next(reader)
            except StopIteration:
                return
            number += 1
            if number > max_row:
                raise _too_long(max_row)
            yield number, [value.strip() for value in values[:columns]]
    except UnicodeDecodeError as error:
        raise _refused("not_utf8", _("The CSV file must be saved as UTF-8.")) from error
    except (csv.Error, _LineTooLong) as error:
        raise _refused(
            "cell_too_long",
            _(
                "Row %(row)s of the CSV file could not be read: a cell is longer than %(max)s "
                "characters, or a quotation mark is not closed."
            ),
            row=number + 1,
            max=number_format(CSV_MAX_CELL_CHARS, force_grouping=True),
        ) from error
