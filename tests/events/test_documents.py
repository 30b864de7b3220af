"""Festival documents (PDF): the services in events/photos.py, the documents part of the photo
page, and the public include. Pages are served in Vietnamese; messages are compared through the
Vietnamese catalogue so the tests hold whether or not a string is translated yet."""

import datetime
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib import messages
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from core.errors import FileRejected, NotAllowed, ServiceError
from events import photos
from events.enums import DocumentKind
from events.models import Festival, FestivalDocument
from tests.events.helpers import make_festival
from tests.images import image_bytes, pdf_bytes, pdf_upload

NOT_A_PDF = "This file is not a PDF document. Save the document as PDF and choose it again."
NOT_HELD = (
    "Photos and documents are added once the festival has been held; this festival is %(status)s."
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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


@pytest.fixture
def held(area, commune_official, district_staff):
    return make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date.today() - datetime.timedelta(days=10),
        approver=district_staff,
    )


@pytest.fixture
def upcoming(area, commune_official, district_staff):
    return make_festival(
        user=commune_official, host_unit=area.dong_son_ward, approver=district_staff
    )


def in_vietnamese(message, **params):
    with translation.override("vi"):
        text = gettext(message)
    return text % params if params else text


def add(festival, user, upload=None, **changes):
    values = {
        "kind": DocumentKind.PLAN,
        "title": "Kế hoạch tổ chức Ngày hội",
        "number": "45/KH-UBND",
        "date": datetime.date(2025, 7, 20),
        "issuer": "UBND phường Đông Sơn",
        **changes,
    }
    return photos.festival_document_add(
        festival=festival, user=user, upload=upload or pdf_upload(), **values
    )


def stored_files(media_root):
    root = Path(media_root)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def page_messages(response):
    return [str(m) for m in messages.get_messages(response.wsgi_request)]


def form_data(upload, **changes):
    return {
        "kind": "decision",
        "title": "Quyết định khen thưởng",
        "number": "1234/QĐ-UBND",
        "date": "2025-08-01",
        "issuer": "UBND tỉnh Thanh Hóa",
        "is_public": "on",
        "file": upload,
        **changes,
    }


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
    assert document.file.name.startswith(f"festivals/{held.pk}/documents/")
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
    held, commune_official, media_root, django_capture_on_commit_callbacks
):
    document = add(held, commune_official)
    assert len(stored_files(media_root)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        photos.festival_document_delete(document=document, user=commune_official)

    assert FestivalDocument.objects.count() == 0
    assert stored_files(media_root) == []


def test_document_changes_are_in_the_audit_trail(held, commune_official, audited):
    document = add(held, commune_official)
    photos.festival_document_delete(document=document, user=commune_official)

    entries = LogEntry.objects.filter(
        content_type__model="festivaldocument", object_pk=str(document.pk)
    ).order_by("timestamp", "pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.DELETE]
    assert entries[0].changes_dict["number"] == ["None", "45/KH-UBND"]


# The documents part of the photo page -------------------------------------------------------


def test_document_form_adds_a_document_listed_on_the_page(client, held, commune_official):
    client.force_login(commune_official)

    response = client.post(
        reverse("photos:document.upload", args=[held.pk]), form_data(pdf_upload())
    )

    assert response.status_code == 302
    assert response.url == reverse("photos:photo.list", args=[held.pk]) + "#documents"
    document = FestivalDocument.objects.get()
    assert (document.kind, document.number, document.date, document.is_public) == (
        "decision",
        "1234/QĐ-UBND",
        datetime.date(2025, 8, 1),
        True,
    )
    assert page_messages(response) == [
        in_vietnamese("The document “%(title)s” was added.", title="Quyết định khen thưởng")
    ]
    page = client.get(response.url).content.decode()
    assert page.count('data-testid="document-row"') == 1
    assert f'href="{document.file.url}"' in page
    assert "01/08/2025" in page


def test_document_form_with_a_file_that_is_not_a_pdf_explains_it(client, held, commune_official):
    client.force_login(commune_official)

    response = client.post(
        reverse("photos:document.upload", args=[held.pk]),
        form_data(pdf_upload(b"hello", name="quyet-dinh.pdf")),
    )

    assert response.status_code == 400
    assert response.context["document_form"].errors == {"file": [in_vietnamese(NOT_A_PDF)]}
    content = response.content.decode()
    assert escape(in_vietnamese(NOT_A_PDF)) in content
    # The details typed are kept.
    assert 'value="1234/QĐ-UBND"' in content
    assert FestivalDocument.objects.count() == 0


def test_document_form_without_a_file_or_title_is_refused(client, held, commune_official):
    client.force_login(commune_official)

    response = client.post(
        reverse("photos:document.upload", args=[held.pk]),
        {"kind": "plan", "title": "", "number": "", "date": "", "issuer": ""},
    )

    assert response.status_code == 400
    assert sorted(response.context["document_form"].errors) == ["file", "title"]


def test_document_delete_asks_first(client, held, commune_official):
    document = add(held, commune_official)
    client.force_login(commune_official)
    url = reverse("photos:document.delete", args=[held.pk, document.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Kế hoạch tổ chức Ngày hội" in confirm.content.decode()
    assert FestivalDocument.objects.count() == 1

    response = client.post(url)
    assert response.status_code == 302
    assert FestivalDocument.objects.count() == 0


def document_urls(festival, document):
    return [
        ("post", reverse("photos:document.upload", args=[festival.pk])),
        ("get", reverse("photos:document.delete", args=[festival.pk, document.pk])),
        ("post", reverse("photos:document.delete", args=[festival.pk, document.pk])),
    ]


def test_every_document_url_is_404_outside_the_users_scope(
    client, held, commune_official, other_commune_official
):
    document = add(held, commune_official)
    client.force_login(other_commune_official)

    for method, url in document_urls(held, document):
        assert getattr(client, method)(url).status_code == 404, url
    assert FestivalDocument.objects.count() == 1


def test_every_document_url_is_403_without_a_role(
    client, held, commune_official, user_without_role
):
    document = add(held, commune_official)
    client.force_login(user_without_role)

    for method, url in document_urls(held, document):
        assert getattr(client, method)(url).status_code == 403, url


def test_every_document_url_sends_visitors_to_sign_in(client, held, commune_official):
    document = add(held, commune_official)

    for method, url in document_urls(held, document):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url


def test_a_document_of_another_festival_is_404(
    client, held, commune_official, district_staff, area
):
    other = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date.today() - datetime.timedelta(days=40),
        approver=district_staff,
    )
    document = add(other, commune_official)
    client.force_login(commune_official)

    url = reverse("photos:document.delete", args=[held.pk, document.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert FestivalDocument.objects.count() == 1


# The public include -----------------------------------------------------------------------------


def test_public_documents_show_kind_number_date_issuer_and_link(
    held, commune_official, django_assert_num_queries
):
    later = add(
        held,
        commune_official,
        kind=DocumentKind.DECISION,
        title="Quyết định khen thưởng",
        number="1234/QĐ-UBND",
        date=datetime.date(2025, 8, 10),
        issuer="UBND tỉnh Thanh Hóa",
    )
    earlier = add(held, commune_official)
    add(held, commune_official, title="Biên bản họp nội bộ", is_public=False)

    festival = Festival.objects.prefetch_related(photos.public_documents_prefetch()).get(pk=held.pk)
    with django_assert_num_queries(0), translation.override("vi"):
        html = render_to_string("includes/festivals/_documents.html", {"festival": festival})

    assert [d.pk for d in festival.public_documents] == [earlier.pk, later.pk]
    assert f'<a href="{later.file.url}" type="application/pdf">Quyết định khen thưởng</a>' in html
    assert in_vietnamese("no. %(number)s", number="1234/QĐ-UBND") in html
    assert '<time datetime="2025-08-10">10/08/2025</time>' in html
    assert "UBND tỉnh Thanh Hóa" in html
    assert in_vietnamese("decision").capitalize() in html
    assert "Biên bản họp nội bộ" not in html
    assert html.index("Kế hoạch tổ chức Ngày hội") < html.index("Quyết định khen thưởng")


def test_public_documents_include_is_empty_without_documents(held):
    festival = Festival.objects.prefetch_related(photos.public_documents_prefetch()).get(pk=held.pk)

    assert (
        render_to_string("includes/festivals/_documents.html", {"festival": festival}).strip() == ""
    )
