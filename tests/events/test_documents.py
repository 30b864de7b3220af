"""Festival documents (PDF) through the services of events/photos.py: checked by content,
stored under a random name, deleted after commit, audited; who may add them."""

import datetime

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.utils import timezone

from core.errors import FileRejected, NotAllowed, ServiceError
from events import photos
from events.models import FestivalDocument
from tests.factories.events import add_document as add
from tests.images import image_bytes, pdf_bytes, pdf_upload, stored_files

NOT_A_PDF = "This file is not a PDF document. Save the document as PDF and choose it again."
NOT_HELD = (
    "Photos and documents are added once the festival has been held; this festival is %(status)s."
)


@pytest.fixture
def audited():
    """FestivalDocument in the audit trail, as events/apps.py registers it (registered here
    only while that line is not there yet)."""
    added = not auditlog.contains(FestivalDocument)
    if added:
        auditlog.register(
            FestivalDocument,
            include_fields=["kind", "title", "number", "date", "issuer", "file", "is_public"],
        )
    yield
    if added:
        auditlog.unregister(FestivalDocument)


# Services -------------------------------------------------------------------------------------


def test_document_add_stores_the_pdf_under_a_random_name(held, commune_official):
    content = pdf_bytes()
    document = add(
        held, commune_official, pdf_upload(content, name="Ke hoach cua Nguyen Van A.pdf")
    )

    document.refresh_from_db()
    assert (
        document.kind,
        document.title,
        document.number,
        document.date,
        document.issuer,
        document.is_public,
    ) == (
        "plan",
        "Kế hoạch tổ chức Ngày hội",
        "45/KH-UBND",
        datetime.date(2025, 7, 20),
        "UBND phường Đông Sơn",
        True,
    )
    assert document.file.name.startswith(f"private/festivals/{held.pk}/documents/")
    assert document.file.name.endswith(".pdf")
    assert "Nguyen" not in document.file.name
    with document.file.open("rb") as f:
        assert f.read() == content


def test_a_text_file_named_pdf_is_refused(held, commune_official, media_root):
    upload = pdf_upload(b"Khong phai PDF\n" * 10, name="ke-hoach.pdf")

    with pytest.raises(FileRejected) as error:
        add(held, commune_official, upload)

    assert error.value.messages == [NOT_A_PDF]
    assert FestivalDocument.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_photo_named_pdf_is_refused(held, commune_official):
    with pytest.raises(FileRejected) as error:
        add(held, commune_official, pdf_upload(image_bytes("PNG"), name="quyet-dinh.pdf"))

    assert error.value.messages == [NOT_A_PDF]


def test_an_empty_file_is_refused(held, commune_official):
    with pytest.raises(FileRejected) as error:
        add(held, commune_official, pdf_upload(b""))

    assert error.value.messages == [NOT_A_PDF]


def test_a_pdf_over_the_size_limit_is_refused(held, commune_official, monkeypatch):
    monkeypatch.setattr(photos, "DOCUMENT_MAX_BYTES", 1024 * 1024)
    content = pdf_bytes() + b"\n%" + b"0" * (2 * 1024 * 1024)

    with pytest.raises(FileRejected) as error:
        add(held, commune_official, pdf_upload(content))

    assert error.value.messages == ["The file is 2.0\xa0MB; documents may be at most 1 MB."]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "   "}, "Give the document a title."),
        ({"kind": "letter"}, "Choose what kind of document this is."),
        ({"number": "x" * 61}, "Number may be at most 60 characters long."),
    ],
)
def test_document_add_refuses_bad_details(held, commune_official, changes, message):
    with pytest.raises(ServiceError) as error:
        add(held, commune_official, **changes)

    assert error.value.messages == [message]
    assert FestivalDocument.objects.count() == 0


def test_document_add_refuses_a_date_in_the_future(held, commune_official):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(ServiceError) as error:
        add(held, commune_official, date=tomorrow)

    assert error.value.messages == ["The document's date cannot be in the future."]


def test_document_add_before_the_festival_is_held_is_refused(upcoming, commune_official):
    with pytest.raises(ServiceError) as error:
        add(upcoming, commune_official)

    assert error.value.messages == [NOT_HELD % {"status": "scheduled"}]


def test_document_add_by_another_commune_is_refused(held, other_commune_official):
    with pytest.raises(NotAllowed):
        add(held, other_commune_official)


def test_document_add_by_supervising_staff(held, district_staff):
    assert add(held, district_staff).festival == held


def test_document_delete_removes_the_row_and_the_file_after_commit(
    held, commune_official, media_root, settings, django_capture_on_commit_callbacks
):
    document = add(held, commune_official)
    # Documents are private: kept outside the public media folder.
    assert len(stored_files(settings.PRIVATE_MEDIA_ROOT)) == 1
    assert stored_files(media_root) == []

    with django_capture_on_commit_callbacks(execute=True):
        photos.festival_document_delete(document=document, user=commune_official)

    assert FestivalDocument.objects.count() == 0
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_document_changes_are_in_the_audit_trail(held, commune_official, audited):
    document = add(held, commune_official)
    photos.festival_document_delete(document=document, user=commune_official)

    entries = LogEntry.objects.filter(
        content_type__model="festivaldocument", object_pk=str(document.pk)
    ).order_by("timestamp", "pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]
    assert entries[0].changes_dict["number"] == ["None", "45/KH-UBND"]
