"""A statistics table as a CSV or XLSX file: the header row, then the rows as the page shows them
(numbers as numbers, no thousands separators, empty cells where the page shows "—")."""

import csv
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

# Text starting with one of these is a formula to a spreadsheet program.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters Excel refuses in a sheet title.
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _values(table, row):
    return [row[column.key] for column in table.columns]


def _headers(table):
    return [str(column.header) for column in table.columns]


def _csv_text(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(table, rows):
    """The table as CSV text, with a BOM so that Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_headers(table))
    for row in rows:
        writer.writerow([_csv_text(value) for value in _values(table, row)])
    return "\ufeff" + buffer.getvalue()


def _xlsx_cell(sheet, value):
    """Text stays text, even when it starts with "=" (not a formula Excel would evaluate)."""
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def table_xlsx(table, rows):
    """The table as .xlsx bytes (write-only mode: the rows go straight to the file)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(table.title).translate(_SHEET_TITLE_FORBIDDEN)[:31])
    sheet.append(_headers(table))
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in _values(table, row)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
