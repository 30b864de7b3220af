"""Media on S3-compatible object storage (STORAGE_URL; antq/object_storage.py, core.storage,
core.downloads, core.health), against a real S3 API server on the loopback (tests/fixtures/s3.py):
a photo's public renditions answer by their plain URL, a private file is handed out by a URL
signed for 60 seconds once the file view has checked permission — that URL works, then expires,
and refuses any change — and someone who may not have the file gets a 404 and no URL at all."""

import re
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from core.storage import is_private_name
from events.models import FestivalPhoto
from tests.factories.events import add_document, publish_report
from tests.factories.events import add_photo as add
from tests.fixtures.celery import wait_for
from tests.images import image_bytes, jpeg_with_gps_and_orientation, upload

pytestmark = pytest.mark.django_db


def fetch(url):
    """(status, headers, body) of a GET of `url` by a plain HTTP client, as a browser would."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def error_code(body):
    match = re.search(rb"<Code>(\w+)</Code>", body)
    return match.group(1).decode() if match else None


def stored_bytes(fieldfile):
    with fieldfile.open("rb") as handle:
        return handle.read()


def test_an_uploaded_photo_is_stored_in_the_bucket_and_its_renditions_answer_by_url(
    object_storage, client, held, commune_official, django_capture_on_commit_callbacks
):
    client.force_login(commune_official)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("photos:photo.upload", args=[held.pk]),
            {"photos": upload(jpeg_with_gps_and_orientation(size=(1200, 800)), name="a.jpg")},
            headers={"Accept": "application/json"},
        )

    assert response.status_code == 201
    photo = FestivalPhoto.objects.get()
    assert photo.renditions_state == "ready"
    # The three renditions under media/; the original, kept under private/ until they were
    # made, is gone.
    assert object_storage.object_keys() == sorted(
        f"media/{name}" for name in (photo.image.name, photo.large.name, photo.thumbnail.name)
    )
    base = f"{object_storage.server.endpoint_url}/{object_storage.bucket}/media/"
    assert response.json()["results"][0]["thumbnail"] == base + photo.thumbnail.name
    for field in (photo.image, photo.large, photo.thumbnail):
        assert field.url == base + field.name
        status, headers, body = fetch(field.url)
        assert (status, headers["Content-Type"]) == (200, "image/jpeg")
        assert body == stored_bytes(field)
    assert fetch(photo.thumbnail.url)[2][:3] == b"\xff\xd8\xff"


def test_the_public_page_shows_the_photos_from_the_bucket(
    object_storage, client, held, commune_official, district_staff
):
    photo = add(held, commune_official, image_bytes("JPEG", size=(800, 600)), alt_text="Chào cờ")
    publish_report(held, commune_official, district_staff)

    page = client.get(held.get_public_url()).content.decode()

    assert f'<img src="{photo.thumbnail.url}" alt="Chào cờ"' in page
    assert f'href="{photo.large.url}"' in page
    assert f'<meta property="og:image" content="{photo.large.url}">' in page
    assert photo.large.url.startswith(object_storage.server.endpoint_url + "/")


def signed_url_of(response):
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    return response["Location"]


def test_a_private_file_is_handed_out_by_a_url_signed_for_60_seconds(
    object_storage, client, held, commune_official
):
    document = add_document(held, commune_official, is_public=True)
    assert is_private_name(document.file.name)
    assert f"private/{document.file.name.removeprefix('private/')}" in object_storage.object_keys()
    client.force_login(commune_official)

    # The page links to the permission-checked view, never to the bucket.
    assert document.file.url == reverse("private-file", kwargs={"name": document.file.name})
    url = signed_url_of(client.get(document.file.url))

    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert f"{parts.scheme}://{parts.netloc}" == object_storage.server.endpoint_url
    assert parts.path == f"/{object_storage.bucket}/{document.file.name}"
    assert query["X-Amz-Expires"] == ["60"]
    status, headers, body = fetch(url)
    assert status == 200
    content = stored_bytes(document.file)
    assert body == content
    assert content.startswith(b"%PDF-")
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == (
        "attachment; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20t%E1%BB%95%20ch%E1%BB%A9c"
        "%20Ng%C3%A0y%20h%E1%BB%99i.pdf"
    )

    # Not without its signature, nor for another file, nor with another signature or expiry.
    other = add_document(held, commune_official, title="Biên bản họp")
    tampered = {
        "unsigned": url.partition("?")[0],
        "another file": url.replace(
            document.file.name.rpartition("/")[2], other.file.name.rpartition("/")[2]
        ),
        "another signature": re.sub(
            r"X-Amz-Signature=(\w)", lambda m: "X-Amz-Signature=" + "0f"[m[1] == "0"], url
        ),
        "a longer life": url.replace("X-Amz-Expires=60", "X-Amz-Expires=3600"),
    }
    for what, address in tampered.items():
        status, _headers, body = fetch(address)
        assert status == 403, what
        assert body != content, what
    assert error_code(fetch(tampered["another file"])[2]) == "SignatureDoesNotMatch"
    assert error_code(fetch(tampered["a longer life"])[2]) == "SignatureDoesNotMatch"

    # A minute later the address answers no more.
    object_storage.server.advance(61)
    status, _headers, body = fetch(url)
    assert (status, error_code(body)) == (403, "AccessDenied")
    assert b"Request has expired" in body
    # Asked again (the server's clock back with the app's), the view signs a fresh address.
    object_storage.server.advance(-61)
    fresh = signed_url_of(client.get(document.file.url))
    status, _headers, body = fetch(fresh)
    assert (status, body) == (200, content)


def test_without_permission_the_file_view_is_404_and_signs_nothing(
    object_storage, client, held, commune_official, other_commune_official
):
    document = add_document(held, commune_official, is_public=True)

    for user in (None, other_commune_official):
        if user:
            client.force_login(user)
        response = client.get(document.file.url)
        assert response.status_code == 404
        assert "Location" not in response
        assert b"X-Amz-" not in response.content
        assert object_storage.bucket.encode() not in response.content


def test_a_private_photo_is_in_the_private_side_and_shown_to_staff_by_a_signed_url(
    object_storage, client, held, commune_official, district_staff, other_commune_official
):
    publish_report(held, commune_official, district_staff)
    # Added by the commune to a published report: waiting for review, so private.
    photo = add(held, commune_official, image_bytes("JPEG", size=(640, 480)), alt_text="Văn nghệ")
    assert photo.thumbnail.name.startswith("private/")
    assert (
        f"private/{photo.thumbnail.name.removeprefix('private/')}" in object_storage.object_keys()
    )
    # Nobody reads it from the bucket without a signature.
    direct = f"{object_storage.server.endpoint_url}/{object_storage.bucket}/{photo.thumbnail.name}"
    assert fetch(direct)[0] == 403

    client.force_login(other_commune_official)
    assert client.get(photo.thumbnail.url).status_code == 404
    client.force_login(district_staff)
    status, headers, body = fetch(signed_url_of(client.get(photo.thumbnail.url)))
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert headers["Content-Disposition"].startswith("inline; ")
    assert body == stored_bytes(photo.thumbnail)


def test_readiness_asks_the_bucket(object_storage, client, settings):
    response = client.get("/healthz/ready")

    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"


def test_readiness_is_503_when_the_bucket_is_missing_or_the_server_away(
    object_storage, client, settings
):
    working = settings.STORAGES
    for name, options in [
        ("missing bucket", {"bucket_name": "antq-no-such-bucket"}),
        ("server away", {"endpoint_url": "http://127.0.0.1:9"}),  # nothing listens on port 9
    ]:
        settings.STORAGES = {
            **working,
            "public": {
                **working["public"],
                "OPTIONS": {**working["public"]["OPTIONS"], **options},
            },
        }

        response = client.get("/healthz/ready")

        assert response.status_code == 503, name
        assert response.json()["failed"] == ["storage"], name


@pytest.mark.django_db(transaction=True)
def test_a_worker_makes_the_renditions_from_the_original_in_the_bucket(
    celery_worker_on_object_storage, client, held, commune_official
):
    """The upload keeps the original under private/ and answers; a real worker process reads
    it from the bucket, writes the renditions under media/ and removes it."""
    storage = celery_worker_on_object_storage
    client.force_login(commune_official)

    response = client.post(
        reverse("photos:photo.upload", args=[held.pk]),
        {"photos": upload(jpeg_with_gps_and_orientation(size=(1600, 1200)), name="a.jpg")},
        headers={"Accept": "application/json"},
    )

    [result] = response.json()["results"]
    assert (result["state"], result["thumbnail"]) == ("processing", None)
    prefix = f"media/festivals/{held.pk}/photos/"
    wait_for(
        lambda: (
            len([key for key in storage.object_keys() if key.startswith(prefix)]) == 3
            and not any(key.startswith("private/") for key in storage.object_keys())
        ),
        what="the renditions in the bucket",
    )
    photo = FestivalPhoto.objects.get(pk=result["id"])
    assert photo.renditions_state == "ready"
    assert (photo.width, photo.height) == (1200, 1600)
    status, _headers, body = fetch(photo.large.url)
    assert (status, body) == (200, stored_bytes(photo.large))
