"""The permission-checked file view (portal/views/files.py): private files are a 404 to anyone
who may not have them, whatever the address."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards import services as award_services
from tests.factories.events import add_document, publish_report
from tests.images import pdf_bytes

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content)


def _close_file(response):
    # A file response holds its file open until it is read to the end (the test client then
    # closes it); response.close() would also end the test's database connection.
    if response.streaming:
        b"".join(response.streaming_content)


def _status(client, url):
    response = client.get(url)
    _close_file(response)
    return response.status_code


def test_public_document_of_a_published_festival_is_served_to_anyone(
    client, held, commune_official, district_staff
):
    document = add_document(held, commune_official, is_public=True)
    publish_report(held, commune_official, district_staff)

    response = client.get(document.file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20t%E1%BB%95%20ch%E1%BB%A9c"
        "%20Ng%C3%A0y%20h%E1%BB%99i.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    with document.file.open("rb") as stored:
        assert _body(response) == stored.read()


def test_document_of_a_festival_not_yet_public_is_served_to_staff_in_scope_only(
    client, held, commune_official, other_commune_official, district_staff
):
    document = add_document(held, commune_official, is_public=True)

    assert _status(client, document.file.url) == 404
    client.force_login(other_commune_official)
    assert _status(client, document.file.url) == 404
    client.force_login(district_staff)
    assert _status(client, document.file.url) == 200


def test_private_document_of_a_published_festival_is_not_served_to_the_public(
    client, held, commune_official, district_staff
):
    document = add_document(held, commune_official, is_public=False)
    publish_report(held, commune_official, district_staff)

    assert _status(client, document.file.url) == 404
    client.force_login(commune_official)
    assert _status(client, document.file.url) == 200


def test_decision_pdf_is_served_to_its_recorders_only_and_not_linked_for_communes(
    client, decision, district_staff, commune_official, recorded
):
    decision.refresh_from_db()
    decision = award_services.decision_update(
        decision=decision,
        user=district_staff,
        version=decision.version,
        data={
            "number": decision.number,
            "date": decision.date,
            "authority": decision.authority,
            "signer_name": decision.signer_name,
            "signer_title": decision.signer_title,
        },
        file=SimpleUploadedFile("QD-125-danh-sach.pdf", pdf_bytes()),
    )
    assert decision.file.name.startswith(f"private/decisions/{decision.date.year}/")
    assert "QD-125" not in decision.file.name

    client.force_login(commune_official)
    assert _status(client, decision.file.url) == 404
    assert decision.file.url not in client.get(decision.get_absolute_url()).content.decode()
    client.force_login(district_staff)
    response = client.get(decision.file.url)
    _close_file(response)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert decision.file.url in client.get(decision.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "name", ["festivals/1/photos/x.jpg", "private/../../etc/passwd", "private/none.pdf"]
)
def test_unknown_or_public_names_are_a_404(client, district_staff, name):
    client.force_login(district_staff)

    assert _status(client, f"/files/{name}") == 404
