"""Builders shared by the award tests: service rows, spreadsheets in memory, Vietnamese messages."""

import csv
import io
import unicodedata

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook

from awards.enums import RecipientKind
from awards.models import Award
from awards.spreadsheets import HEADERS, festival_code

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Windows-1258 keeps the five tone marks as combining characters.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def in_vietnamese(message, **params):
    """`message` as a page shows it: through the Vietnamese catalogue, with its parameters."""
    with translation.override("vi"):
        text = gettext(message)
    return text % params if params else text


def kind_label(kind, language="en"):
    with translation.override(language):
        return str(RecipientKind(kind).label)


def award_row(form, kind, name, **fields):
    """One award as the services take it."""
    return {
        "form": form,
        "recipient_kind": kind,
        "recipient_name": name,
        "position": "",
        "organisation": "",
        "citation": "",
        "amount": None,
        "festival": None,
        **fields,
    }


def saved_awards(decision):
    """(form, kind, name, position, organisation, citation, amount, festival) in list order."""
    return [
        (
            award.form.name,
            award.recipient_kind,
            award.recipient_name,
            award.position,
            award.organisation,
            award.citation,
            award.amount,
            award.festival,
        )
        for award in Award.objects.filter(decision=decision)
        .select_related("form", "festival")
        .order_by("order", "pk")
    ]


def sheet_row(
    number, form, kind, name, *, position="", organisation="", citation="", amount="", festival=None
):
    """A row of the import layout as a person types it."""
    return [
        number,
        form,
        kind,
        name,
        position,
        organisation,
        citation,
        amount,
        festival_code(festival) if festival is not None else "",
    ]


def xlsx_bytes(rows, *, headers=HEADERS):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Khen thưởng")
    if headers is not None:
        sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows, *, headers=HEADERS, name="danh-sach-khen-thuong.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows, headers=headers), content_type=XLSX)


def csv_bytes(rows, *, headers=HEADERS, encode=None):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    text = buffer.getvalue()
    return encode(text) if encode else text.encode("utf-8-sig")


def csv_upload(rows, *, headers=HEADERS, encode=None, name="danh-sach-khen-thuong.csv"):
    return SimpleUploadedFile(
        name, csv_bytes(rows, headers=headers, encode=encode), content_type="text/csv"
    )


def windows_1258(text):
    """`text` as Excel saves a CSV on a Vietnamese Windows (code page 1258)."""
    encoded = b""
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        tones = "".join(c for c in decomposed if c in _TONE_MARKS)
        encoded += (base + tones).encode("cp1258")
    return encoded
