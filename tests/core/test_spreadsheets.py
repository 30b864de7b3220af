"""core.spreadsheets: the CSV/XLSX writers keep working whatever text they are given, and the
readers bound the work a hostile upload can cause (issue 10, items 4 and 6).

Resource use is checked with tracemalloc (what Python allocates), never with a clock."""

import datetime
import io
import tempfile
import tracemalloc
from decimal import Decimal

import defusedxml
import defusedxml.ElementTree
import openpyxl.xml
import openpyxl.xml.functions
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from core.spreadsheets import (
    CSV_MAX_CELL_CHARS,
    XLSX_MAX_PARTS,
    XLSX_MAX_UNPACKED_BYTES,
    Sheet,
    SpreadsheetRefused,
    csv_rows,
    csv_text,
    xlsx_bytes,
    xlsx_rows,
    xlsx_temporary_file,
)
from tests.factories.spreadsheets import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    WORKBOOK,
    inline_cell,
    many_parts_bytes,
    sheet_row,
    unpacking_bomb_bytes,
    workbook_bytes,
    workbook_upload,
    worksheet,
)

C0_CONTROLS = "".join(chr(code) for code in range(32))
HEADER = ["STT", "Tên"]
UNREADABLE = "The file could not be read as an Excel workbook (.xlsx)."


def peak_allocated(function):
    """What `function()` returns, and the most memory Python held while it ran, in MB."""
    tracemalloc.start()
    try:
        result = function()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak / 2**20


def refusal(rows):
    with pytest.raises(SpreadsheetRefused) as refused:
        list(rows)
    return refused.value


# --- writers --------------------------------------------------------------------------------


def test_csv_text_takes_out_the_controls_xml_refuses_and_keeps_tab_and_newlines():
    text = csv_text(["Tên"], [[f"Khu phố{C0_CONTROLS}3"], ["Dòng 1\x0bDòng 2"]])

    rows = list(csv_rows(SimpleUploadedFile("x.csv", text.encode()), columns=1, max_row=10))

    assert rows == [(1, ["Tên"]), (2, ["Khu phố\t\n\n\n\r3"]), (3, ["Dòng 1\nDòng 2"])]


def test_xlsx_bytes_writes_a_workbook_from_text_with_every_control_character():
    content = xlsx_bytes(
        Sheet(f"Khen{C0_CONTROLS}thưởng", ["Tên"], [[f"Khu phố{C0_CONTROLS}3"], ["A\x0bB"]])
    )

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    # (XML reads a carriage return back as a newline.)
    assert [row[0].value for row in sheet.iter_rows()] == ["Tên", "Khu phố\t\n\n\n\n3", "A\nB"]
    assert "\x0b" not in sheet.title and "thưởng" in sheet.title


def test_xlsx_bytes_keeps_types_and_leaves_empty_text_as_empty_cells():
    content = xlsx_bytes(
        Sheet(
            "Khen thưởng",
            ["STT", "Tên", "Tiền", "Ngày", "Ghi chú"],
            [
                [1, '=HYPERLINK("http://x")', 1_500_000, datetime.date(2026, 8, 19), ""],
                [2, "0123", Decimal("2.5"), None, "http://antq.example"],
            ],
        )
    )

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    cells = [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows(min_row=2)]
    assert cells == [
        [
            (1, "n"),
            ('=HYPERLINK("http://x")', "s"),
            (1_500_000, "n"),
            (datetime.datetime(2026, 8, 19), "d"),
            (None, "n"),
        ],
        [(2, "n"), ("0123", "s"), (2.5, "n"), (None, "n"), ("http://antq.example", "s")],
    ]
    assert sheet.cell(row=2, column=4).number_format == "dd/mm/yyyy"


def test_xlsx_bytes_writes_text_that_looks_like_rich_text_xml_as_that_text():
    # XlsxWriter copies a string between <r> and </r> into the sheet as XML: this one would add
    # a formula cell to the file.
    injected = (
        '<r><t>Lê Thị Hoa</t></r></is></c><c r="B2"><f>HYPERLINK("http://x")</f></c>'
        '<c r="C2" t="inlineStr"><is><r><t>x</t></r>'
    )

    content = xlsx_bytes(Sheet("Khen thưởng", ["Tên"], [[injected], ["<r>a & b</r>"]]))

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Tên"],
        [injected],
        ["<r>a & b</r>"],
    ]


def test_xlsx_bytes_reads_back_line_breaks_and_escape_like_text_unchanged():
    texts = ["Dòng 1\r\nDòng 2\rDòng 3", "Mã _x0041_ và _x005F_"]

    content = xlsx_bytes(Sheet("Khen thưởng", ["Tên"], [[text] for text in texts]))

    rows = list(xlsx_rows(SimpleUploadedFile("x.xlsx", content), columns=1, max_row=10))
    assert rows == [
        (1, ("Tên",)),
        (2, ("Dòng 1\nDòng 2\nDòng 3",)),
        (3, ("Mã _x0041_ và _x005F_",)),
    ]


def test_xlsx_bytes_failing_on_a_row_leaves_no_temporary_file(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def rows():
        yield from ([f"Lê Thị Hoa {n}"] for n in range(1_000))
        raise ValueError("a row the export cannot read")

    with pytest.raises(ValueError):
        xlsx_bytes(Sheet("Khen thưởng", ["Tên"], rows()))

    assert list(tmp_path.iterdir()) == []


def test_xlsx_temporary_file_memory_stays_flat_however_many_rows():
    def write(count):
        rows = ([n, f"Nguyễn Văn An {n}", "Có thành tích xuất sắc " * 4] for n in range(count))
        return xlsx_temporary_file(Sheet("Khen thưởng", ["STT", "Tên", "Thành tích"], rows))

    few_rows, few = peak_allocated(lambda: write(100))
    many_rows, many = peak_allocated(lambda: write(20_000))

    with few_rows, many_rows:
        last = load_workbook(many_rows, read_only=True).worksheets[0]["B20001"].value
    assert last == "Nguyễn Văn An 19999"
    assert many < few + 1, f"{few:.1f} MB for 100 rows, {many:.1f} MB for 20,000"


# --- xlsx reader: the declared dimension, rows and cells --------------------------------------


def test_xlsx_rows_ignores_a_declared_dimension_of_the_whole_grid():
    # The 1.7 KB file of the issue: A1:XFD1048576 declared, one cell at row 3,000.
    upload = workbook_upload(
        worksheet(
            sheet_row(1, HEADER) + f'<row r="3000">{inline_cell("A3000", "x")}</row>',
            dimension="A1:XFD1048576",
        )
    )

    rows, peak = peak_allocated(lambda: list(xlsx_rows(upload, columns=2, max_row=5_000)))

    assert len(rows) == 3000
    assert rows[0] == (1, ("STT", "Tên")) and rows[-1] == (3000, ("x", None))
    assert {len(values) for _number, values in rows} == {2}
    assert peak < 20, f"{peak:.0f} MB"


def test_xlsx_rows_refuses_a_sheet_past_max_row_before_yielding_a_row():
    rows = "".join(sheet_row(n, [str(n)]) for n in range(1, 2_001))
    upload = workbook_upload(worksheet(rows))
    reader = xlsx_rows(upload, columns=2, max_row=100)

    with pytest.raises(SpreadsheetRefused) as refused:
        next(reader)

    assert refused.value.code == "too_long"


def test_xlsx_rows_refuses_a_cell_far_below_max_row_without_filling_the_rows_between():
    upload = workbook_upload(
        worksheet(
            sheet_row(1, HEADER) + f'<row r="1048576">{inline_cell("XFD1048576", "x")}</row>',
            dimension="A1:XFD1048576",
        )
    )

    (error, peak) = peak_allocated(lambda: refusal(xlsx_rows(upload, columns=2, max_row=1_000)))

    assert error.code == "too_long"
    assert peak < 20, f"{peak:.0f} MB"


def test_xlsx_rows_refuses_a_row_of_a_million_cells():
    wide = '<row r="2">' + '<c r="J2"><v>1</v></c>' * 100_000 + "</row>"
    upload = workbook_upload(worksheet(sheet_row(1, HEADER) + wide))

    error, peak = peak_allocated(lambda: refusal(xlsx_rows(upload, columns=2, max_row=1_000)))

    assert error.code == "too_large"
    assert error.messages == [
        "The sheet has far more cells than the rows and columns of the list. Copy only the rows "
        "and columns of the list into the template."
    ]
    assert peak < 20, f"{peak:.0f} MB"


def test_xlsx_rows_refuses_a_workbook_that_unpacks_to_too_much():
    upload = SimpleUploadedFile("bom.xlsx", unpacking_bomb_bytes(XLSX_MAX_UNPACKED_BYTES + 1))

    error, peak = peak_allocated(lambda: refusal(xlsx_rows(upload, columns=2, max_row=1_000)))

    assert error.code == "too_large"
    assert error.messages == [
        "The workbook is larger than a list may be: it unpacks to more than 32 MB or has more "
        "than 1,000 parts. Copy only the list into the template and upload that."
    ]
    assert peak < 20, f"{peak:.0f} MB"


def test_xlsx_rows_refuses_a_zip_of_too_many_parts():
    upload = SimpleUploadedFile("parts.xlsx", many_parts_bytes(XLSX_MAX_PARTS))

    assert refusal(xlsx_rows(upload, columns=2, max_row=1_000)).code == "too_large"


# --- xlsx reader: XML --------------------------------------------------------------------------


def test_openpyxl_parses_through_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse
    # Even without our own scan, openpyxl itself refuses entities.
    content = workbook_bytes(
        worksheet(sheet_row(1, ["&lol9;"]), doctype=BILLION_LAUGHS, dimension=None)
    )
    with pytest.raises(ValueError) as refused:
        load_workbook(io.BytesIO(content), read_only=True)
    assert isinstance(refused.value.__context__, defusedxml.EntitiesForbidden)


@pytest.mark.parametrize(
    "content",
    [
        workbook_bytes(worksheet(sheet_row(1, ["&lol9;"]), doctype=BILLION_LAUGHS)),
        workbook_bytes(worksheet(sheet_row(1, ["&secret;"]), doctype=EXTERNAL_ENTITY)),
        workbook_bytes(
            worksheet(sheet_row(1, HEADER)),
            workbook=WORKBOOK.format(doctype=BILLION_LAUGHS, name="&lol9;"),
        ),
        workbook_bytes(
            worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
            shared_strings=f'<?xml version="1.0"?>{BILLION_LAUGHS}<sst><si><t>&lol9;</t></si></sst>',
        ),
        workbook_bytes(worksheet(sheet_row(1, HEADER))[:-40]),
        workbook_bytes(worksheet('<row r="x"><c r="A1"><v>1</v></c></row>')),
        workbook_bytes(worksheet('<row r="²"><c r="A1"><v>1</v></c></row>')),
    ],
    ids=[
        "laughs_in_sheet",
        "external_entity",
        "laughs_in_workbook",
        "laughs_in_shared_strings",
        "broken_xml",
        "row_number_not_a_number",
        "row_number_superscript",
    ],
)
def test_xlsx_rows_refuses_entities_and_broken_xml_as_unreadable(content):
    upload = SimpleUploadedFile("danh-sach.xlsx", content)

    error, peak = peak_allocated(lambda: refusal(xlsx_rows(upload, columns=2, max_row=1_000)))

    assert (error.code, error.messages) == ("unreadable", [UNREADABLE])
    assert peak < 20, f"{peak:.0f} MB"


def test_xlsx_rows_keeps_numbers_and_reads_shared_strings():
    upload = workbook_upload(
        worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1500000</v></c></row>'),
        shared_strings='<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<si><t>Bằng khen</t></si></sst>",
    )

    assert list(xlsx_rows(upload, columns=3, max_row=10)) == [(1, ("Bằng khen", 1500000, None))]


# --- csv reader --------------------------------------------------------------------------------


def csv_upload(text):
    return SimpleUploadedFile("danh-sach.csv", text.encode("utf-8-sig"))


@pytest.mark.parametrize(
    "text",
    [
        "STT,Tên\n1," + "x" * (CSV_MAX_CELL_CHARS + 1) + "\n",
        'STT,Tên\n1,"Lê Thị Hoa\n2,Nguyễn Văn Hùng\n' + "x" * CSV_MAX_CELL_CHARS,
        "STT,Tên\n" + "," * (3 * CSV_MAX_CELL_CHARS) + "\n",
        "STT,Tên\n" + '"ab\n",' * (CSV_MAX_CELL_CHARS // 2) + "\n",
    ],
    ids=["long_cell", "unclosed_quote", "wide_record", "record_over_many_lines"],
)
def test_csv_rows_refuses_an_endless_cell_or_record_with_its_row_number(text):
    error, peak = peak_allocated(
        lambda: refusal(csv_rows(csv_upload(text), columns=2, max_row=1_000))
    )

    assert error.code == "cell_too_long"
    assert error.messages == [
        "Row 2 of the CSV file could not be read: a cell is longer than 131,072 characters, or "
        "a quotation mark is not closed."
    ]
    assert peak < 20, f"{peak:.0f} MB"


def test_csv_rows_refuses_rows_past_max_row_without_reading_the_rest():
    text = "STT,Tên\n" + "".join(f"{n},Người {n}\n" for n in range(1, 100_001))
    upload = csv_upload(text)
    reader = csv_rows(upload, columns=2, max_row=100)

    assert len([next(reader) for _ in range(100)]) == 100
    with pytest.raises(SpreadsheetRefused) as refused:
        next(reader)

    assert refused.value.code == "too_long"
    assert upload.tell() < len(text) / 10


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_csv_rows_reads_every_line_ending_and_quoted_newlines(ending):
    text = ending.join(["STT,Tên", '1,"Khu phố 3' + ending + 'phường"', "2,Lê\x00Hoa", ""])

    rows = list(csv_rows(csv_upload(text), columns=2, max_row=10))

    assert rows == [
        (1, ["STT", "Tên"]),
        (2, ["1", f"Khu phố 3{ending}phường"]),
        (3, ["2", "Lê\x00Hoa"]),
    ]


def test_csv_rows_refuses_text_that_is_not_utf8():
    upload = SimpleUploadedFile("x.csv", "STT,Tên\n1,Lê Thị Hoa\n".encode("utf-16"))

    error = refusal(csv_rows(upload, columns=2, max_row=10))

    assert (error.code, error.messages) == ("not_utf8", ["The CSV file must be saved as UTF-8."])
