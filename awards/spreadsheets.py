"""The award list as a spreadsheet: one layout for the import template, the import and the export,
so that an exported file imports again unchanged.

Headers and recipient kinds are written in Vietnamese whatever the page language, because the
file is the same document for everyone; the importer also accepts the English words and codes."""

import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from awards.enums import RecipientKind
from awards.models import AwardForm
from awards.services import award_problems
from core.amounts import amount_format, amount_parse, amount_total
from core.search import normalize_search_text
from core.spreadsheets import (
    Sheet,
    SpreadsheetRefused,
    closing_rows,
    csv_lines,
    csv_rows,
    unescape_formula,
    xlsx_rows,
    xlsx_temporary_file,
)
from core.text import text_clean

COLUMNS = [
    ("order", "STT"),
    ("form", "Hình thức khen thưởng"),
    ("recipient_kind", "Đối tượng"),
    ("recipient_name", "Tên cá nhân, tập thể, hộ gia đình"),
    ("position", "Chức vụ"),
    ("organisation", "Cơ quan, đơn vị"),
    ("citation", "Thành tích"),
    ("amount", "Tiền thưởng (đồng)"),
    ("festival", "Ngày hội (mã)"),
]
HEADERS = [header for _key, header in COLUMNS]
SHEET_TITLE = "Khen thưởng"
FESTIVALS_SHEET_TITLE = "Mã ngày hội"
FESTIVALS_HEADERS = ["Mã ngày hội", "Tên ngày hội", "Đơn vị tổ chức", "Ngày"]
KIND_WORDS = {
    RecipientKind.INDIVIDUAL: "Cá nhân",
    RecipientKind.COLLECTIVE: "Tập thể",
    RecipientKind.HOUSEHOLD: "Hộ gia đình",
}
_KIND_LOOKUP = {
    **{normalize_search_text(word): kind for kind, word in KIND_WORDS.items()},
    **{normalize_search_text(kind.value): kind for kind in RecipientKind},
    **{normalize_search_text(str(kind.label)): kind for kind in RecipientKind},
    "ho": RecipientKind.HOUSEHOLD,
}
MAX_ROWS = 10_000
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def festival_code(festival):
    return f"{festival.year}/{festival.slug}"


# --- template -------------------------------------------------------------------------------------


def awards_template_xlsx(*, authority, festivals):
    """An empty award list with headers and drop-down lists (forms the authority may issue,
    recipient kinds, festival codes), as .xlsx bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHI", [6, 22, 14, 40, 28, 32, 48, 18, 30], strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    lists = workbook.create_sheet("Danh mục")
    forms = [form.name for form in authority.forms.filter(is_active=True)]
    codes = [festival_code(f) for f in festivals]
    # The drop-down holds codes (what the import reads); this sheet says which festival each is.
    named = workbook.create_sheet(FESTIVALS_SHEET_TITLE)
    named.append(FESTIVALS_HEADERS)
    for cell in named[1]:
        cell.font = Font(bold=True)
    for festival in festivals:
        named.append(
            [
                festival_code(festival),
                festival.title,
                festival.host_unit.name,
                f"{festival.starts_at:%d/%m/%Y}" if festival.starts_at else "",
            ]
        )
    for letter, width in zip("ABCD", [30, 60, 32, 12], strict=True):
        named.column_dimensions[letter].width = width
    for row, value in enumerate(forms, start=1):
        lists.cell(row=row, column=1, value=value)
    for row, value in enumerate(KIND_WORDS.values(), start=1):
        lists.cell(row=row, column=2, value=value)
    for row, value in enumerate(codes, start=1):
        lists.cell(row=row, column=3, value=value)
    lists.sheet_state = "hidden"
    for column, source, count in [("B", "A", len(forms)), ("C", "B", 3), ("I", "C", len(codes))]:
        if count:
            check = DataValidation(
                type="list", formula1=f"='Danh mục'!${source}$1:${source}${count}", allow_blank=True
            )
            check.add(f"{column}2:{column}{MAX_ROWS + 1}")
            sheet.add_data_validation(check)
    amount_cells = "#,##0"
    for row in range(2, 502):
        sheet.cell(row=row, column=8).number_format = amount_cells
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading and parsing --------------------------------------------------------------------------


@dataclass
class ParsedImport:
    rows: list = field(default_factory=list)  # dicts ready for the services, with "_row"
    raw: list = field(default_factory=list)  # (row number, dict of cell texts) for the preview
    errors: dict = field(default_factory=dict)  # row number -> [messages]
    file_errors: list = field(default_factory=list)
    amounts: dict = field(default_factory=dict)  # row number -> the amount read (đồng) or None
    duplicates: dict = field(default_factory=dict)  # row number -> a warning (it still imports)

    @property
    def amount_total(self):
        return amount_total(self.amounts.values())

    @property
    def ok(self):
        return not self.errors and not self.file_errors and bool(self.rows)

    @property
    def error_count(self):
        return sum(len(v) for v in self.errors.values()) + len(self.file_errors)


# Columns whose text may run over several lines (a TextField); the others are one line.
MULTILINE_COLUMNS = {index for index, (key, _h) in enumerate(COLUMNS) if key == "citation"}


def _cell_text(value, index):
    """A cell as text for the parser: control characters normalised as in every form
    (core.text), whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return text_clean(str(value), multiline=index in MULTILINE_COLUMNS).strip()


# Rows read at most: the header, MAX_ROWS award rows and as many blank rows between them. A sheet
# that goes on further is refused without being read to its end.
MAX_SHEET_ROWS = 1 + 2 * MAX_ROWS


def _too_many_rows():
    return ValidationError(
        _("The file has more than %(max)s rows. Split it into several files.") % {"max": MAX_ROWS}
    )


def awards_read_file(uploaded):
    """The rows of an uploaded .xlsx or .csv award list: a list of (row number, [cell texts]).

    Raises ValidationError with a clear message for anything that is not such a file. Reading
    stops at the first problem: wrong headers, more than MAX_ROWS rows, a file that could make
    the reader work hard (core.spreadsheets bounds it)."""
    name = (getattr(uploaded, "name", "") or "").lower()
    if getattr(uploaded, "size", 0) and uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 10 MB. Split it into several files."))
    uploaded.seek(0)
    head = uploaded.read(4)
    uploaded.seek(0)
    if not head:
        raise ValidationError(_("The file is empty."))
    columns = len(COLUMNS)
    if head.startswith(b"PK"):
        rows = (
            (number, [_cell_text(v, i) for i, v in enumerate(values)])
            for number, values in xlsx_rows(uploaded, columns=columns, max_row=MAX_SHEET_ROWS)
        )
    elif name.endswith(".csv"):
        # Our CSV export puts an apostrophe before text starting with a formula sign.
        rows = (
            (number, [_cell_text(unescape_formula(c), i) for i, c in enumerate(values)])
            for number, values in csv_rows(uploaded, columns=columns, max_row=MAX_SHEET_ROWS)
        )
    else:
        raise ValidationError(
            _("Upload the award list as an Excel workbook (.xlsx) or a CSV file.")
        )
    body = []
    seen = False
    try:
        for number, cells in rows:
            seen = True
            if number == 1:
                _check_header(cells)
            elif any(cells):
                body.append((number, cells))
                if len(body) > MAX_ROWS:
                    raise _too_many_rows()
    except SpreadsheetRefused as error:
        if error.code == "too_long":
            raise _too_many_rows() from None
        raise ValidationError(error.messages) from None
    finally:
        rows.close()
    if not seen:
        raise ValidationError(_("The file is empty."))
    return body


def _check_header(cells):
    header = [normalize_search_text(c) for c in cells]
    expected = [normalize_search_text(h) for h in HEADERS]
    if header[: len(expected)] != expected:
        raise ValidationError(
            _(
                "The first row must be the template's headers: %(headers)s. Download the template and copy your rows into it."
            )
            % {"headers": ", ".join(HEADERS)}
        )


def awards_parse(*, body, authority, festivals, existing=()):
    """Check every row against the catalogue; returns a ParsedImport with each row's errors, and a
    warning for each row that repeats an award of `existing` (same recipient, same form): an
    import of the same file twice would double the list."""
    already = {(normalize_search_text(name), form_id) for name, form_id in existing}
    forms_by_name = {}
    for form in AwardForm.objects.all():
        forms_by_name[normalize_search_text(form.name)] = form
        forms_by_name[normalize_search_text(form.code)] = form
    festivals_by_code = {festival_code(f): f for f in festivals}
    result = ParsedImport()
    for number, cells in body:
        cells = (cells + [""] * len(COLUMNS))[: len(COLUMNS)]
        raw = dict(zip([key for key, _h in COLUMNS], cells, strict=True))
        result.raw.append((number, raw))
        problems = []
        form = forms_by_name.get(normalize_search_text(raw["form"]))
        if not raw["form"]:
            problems.append(_("the award form is empty"))
        elif form is None:
            problems.append(_("unknown award form “%(value)s”") % {"value": raw["form"]})
        kind = _KIND_LOOKUP.get(normalize_search_text(raw["recipient_kind"]))
        if kind is None:
            problems.append(
                _("the recipient kind must be Cá nhân, Tập thể or Hộ gia đình, not “%(value)s”")
                % {"value": raw["recipient_kind"]}
            )
        if not raw["recipient_name"]:
            problems.append(_("the recipient's name is empty"))
        elif len(raw["recipient_name"]) > 255:
            problems.append(_("the recipient's name is longer than 255 characters"))
        for key in ("position", "organisation"):
            if len(raw[key]) > 255:
                problems.append(_("a text is longer than 255 characters"))
        try:
            amount = amount_parse(raw["amount"])
        except ValidationError as error:
            amount = None
            problems.extend(error.messages)
        result.amounts[number] = amount
        festival = None
        if raw["festival"]:
            festival = festivals_by_code.get(raw["festival"].strip())
            if festival is None:
                problems.append(
                    _("no festival in your scope has the code “%(value)s”")
                    % {"value": raw["festival"]}
                )
        row = {
            "_row": number,
            "form": form,
            "recipient_kind": kind,
            "recipient_name": raw["recipient_name"],
            "position": raw["position"],
            "organisation": raw["organisation"],
            "citation": raw["citation"],
            "amount": amount,
            "festival": festival,
        }
        if not problems:
            problems = award_problems(
                authority=authority,
                row=row,
                festivals_in_scope={f.pk for f in festivals_by_code.values()},
            )
        if problems:
            result.errors[number] = problems
        elif (normalize_search_text(row["recipient_name"]), form.pk) in already:
            result.duplicates[number] = _(
                "the decision already has a %(form)s for %(name)s: importing adds a second one"
            ) % {"form": form.name, "name": row["recipient_name"]}
        result.rows.append(row)
    if not result.rows:
        result.file_errors.append(_("The file has no award rows under the headers."))
    return result


# --- export ---------------------------------------------------------------------------------------


def _export_cells(row, index):
    """The cells of one award, from a row of awards.selectors.EXPORT_COLUMNS."""
    form, kind, name, position, organisation, citation, amount, year, slug = row[:9]
    return [
        index,
        form,
        KIND_WORDS[RecipientKind(kind)],
        name,
        position,
        organisation,
        citation,
        amount,
        f"{year}/{slug}" if slug else "",
    ]


def awards_export_csv_lines(awards):
    """CSV lines (with a BOM so Excel reads UTF-8) of `awards` (rows of
    awards.selectors.EXPORT_COLUMNS), one award at a time."""

    def rows():
        with closing_rows(_export_rows(awards)) as source:
            for cells in source:
                cells[7] = amount_format(cells[7], separator=".")
                yield cells

    return csv_lines(HEADERS, rows())


def _export_rows(awards):
    # The awards' database cursor is closed even when a row fails (see closing_rows).
    with closing_rows(awards) as source:
        for index, row in enumerate(source, start=1):
            yield _export_cells(row, index)


def awards_export_xlsx_file(awards):
    """A temporary file holding the .xlsx export of `awards` (rows of
    awards.selectors.EXPORT_COLUMNS), written row by row: memory stays flat however many awards
    there are. The caller streams and closes it."""
    return xlsx_temporary_file(Sheet(SHEET_TITLE, HEADERS, _export_rows(awards)))
