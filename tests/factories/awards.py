"""Awards for tests: factories for the rows of tests that need many of them (query counts, lists,
statistics; the service tests build decisions and awards through the services instead), the rows
and spreadsheets the services and the import page take, and what a decision has saved."""

import csv
import datetime
import io
import unicodedata

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from awards.enums import RecipientKind, TributeKind
from awards.models import Award, AwardForm, Decision, IssuingAuthority, Tribute
from awards.spreadsheets import HEADERS, festival_code

DECISION_DAY = datetime.date.today() - datetime.timedelta(days=20)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Windows-1258 keeps the five tone marks as combining characters.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


class IssuingAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuingAuthority
        skip_postgeneration_save = True

    position = factory.Sequence(lambda n: f"Chủ tịch UBND thử nghiệm {n}")
    valid_from = None
    valid_to = None

    @factory.post_generation
    def forms(self, create, extracted, **kwargs):
        """`forms=["bang-khen", …]`: the codes of the catalogue forms it may issue."""
        if create and extracted:
            self.forms.set(AwardForm.objects.filter(code__in=extracted))


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    number = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    date = datetime.date(2026, 10, 15)
    signer_name = "Đầu Thanh Tùng"
    signer_title = "Chủ tịch"


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    form = factory.LazyFunction(lambda: AwardForm.objects.get(code="bang-khen"))
    recipient_kind = RecipientKind.INDIVIDUAL
    recipient_name = factory.Sequence(lambda n: f"Lê Thị Hoa {n}")
    position = "Tổ trưởng tổ ANTT"
    organisation = "Khu phố 3"
    citation = "Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ"
    amount = 1_500_000
    order = factory.Sequence(lambda n: n + 1)


class TributeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tribute

    giver = "Tỉnh ủy Thanh Hóa"
    recipient = "Ban Chỉ đạo ngày hội"
    kind = TributeKind.FLOWER_BASKET
    quantity = 1
    value = None
    order = factory.Sequence(lambda n: n + 1)


# --- rows and spreadsheets as the services and the import page take them ------------------------


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
