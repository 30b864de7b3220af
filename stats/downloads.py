"""A statistics table as a CSV or XLSX file: the header row, then the rows as the page shows them
(numbers as numbers, no thousands separators, empty cells where the page shows "—").

The files are written by core.spreadsheets, which keeps text starting with a formula sign as text.
"""

from core.spreadsheets import Sheet, csv_text, xlsx_bytes


def _headers(table):
    return [str(column.header) for column in table.columns]


def _values(table, rows):
    for row in rows:
        yield [row[column.key] for column in table.columns]


def table_csv(table, rows):
    """The table as CSV text, with a BOM so that Excel reads it as UTF-8."""
    return csv_text(_headers(table), _values(table, rows))


def table_xlsx(table, rows):
    """The table as .xlsx bytes (core.spreadsheets writes it row by row)."""
    return xlsx_bytes(Sheet(str(table.title), _headers(table), _values(table, rows)))
