"""A photo's renditions are made by a worker after the upload (events.photos, events.tasks): the
upload is checked from its header and kept privately, the photo shows as processing until the
renditions exist, a failure is told to the uploader, a task delivered twice works once, and no
visitor sees a photo without its renditions. `tasks_held` queues the tasks without running them;
the test then delivers each itself; the last test goes through a real Celery worker."""

import io
import json

import pytest
from django.urls import reverse
from PIL import Image

from core.errors import FileRejected
from core.models import Job
from core.storage import is_private_name
from events import photos, reviews
from events.models import Festival, FestivalPhoto
from events.selectors import festival_public
from events.tasks import photo_renditions_task
from tests.factories.events import add_photo as add
from tests.factories.events import publish_report
from tests.fixtures.celery import wait_for
from tests.images import image_bytes, jpeg_with_gps_and_orientation, stored_files, upload

DAMAGED = (
    "The photo could not be read completely; the file may be damaged. Save it again or choose "
    "another."
)
TOO_MANY_PIXELS = (
    "The photo has too many pixels (at most %(limit)s megapixels). Reduce its size and try again."
)


def deliver(photo):
    """The worker's part: the task `festival_photo_add` queued for `photo`, run here."""
    photo_renditions_task.apply(
        kwargs={"job_id": str(photo.renditions_job_id), "language": "en", "photo_id": photo.pk}
    )
    photo.refresh_from_db()
    return photo


def files(photo):
    return [photo.image.name, photo.large.name, photo.thumbnail.name]


def public_page(festival):
    return festival_public(year=festival.year, slug=festival.slug)


@pytest.fixture
def published(held, commune_official, district_staff):
    publish_report(held, commune_official, district_staff)
    return Festival.objects.get(pk=held.pk)


def test_the_upload_is_kept_privately_and_processing_until_the_worker_comes(
    tasks_held, held, commune_official, media_root
):
    content = jpeg_with_gps_and_orientation(size=(1200, 800))

    photo = add(held, commune_official, content, name="IMG_0815_gps.jpg")

    assert photo.renditions_state == "processing"
    assert files(photo) == ["", "", ""]
    assert (photo.width, photo.height, photo.order) == (None, None, 1)
    assert photo.original.name.startswith(f"private/festivals/{held.pk}/originals/")
    assert photo.original.name.endswith(".jpg")
    assert "IMG" not in photo.original.name
    with photo.original.open("rb") as handle:
        assert handle.read() == content
    assert stored_files(media_root) == []
    job = photo.renditions_job
    assert (job.kind, job.status, job.owner, job.attempts) == (
        "events.photo_renditions",
        "queued",
        commune_official,
        0,
    )


def test_the_delivered_task_makes_the_renditions_and_removes_the_original(
    tasks_held, held, commune_official, django_capture_on_commit_callbacks
):
    photo = add(held, commune_official, jpeg_with_gps_and_orientation(size=(3600, 1800)))
    original = photo.original.name

    with django_capture_on_commit_callbacks(execute=True):
        deliver(photo)

    assert photo.renditions_state == "ready"
    assert (photo.width, photo.height) == (1800, 3600)
    sizes = []
    for field in (photo.image, photo.large, photo.thumbnail):
        assert field.name.startswith(f"festivals/{held.pk}/photos/")
        with field.open("rb") as handle:
            image = Image.open(io.BytesIO(handle.read()))
            sizes.append(image.size)
            assert dict(image.getexif()) == {}
    assert sizes == [(1800, 3600), (800, 1600), (200, 400)]
    assert photo.original.name == ""
    assert not photo.image.storage.exists(original)
    job = Job.objects.get(pk=photo.renditions_job_id)
    assert (job.status, job.message, job.attempts) == (
        "done",
        "The sizes of the photo are made.",
        1,
    )


def test_a_task_delivered_twice_makes_the_renditions_once(
    tasks_held, held, commune_official, media_root
):
    photo = add(held, commune_official)
    deliver(photo)
    made = files(photo)

    deliver(photo)
    # Even a job taken again (its worker lost) finds the renditions made and stores nothing.
    Job.objects.filter(pk=photo.renditions_job_id).update(status="queued")
    deliver(photo)

    assert files(photo) == made
    assert len(stored_files(media_root)) == 3
    job = Job.objects.get(pk=photo.renditions_job_id)
    assert (job.status, job.attempts) == ("done", 2)
    assert job.message == "Nothing to do: the photo is deleted or its sizes are made."


def test_a_photo_deleted_before_its_task_runs_leaves_no_file(
    tasks_held, held, commune_official, media_root, django_capture_on_commit_callbacks
):
    photo = add(held, commune_official)
    with django_capture_on_commit_callbacks(execute=True):
        photos.festival_photo_delete(photo=photo, user=commune_official)

    photo_renditions_task.apply(
        kwargs={"job_id": str(photo.renditions_job_id), "language": "en", "photo_id": photo.pk}
    )

    assert stored_files(media_root) == []
    assert stored_files(media_root.parent / "private") == []
    assert Job.objects.get(pk=photo.renditions_job_id).status == "done"


def test_public_pages_never_show_a_photo_without_its_renditions(
    tasks_held, published, district_staff, client
):
    # The district's own photo of a published report is public at once: only its renditions
    # are missing.
    photo = add(published, district_staff, caption="Chào cờ", alt_text="Hàng người chào cờ")
    assert (photo.is_public, photo.review_state) == (True, "approved")

    assert public_page(published).public_photos == []
    response = client.get(published.get_public_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="gallery"' not in page
    assert "Hàng người chào cờ" not in page

    deliver(photo)

    assert public_page(published).public_photos == [photo]
    assert not any(is_private_name(name) for name in files(photo))
    page = client.get(published.get_public_url()).content.decode()
    assert 'data-testid="gallery"' in page
    assert f'<img src="{photo.thumbnail.url}" alt="Hàng người chào cờ"' in page


def test_the_renditions_of_a_photo_waiting_for_review_are_private(
    tasks_held, published, commune_official
):
    photo = add(published, commune_official, alt_text="Văn nghệ")
    assert photo.review_state == "pending"

    deliver(photo)

    assert [is_private_name(name) for name in files(photo)] == [True, True, True]
    assert public_page(published).public_photos == []


def test_a_photo_approved_while_processing_gets_public_renditions(
    tasks_held, published, commune_official, district_staff
):
    photo = add(published, commune_official, alt_text="Văn nghệ")
    reviews.festival_media_approve(item=photo, user=district_staff)

    deliver(photo)

    assert [is_private_name(name) for name in files(photo)] == [False, False, False]
    assert public_page(published).public_photos == [photo]


def test_a_damaged_photo_is_taken_and_its_failure_told_to_the_uploader(
    held, commune_official, media_root, django_capture_on_commit_callbacks
):
    whole = image_bytes("JPEG", size=(800, 600))

    # Its header is sound: only decoding finds the damage (eagerly here, as under `make run`).
    photo = add(held, commune_official, whole[: len(whole) // 2])

    assert photo.renditions_state == "failed"
    assert photo.renditions_failure == DAMAGED
    assert files(photo) == ["", "", ""]
    assert (photo.renditions_job.status, photo.renditions_job.message) == ("failed", DAMAGED)
    assert stored_files(media_root) == []
    assert photo.original and photo.original.storage.exists(photo.original.name)

    with django_capture_on_commit_callbacks(execute=True):
        photos.festival_photo_delete(photo=photo, user=commune_official)
    assert not photo.original.storage.exists(photo.original.name)


def test_a_photo_refused_from_its_header_stores_and_queues_nothing(
    held, commune_official, media_root, decoded
):
    # An RGBA PNG of 40 megapixels: within the pixel limit, but its re-encoding would hold too
    # much memory. The uploader hears it at once, not from the worker.
    from tests.core.test_images import RGBA, png_header

    with pytest.raises(FileRejected) as error:
        add(held, commune_official, png_header(8_000, 5_000, RGBA), name="lon.png")

    assert error.value.messages == [TOO_MANY_PIXELS % {"limit": 28}]
    assert decoded == []
    assert (FestivalPhoto.objects.count(), Job.objects.count()) == (0, 0)
    assert stored_files(media_root.parent) == []


@pytest.mark.django_db(transaction=True)
def test_a_worker_makes_the_renditions_after_the_upload_has_answered(
    celery_worker, client, held, commune_official
):
    """With a broker the upload answers once the file is checked and kept; a real worker
    process makes the renditions, and the photo's picture on the staff page appears then."""
    client.force_login(commune_official)

    response = client.post(
        reverse("photos:photo.upload", args=[held.pk]),
        {"photos": upload(jpeg_with_gps_and_orientation(size=(1600, 1200)), name="chao-co.jpg")},
        headers={"Accept": "application/json"},
    )

    # The answer was written before the upload was committed, so before any worker had it.
    assert response.status_code == 201
    [result] = json.loads(response.content)["results"]
    assert (result["ok"], result["state"], result["thumbnail"]) == (True, "processing", None)
    originals = celery_worker["private"] / f"festivals/{held.pk}/originals"

    # Made, and the original (kept privately until then) removed.
    wait_for(
        lambda: (
            FestivalPhoto.objects.get(pk=result["id"]).thumbnail != ""
            and not any(originals.iterdir())
        ),
        what="the photo's renditions",
    )
    photo = FestivalPhoto.objects.get(pk=result["id"])
    assert (photo.width, photo.height) == (1200, 1600)
    assert photo.renditions_job.status == "done"
    for name in files(photo):
        assert (celery_worker["media"] / name).is_file()
    figure = client.get(reverse("photos:photo.state", args=[held.pk, photo.pk])).content.decode()
    assert 'data-state="ready"' in figure
    assert photo.thumbnail.url in figure
    assert "hx-trigger" not in figure
