"""The documents part of the staff photo page (staff/views/photos.py), through the test client.
Pages are served in Vietnamese; messages are compared through the Vietnamese catalogue so the
tests hold whether or not a string is translated yet."""

import datetime

from django.contrib import messages
from django.urls import reverse
from django.utils.html import escape

from events.models import FestivalDocument
from tests.conftest import in_vietnamese
from tests.factories.events import add_document as add
from tests.factories.events import make_festival
from tests.images import pdf_upload

NOT_A_PDF = "This file is not a PDF document. Save the document as PDF and choose it again."


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
