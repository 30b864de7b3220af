"""The award list as a spreadsheet (awards/spreadsheets.py): template, reading, parsing, export,
and an export that imports again unchanged.

Files are built in memory with openpyxl and handed over as uploads, as the import page does."""

import csv
import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from awards import selectors, services, spreadsheets
from awards.enums import RecipientKind
from awards.models import Award
from tests.factories.awards import (
    DECISION_DAY,
    XLSX,
    award_row,
    csv_bytes,
    csv_upload,
    saved_awards,
    sheet_row,
    windows_1258,
    xlsx_bytes,
    xlsx_upload,
)
from tests.factories.spreadsheets import (
    BILLION_LAUGHS,
    inline_cell,
    workbook_bytes,
    workbook_upload,
    worksheet,
)
from tests.factories.spreadsheets import sheet_row as hostile_row

HEADER_MESSAGE = (
    "The first row must be the template's headers: STT, Hình thức khen thưởng, Đối tượng, "
    "Tên cá nhân, tập thể, hộ gia đình, Chức vụ, Cơ quan, đơn vị, Thành tích, "
    "Tiền thưởng (đồng), Ngày hội (mã). Download the template and copy your rows into it."
)
NOT_A_SPREADSHEET = "Upload the award list as an Excel workbook (.xlsx) or a CSV file."
NOT_A_WORKBOOK = "The file could not be read as an Excel workbook (.xlsx)."
EMPTY = "The file is empty."
NOT_UTF8 = "The CSV file must be saved as UTF-8."


def parse(upload, decision, festivals=()):
    body = spreadsheets.awards_read_file(upload)
    return spreadsheets.awards_parse(
        body=body, authority=decision.authority, festivals=list(festivals)
    )


def import_if_clean(parsed, decision, user):
    """What the import page does: rows are written only when every row is fine."""
    if not parsed.ok:
        return 0
    return services.awards_import(decision=decision, user=user, rows=parsed.rows)


def many_rows(count, festival, *, numbers_as_text=False):
    """`count` varied rows (every form, kind and amount spelling) and the awards they stand for."""
    rows, expected = [], []
    for n in range(1, count + 1):
        form, kind, kind_word = [
            ("Cờ thi đua", "collective", "Tập thể"),
            ("Bằng khen", "individual", "Cá nhân"),
            ("Bằng khen", "household", "Hộ gia đình"),
        ][n % 3]
        written, amount = [
            ("", None),
            (f"{n}.500.000", n * 1_000_000 + 500_000),
            (n * 100_000, n * 100_000),
            ("1 000 000 đ", 1_000_000),
        ][n % 4]
        if numbers_as_text and isinstance(written, int):
            written = str(written)
        at = festival if n % 2 else None
        name = f"Nguyễn Văn Hùng {n}" if kind == "individual" else f"Khu phố {n} phường Đông Sơn"
        rows.append(
            sheet_row(
                n,
                form,
                kind_word,
                name,
                position="Tổ trưởng tổ ANTT" if kind == "individual" else "",
                organisation=f"Khu phố {n % 10}",
                citation="Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ",
                amount=written,
                festival=at,
            )
        )
        expected.append(
            (
                form,
                kind,
                name,
                "Tổ trưởng tổ ANTT" if kind == "individual" else "",
                f"Khu phố {n % 10}",
                "Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ",
                amount,
                at,
            )
        )
    return rows, expected


# --- template --------------------------------------------------------------------------------


def test_awards_template_xlsx_has_headers_hidden_lists_and_drop_downs(
    province_chairman, dong_son_festival, hac_thanh_festival
):
    content = spreadsheets.awards_template_xlsx(
        authority=province_chairman, festivals=[dong_son_festival, hac_thanh_festival]
    )

    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Khen thưởng", "Danh mục", "Mã ngày hội"]
    sheet, lists, _named = workbook.worksheets
    assert [cell.value for cell in sheet[1]] == spreadsheets.HEADERS
    assert [cell.value for cell in sheet[1]] == [
        "STT",
        "Hình thức khen thưởng",
        "Đối tượng",
        "Tên cá nhân, tập thể, hộ gia đình",
        "Chức vụ",
        "Cơ quan, đơn vị",
        "Thành tích",
        "Tiền thưởng (đồng)",
        "Ngày hội (mã)",
    ]
    assert all(
        value is None for row in sheet.iter_rows(min_row=2, values_only=True) for value in row
    )
    assert lists.sheet_state == "hidden"
    year = dong_son_festival.year
    assert list(lists.iter_rows(values_only=True)) == [
        ("Bằng khen", "Cá nhân", f"{year}/phuong-dong-son"),
        ("Cờ thi đua", "Tập thể", f"{hac_thanh_festival.year}/phuong-hac-thanh"),
        (None, "Hộ gia đình", None),
    ]
    assert {
        str(check.sqref): (check.type, check.formula1.removeprefix("="), check.allow_blank)
        for check in sheet.data_validations.dataValidation
    } == {
        "B2:B10001": ("list", "'Danh mục'!$A$1:$A$2", True),
        "C2:C10001": ("list", "'Danh mục'!$B$1:$B$3", True),
        "I2:I10001": ("list", "'Danh mục'!$C$1:$C$2", True),
    }


def test_awards_template_xlsx_lists_only_forms_in_use(forms, province_chairman):
    forms["co-thi-dua"].is_active = False
    forms["co-thi-dua"].save()

    content = spreadsheets.awards_template_xlsx(authority=province_chairman, festivals=[])

    workbook = load_workbook(io.BytesIO(content))
    sheet, lists, _named = workbook.worksheets
    assert [row[0] for row in lists.iter_rows(values_only=True)] == ["Bằng khen", None, None]
    assert sorted(str(check.sqref) for check in sheet.data_validations.dataValidation) == [
        "B2:B10001",
        "C2:C10001",
    ]


def test_awards_template_xlsx_reads_back_as_empty_list(province_chairman, decision):
    content = spreadsheets.awards_template_xlsx(authority=province_chairman, festivals=[])
    upload = SimpleUploadedFile("mau-danh-sach-khen-thuong.xlsx", content, content_type=XLSX)

    body = spreadsheets.awards_read_file(upload)
    parsed = spreadsheets.awards_parse(body=body, authority=province_chairman, festivals=[])

    assert body == []
    assert (parsed.ok, parsed.rows, parsed.file_errors) == (
        False,
        [],
        ["The file has no award rows under the headers."],
    )


# --- import ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_awards_import_of_300_rows_saves_every_value(
    district_staff, decision, dong_son_festival, kind
):
    rows, expected = many_rows(300, dong_son_festival, numbers_as_text=kind == "csv")
    upload = xlsx_upload(rows) if kind == "xlsx" else csv_upload(rows)

    parsed = parse(upload, decision, [dong_son_festival])
    created = import_if_clean(parsed, decision, district_staff)

    assert (parsed.ok, parsed.errors, parsed.file_errors) == (True, {}, [])
    assert [row["_row"] for row in parsed.rows] == list(range(2, 302))
    assert created == 300
    assert saved_awards(decision) == expected
    assert list(
        Award.objects.filter(decision=decision).order_by("order").values_list("order", flat=True)
    ) == list(range(1, 301))


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_awards_parse_of_300_rows_with_three_bad_rows_reports_them_and_saves_nothing(
    district_staff, decision, dong_son_festival, kind
):
    rows, _expected = many_rows(300, dong_son_festival, numbers_as_text=kind == "csv")
    rows[40][1] = "Huân chương Lao động hạng Ba"  # file row 42
    rows[148][1:3] = ["Cờ thi đua", "Cá nhân"]  # file row 150
    rows[297][7] = "-500.000"  # file row 299
    upload = xlsx_upload(rows) if kind == "xlsx" else csv_upload(rows)

    parsed = parse(upload, decision, [dong_son_festival])
    created = import_if_clean(parsed, decision, district_staff)

    assert parsed.errors == {
        42: ["unknown award form “Huân chương Lao động hạng Ba”"],
        150: ["Cờ thi đua cannot be given to this recipient kind (individual)."],
        299: ["The amount cannot be negative."],
    }
    assert (parsed.ok, parsed.error_count, parsed.file_errors, len(parsed.raw)) == (
        False,
        3,
        [],
        300,
    )
    assert parsed.raw[40] == (
        42,
        {
            "order": "41",
            "form": "Huân chương Lao động hạng Ba",
            "recipient_kind": "Hộ gia đình",
            "recipient_name": "Khu phố 41 phường Đông Sơn",
            "position": "",
            "organisation": "Khu phố 1",
            "citation": "Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ",
            "amount": "41.500.000",
            "festival": f"{dong_son_festival.year}/phuong-dong-son",
        },
    )
    assert (created, Award.objects.count(), decision.version) == (0, 0, 1)


def test_awards_import_of_5000_rows_saves_them_all(district_staff, decision, dong_son_festival):
    rows, expected = many_rows(5000, dong_son_festival)

    parsed = parse(xlsx_upload(rows), decision, [dong_son_festival])
    created = import_if_clean(parsed, decision, district_staff)

    assert (parsed.ok, len(parsed.rows), created) == (True, 5000, 5000)
    assert Award.objects.filter(decision=decision).count() == 5000
    saved = saved_awards(decision)
    assert (saved[0], saved[2499], saved[4999]) == (expected[0], expected[2499], expected[4999])


@pytest.mark.parametrize(
    ("cells", "problems"),
    [
        ({1: ""}, ["the award form is empty"]),
        ({1: "Bằng khen hạng nhất"}, ["unknown award form “Bằng khen hạng nhất”"]),
        ({1: "Giấy khen"}, ["Chủ tịch UBND tỉnh Thanh Hóa may not issue Giấy khen."]),
        (
            {2: "Cán bộ"},
            ["the recipient kind must be Cá nhân, Tập thể or Hộ gia đình, not “Cán bộ”"],
        ),
        ({3: ""}, ["the recipient's name is empty"]),
        ({3: "N" * 256}, ["the recipient's name is longer than 255 characters"]),
        ({5: "C" * 256}, ["a text is longer than 255 characters"]),
        ({7: "một triệu"}, ["“một triệu” is not an amount in đồng (e.g. 1.500.000)."]),
        ({7: "-1"}, ["The amount cannot be negative."]),
        (
            {7: "1.500.000,50"},
            [
                "“1.500.000,50” has a decimal part, but the đồng has no smaller unit: write the "
                "whole amount, e.g. 1.500.000."
            ],
        ),
        (
            {8: "2026/phuong-vinh-phu"},
            ["no festival in your scope has the code “2026/phuong-vinh-phu”"],
        ),
        (
            {1: "", 2: "", 3: ""},
            [
                "the award form is empty",
                "the recipient kind must be Cá nhân, Tập thể or Hộ gia đình, not “”",
                "the recipient's name is empty",
            ],
        ),
    ],
    ids=[
        "form_empty",
        "form_unknown",
        "form_not_issued",
        "kind_unknown",
        "name_empty",
        "name_too_long",
        "organisation_too_long",
        "amount_not_a_number",
        "amount_negative",
        "amount_with_decimals",
        "festival_unknown",
        "three_problems",
    ],
)
def test_awards_parse_bad_row_reports_its_problems(decision, cells, problems):
    row = sheet_row(1, "Bằng khen", "Cá nhân", "Lê Thị Hoa", amount="1.500.000")
    for column, value in cells.items():
        row[column] = value
    good = sheet_row(2, "Cờ thi đua", "Tập thể", "Công an phường Đông Sơn")

    parsed = parse(xlsx_upload([good, row]), decision)

    assert parsed.errors == {3: problems}
    assert parsed.ok is False


def test_awards_parse_accepts_codes_and_english_words(decision, dong_son_festival, forms):
    rows = [
        sheet_row(1, "bang-khen", "individual", "Lê Thị Hoa", festival=dong_son_festival),
        sheet_row(2, "BẰNG KHEN", "cá nhân", "Trần Văn Nam"),
        sheet_row(3, "co thi dua", "Collective", "Công an phường Đông Sơn"),
        sheet_row(4, "Bằng khen", "Hộ", "Hộ ông Nguyễn Văn Bình"),
    ]

    parsed = parse(xlsx_upload(rows), decision, [dong_son_festival])

    assert parsed.errors == {}
    assert [(r["form"], r["recipient_kind"], r["festival"]) for r in parsed.rows] == [
        (forms["bang-khen"], RecipientKind.INDIVIDUAL, dong_son_festival),
        (forms["bang-khen"], RecipientKind.INDIVIDUAL, None),
        (forms["co-thi-dua"], RecipientKind.COLLECTIVE, None),
        (forms["bang-khen"], RecipientKind.HOUSEHOLD, None),
    ]


def test_awards_read_file_skips_blank_rows_and_keeps_file_row_numbers(decision):
    rows = [
        sheet_row(1, "Bằng khen", "Cá nhân", "Lê Thị Hoa"),
        [None] * 9,
        sheet_row(2, "Bằng khen", "Cá nhân", "Trần Văn Nam"),
    ]

    body = spreadsheets.awards_read_file(xlsx_upload(rows))

    assert [(number, cells[3]) for number, cells in body] == [
        (2, "Lê Thị Hoa"),
        (4, "Trần Văn Nam"),
    ]


def zip_without_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def workbook_without_cells():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


GOOD_ROW = sheet_row(1, "Bằng khen", "Cá nhân", "Lê Thị Hoa")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "danh-sach.xlsx",
            xlsx_bytes([GOOD_ROW], headers=["No.", "Form", "Kind", "Name"]),
            HEADER_MESSAGE,
        ),
        (
            "danh-sach.xlsx",
            xlsx_bytes(
                [GOOD_ROW],
                headers=[
                    spreadsheets.HEADERS[1],
                    spreadsheets.HEADERS[0],
                    *spreadsheets.HEADERS[2:],
                ],
            ),
            HEADER_MESSAGE,
        ),
        ("danh-sach.xlsx", PNG, NOT_A_SPREADSHEET),
        ("danh-sach.xlsx", bytes(range(256)) * 4, NOT_A_SPREADSHEET),
        ("quyet-dinh.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", NOT_A_SPREADSHEET),
        ("danh-sach.xlsx", zip_without_workbook(), NOT_A_WORKBOOK),
        ("danh-sach.xlsx", xlsx_bytes([GOOD_ROW])[:300], NOT_A_WORKBOOK),
        ("danh-sach.xlsx", b"", EMPTY),
        ("danh-sach.xlsx", workbook_without_cells(), EMPTY),
        ("danh-sach.csv", b"", EMPTY),
        (
            "danh-sach.csv",
            windows_1258(",".join(spreadsheets.HEADERS) + "\n1,Bằng khen,Cá nhân,Lê Thị Hoa\n"),
            NOT_UTF8,
        ),
        (
            "danh-sach.csv",
            (",".join(spreadsheets.HEADERS) + "\n1,Bằng khen,Cá nhân,Lê Thị Hoa\n").encode(
                "utf-16"
            ),
            NOT_UTF8,
        ),
    ],
    ids=[
        "wrong_headers",
        "headers_out_of_order",
        "png_named_xlsx",
        "random_bytes_named_xlsx",
        "pdf",
        "zip_without_workbook",
        "truncated_xlsx",
        "empty_xlsx",
        "workbook_without_cells",
        "empty_csv",
        "csv_in_windows_1258",
        "csv_in_utf_16",
    ],
)
def test_awards_read_file_refuses_file_with_clear_message(name, content, message):
    upload = SimpleUploadedFile(name, content)

    with pytest.raises(ValidationError) as refused:
        spreadsheets.awards_read_file(upload)

    assert refused.value.messages == [message]


def test_awards_read_file_refuses_more_than_10000_rows():
    rows = [sheet_row(n, "Bằng khen", "Cá nhân", f"Người {n}") for n in range(1, 10_002)]

    with pytest.raises(ValidationError) as refused:
        spreadsheets.awards_read_file(csv_upload(rows))

    assert refused.value.messages == [
        "The file has more than 10000 rows. Split it into several files."
    ]


def test_awards_read_file_refuses_file_over_10_mb():
    upload = SimpleUploadedFile("danh-sach.csv", b"," * (10 * 1024 * 1024 + 1))

    with pytest.raises(ValidationError) as refused:
        spreadsheets.awards_read_file(upload)

    assert refused.value.messages == ["The file is larger than 10 MB. Split it into several files."]


# --- export ----------------------------------------------------------------------------------


@pytest.fixture
def recorded(district_staff, forms, decision, dong_son_festival, hac_thanh_festival):
    """A decision with awards of every kind, empty and filled cells, and two festivals (this
    module's own, in place of the `recorded` of tests/fixtures/awards.py)."""
    return services.awards_replace(
        decision=decision,
        user=district_staff,
        version=decision.version,
        rows=[
            award_row(
                forms["bang-khen"],
                RecipientKind.INDIVIDUAL,
                "Lê Thị Hoa",
                position="Tổ trưởng tổ ANTT, khu phố 3",
                organisation="Công an phường Đông Sơn",
                citation="Có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ ANTQ”,\n"
                "năm 2026",
                amount=1_500_000,
                festival=dong_son_festival,
            ),
            award_row(
                forms["co-thi-dua"],
                RecipientKind.COLLECTIVE,
                "Nhân dân và cán bộ phường Hạc Thành",
                citation="Dẫn đầu phong trào thi đua",
                festival=hac_thanh_festival,
            ),
            award_row(
                forms["bang-khen"], RecipientKind.HOUSEHOLD, "Hộ ông Nguyễn Văn Bình", amount=0
            ),
        ],
    )


def exported(user, decision):
    return selectors.awards_for_export(user, decision=decision)


def test_awards_export_csv_lines_use_import_layout(
    district_staff, recorded, dong_son_festival, hac_thanh_festival
):
    text = "".join(spreadsheets.awards_export_csv_lines(exported(district_staff, recorded)))

    assert text.startswith("\ufeffSTT,Hình thức khen thưởng,")
    assert list(csv.reader(io.StringIO(text.removeprefix("\ufeff")))) == [
        spreadsheets.HEADERS,
        [
            "1",
            "Bằng khen",
            "Cá nhân",
            "Lê Thị Hoa",
            "Tổ trưởng tổ ANTT, khu phố 3",
            "Công an phường Đông Sơn",
            "Có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ ANTQ”,\nnăm 2026",
            "1.500.000",
            f"{dong_son_festival.year}/phuong-dong-son",
        ],
        [
            "2",
            "Cờ thi đua",
            "Tập thể",
            "Nhân dân và cán bộ phường Hạc Thành",
            "",
            "",
            "Dẫn đầu phong trào thi đua",
            "",
            f"{hac_thanh_festival.year}/phuong-hac-thanh",
        ],
        ["3", "Bằng khen", "Hộ gia đình", "Hộ ông Nguyễn Văn Bình", "", "", "", "0", ""],
    ]


def test_awards_export_xlsx_file_uses_import_layout(
    district_staff, recorded, dong_son_festival, hac_thanh_festival
):
    with spreadsheets.awards_export_xlsx_file(exported(district_staff, recorded)) as handle:
        workbook = load_workbook(handle)

    assert workbook.sheetnames == ["Khen thưởng"]
    assert list(workbook.active.iter_rows(values_only=True)) == [
        tuple(spreadsheets.HEADERS),
        (
            1,
            "Bằng khen",
            "Cá nhân",
            "Lê Thị Hoa",
            "Tổ trưởng tổ ANTT, khu phố 3",
            "Công an phường Đông Sơn",
            "Có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ ANTQ”,\nnăm 2026",
            1_500_000,
            f"{dong_son_festival.year}/phuong-dong-son",
        ),
        (
            2,
            "Cờ thi đua",
            "Tập thể",
            "Nhân dân và cán bộ phường Hạc Thành",
            None,
            None,
            "Dẫn đầu phong trào thi đua",
            None,
            f"{hac_thanh_festival.year}/phuong-hac-thanh",
        ),
        (3, "Bằng khen", "Hộ gia đình", "Hộ ông Nguyễn Văn Bình", None, None, None, 0, None),
    ]


def export_as_upload(kind, user, decision):
    awards = exported(user, decision)
    if kind == "csv":
        content = "".join(spreadsheets.awards_export_csv_lines(awards)).encode("utf-8")
        return SimpleUploadedFile("khen-thuong.csv", content, content_type="text/csv")
    with spreadsheets.awards_export_xlsx_file(awards) as handle:
        return SimpleUploadedFile("khen-thuong.xlsx", handle.read(), content_type=XLSX)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_awards_export_reimports_into_new_decision_unchanged(
    district_staff, province_chairman, recorded, dong_son_festival, hac_thanh_festival, kind
):
    before = saved_awards(recorded)
    copy = services.decision_create(
        user=district_staff,
        data={"number": "126/QĐ-UBND", "date": DECISION_DAY, "authority": province_chairman},
    )

    parsed = parse(
        export_as_upload(kind, district_staff, recorded),
        copy,
        [dong_son_festival, hac_thanh_festival],
    )
    created = import_if_clean(parsed, copy, district_staff)

    assert (parsed.errors, created) == ({}, 3)
    assert saved_awards(copy) == before
    assert saved_awards(recorded) == before
    assert len(before) == 3


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_awards_export_of_300_imported_rows_reimports_unchanged(
    district_staff, province_chairman, decision, dong_son_festival, kind
):
    rows, expected = many_rows(300, dong_son_festival)
    import_if_clean(
        parse(xlsx_upload(rows), decision, [dong_son_festival]), decision, district_staff
    )
    copy = services.decision_create(
        user=district_staff,
        data={"number": "126/QĐ-UBND", "date": DECISION_DAY, "authority": province_chairman},
    )

    parsed = parse(export_as_upload(kind, district_staff, decision), copy, [dong_son_festival])
    created = import_if_clean(parsed, copy, district_staff)

    assert created == 300
    assert saved_awards(copy) == saved_awards(decision) == expected


def test_awards_export_xlsx_keeps_text_starting_with_equals_sign(
    district_staff, province_chairman, forms, decision
):
    decision = services.awards_replace(
        decision=decision,
        user=district_staff,
        version=decision.version,
        rows=[
            award_row(
                forms["bang-khen"],
                RecipientKind.INDIVIDUAL,
                "Lê Thị Hoa",
                citation="=Hoàn thành xuất sắc nhiệm vụ",
            )
        ],
    )

    with spreadsheets.awards_export_xlsx_file(exported(district_staff, decision)) as handle:
        workbook = load_workbook(handle)

    citation = workbook.active.cell(row=2, column=7)
    assert (citation.data_type, citation.value) == ("s", "=Hoàn thành xuất sắc nhiệm vụ")


# --- hostile and odd files (issue 10, items 4 and 6) ----------------------------------------


def test_awards_read_file_reads_a_sheet_declaring_the_whole_grid_cheaply():
    # 1.7 KB, declaring A1:XFD1048576, with one cell at row 3,000: it took +250 MB to refuse.
    upload = workbook_upload(
        worksheet(
            hostile_row(1, spreadsheets.HEADERS)
            + f'<row r="3000">{inline_cell("D3000", "Lê Thị Hoa")}</row>',
            dimension="A1:XFD1048576",
        )
    )
    assert len(upload) < 2_000

    tracemalloc.start()
    try:
        body = spreadsheets.awards_read_file(upload)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()

    assert body == [(3000, ["", "", "", "Lê Thị Hoa", "", "", "", "", ""])]
    assert peak < 20, f"{peak:.0f} MB"


def test_awards_read_file_refuses_a_sheet_running_past_its_rows_before_reading_them(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 10)
    monkeypatch.setattr(spreadsheets, "MAX_SHEET_ROWS", 21)
    rows = hostile_row(1, spreadsheets.HEADERS) + "".join(
        hostile_row(n, [str(n), "Bằng khen", "Cá nhân", f"Người {n}"]) for n in range(2, 5_000)
    )

    with pytest.raises(ValidationError) as refused:
        spreadsheets.awards_read_file(workbook_upload(worksheet(rows)))

    assert refused.value.messages == [
        "The file has more than 10 rows. Split it into several files."
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (
            workbook_bytes(worksheet(hostile_row(1, spreadsheets.HEADERS))[:-40]),
            "danh-sach.xlsx",
            NOT_A_WORKBOOK,
        ),
        (
            workbook_bytes(worksheet(hostile_row(1, ["&lol9;"]), doctype=BILLION_LAUGHS)),
            "danh-sach.xlsx",
            NOT_A_WORKBOOK,
        ),
        (
            csv_bytes([sheet_row(1, "Bằng khen", "Cá nhân", "x" * 200_000)]),
            "danh-sach.csv",
            "Row 2 of the CSV file could not be read: a cell is longer than 131,072 characters, "
            "or a quotation mark is not closed.",
        ),
    ],
    ids=["broken_xml", "billion_laughs", "csv_cell_over_131072_characters"],
)
def test_awards_read_file_refuses_broken_or_hostile_file_with_clear_message(content, name, message):
    with pytest.raises(ValidationError) as refused:
        spreadsheets.awards_read_file(SimpleUploadedFile(name, content))

    assert refused.value.messages == [message]


def test_awards_read_file_normalises_control_characters_in_csv_cells():
    controls = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r")
    row = sheet_row(1, "Bằng khen", "Cá nhân", f"Lê{controls}Hoa", citation="Dòng 1\x0bDòng 2")

    body = spreadsheets.awards_read_file(csv_upload([row]))

    # One-line columns: a space for the vertical tab and form feed, nothing for the others; the
    # citation may run over several lines and gets a newline.
    assert body[0][1][3] == "Lê  Hoa"
    assert body[0][1][6] == "Dòng 1\nDòng 2"


def test_awards_read_file_normalises_control_characters_in_xlsx_cells():
    # XML 1.0 cannot hold most C0 controls at all; tab, newline, DEL and C1 controls it can.
    row = sheet_row(1, "Bằng khen", "Cá nhân", "Lê\t\x7f\x85Hoa\n", citation="Dòng 1\nDòng 2\x85")

    body = spreadsheets.awards_read_file(xlsx_upload([row]))

    assert body[0][1][3] == "Lê Hoa"
    assert body[0][1][6] == "Dòng 1\nDòng 2"
