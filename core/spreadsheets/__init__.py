"""CSV and XLSX files written for spreadsheet programs: the one place that knows how.

Both writers take a header row and an iterable of rows (sequences of cell values) and never hold
more than one row in memory: CSV comes out line by line, XLSX is written by XlsxWriter in its
constant-memory mode (each row goes to disk as the next starts). Text that a spreadsheet would run
as a formula stays text: in CSV it gets an apostrophe in front (`escape_formula`; readers of our
own files take it off again with `unescape_formula`), in XLSX it is stored as a string cell,
which no program evaluates. Control characters that XML
cannot hold (a vertical tab from Word, say) are taken out of text first (core.text.text_printable),
so that one such row never breaks a whole file.

    lines = csv_lines(["Name", "Amount"], rows)     # stream it: StreamingHttpResponse(lines)
    text = csv_text(["Name", "Amount"], rows)       # or all at once
    content = xlsx_bytes(Sheet("Awards", ["Name", "Amount"], rows))
    handle = xlsx_temporary_file(Sheet(...))        # large files: the caller streams and closes it

Uploaded files are read back with `xlsx_rows` and `csv_rows`, which bound the work a hostile file
can cause (see "reading" below).
"""

from core.spreadsheets.reading import (
    CSV_MAX_CELL_CHARS,
    XLSX_MAX_PARTS,
    XLSX_MAX_UNPACKED_BYTES,
    SpreadsheetRefused,
    csv_rows,
    xlsx_rows,
)
from core.spreadsheets.writing import (
    BOM,
    FORMULA_ESCAPE,
    FORMULA_STARTS,
    Sheet,
    closing_rows,
    csv_lines,
    csv_text,
    escape_formula,
    sheet_title,
    unescape_formula,
    xlsx_bytes,
    xlsx_save,
    xlsx_temporary_file,
)

__all__ = [
    "BOM",
    "CSV_MAX_CELL_CHARS",
    "FORMULA_ESCAPE",
    "FORMULA_STARTS",
    "XLSX_MAX_PARTS",
    "XLSX_MAX_UNPACKED_BYTES",
    "Sheet",
    "SpreadsheetRefused",
    "closing_rows",
    "csv_lines",
    "csv_rows",
    "csv_text",
    "escape_formula",
    "sheet_title",
    "unescape_formula",
    "xlsx_bytes",
    "xlsx_rows",
    "xlsx_save",
    "xlsx_temporary_file",
]
