"""Hostile and odd spreadsheets, written by hand (openpyxl would not write them): a workbook whose
XML parts are given as text, so that a test can declare a huge dimension, nest entities, break
the XML or put a million cells in one row."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{shared}</Types>"
)
_SHARED_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>{doctype}'
    f'<workbook xmlns="{MAIN_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Khen thưởng{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet"/>{shared}</Relationships>'
)
_SHARED_REL = (
    '<Relationship Id="rId9" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/sharedStrings"/>'
)
# Nine levels of ten: "&lol9;" stands for a thousand million "lol"s.
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + "".join(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10))
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'


def column_letter(index):
    """1 → "A", 9 → "I", 16384 → "XFD"."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def inline_cell(reference, text):
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_row(number, texts):
    """A <row> of inline text cells from column A."""
    cells = "".join(
        inline_cell(f"{column_letter(i)}{number}", text) for i, text in enumerate(texts, start=1)
    )
    return f'<row r="{number}">{cells}</row>'


def worksheet(rows, *, dimension="A1:I1", doctype=""):
    """A sheet's XML around `rows` (XML text), declaring `dimension` (None: no <dimension>)."""
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="{MAIN_NS}">'
        f"{declared}<sheetData>{rows}</sheetData></worksheet>"
    )


def workbook_bytes(sheet_xml, *, workbook=None, shared_strings=None, extra_parts=()):
    """An .xlsx of one sheet whose XML is `sheet_xml`; `shared_strings` is the XML of the shared
    string table, `extra_parts` (name, bytes) pairs added as they are."""
    buffer = io.BytesIO()
    shared = shared_strings is not None
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE * shared))
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", workbook or WORKBOOK.format(doctype="", name=""))
        archive.writestr(
            "xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(shared=_SHARED_REL * shared)
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
        for name, content in extra_parts:
            archive.writestr(name, content)
    return buffer.getvalue()


def workbook_upload(sheet_xml, *, name="danh-sach.xlsx", **kwargs):
    return SimpleUploadedFile(name, workbook_bytes(sheet_xml, **kwargs))


def unpacking_bomb_bytes(unpacked_bytes):
    """A small .xlsx whose shared string table unpacks to `unpacked_bytes` of text."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(shared=_SHARED_TYPE))
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK.format(doctype="", name=""))
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(shared=_SHARED_REL))
        archive.writestr("xl/worksheets/sheet1.xml", worksheet(sheet_row(1, ["STT"])))
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><sst xmlns="{MAIN_NS}">'.encode())
            chunk = b"<si><t>" + b"a" * 1_000_000 + b"</t></si>"
            for _ in range(unpacked_bytes // len(chunk) + 1):
                part.write(chunk)
            part.write(b"</sst>")
    return buffer.getvalue()


def many_parts_bytes(count):
    """A zip of `count` empty parts besides a workbook's."""
    extra = [(f"x/{n}", b"") for n in range(count)]
    return workbook_bytes(worksheet(sheet_row(1, ["STT"])), extra_parts=extra)
