"""The commune uploads the photos of its held festival: three files at once, one of them a text
file named like a photo. With JavaScript each file has its own progress bar and the server's
message; the two photos are stored and listed, the third is refused with its reason. With a
broker the upload answers at once and the photo's row shows its picture once a worker has made
its renditions."""

import datetime
import io
import re

from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from demo.units import DEMO_PASSWORD
from events.models import Festival, FestivalPhoto
from events.tasks import photo_renditions_task
from tests.conftest import in_vietnamese
from tests.images import GPS_IFD, image_bytes, jpeg_with_gps_and_orientation

NOT_A_PHOTO = "This file is not a JPEG, PNG or WebP photo. Choose a photo in one of those formats."


def sign_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/manage/$"))


def held_demo_festival():
    """The demo festival of Phường Đông Sơn (code 16378) that ended about 100 days ago."""
    now = timezone.now()
    return Festival.objects.get(
        host_unit__code="16378",
        ends_at__lt=now - datetime.timedelta(days=90),
        ends_at__gt=now - datetime.timedelta(days=110),
    )


def test_commune_uploads_three_files_and_keeps_the_two_photos(live_server, browser, demo_data):
    festival = held_demo_festival()
    assert festival.effective_status == "held"
    base = live_server.url

    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    sign_in(page, base, "demo-commune")
    page.goto(base + reverse("photos:photo.list", args=[festival.pk]))
    expect(page.get_by_test_id("no-photos")).to_be_visible()

    page.locator("#id_photos").set_input_files(
        [
            {
                "name": "chao-co.jpg",
                "mimeType": "image/jpeg",
                "buffer": jpeg_with_gps_and_orientation(size=(1200, 800)),
            },
            {
                "name": "ghi-chu.jpg",
                "mimeType": "image/jpeg",
                "buffer": b"Bien ban hop ban to chuc, khong phai anh.\n" * 50,
            },
            {
                "name": "van-nghe.png",
                "mimeType": "image/png",
                "buffer": image_bytes("PNG", size=(900, 600)),
            },
        ]
    )
    page.get_by_test_id("photo-upload-form").locator("button[type=submit]").click()

    results = page.get_by_test_id("upload-result")
    expect(results).to_have_count(3)
    expect(results.nth(0)).to_have_attribute("data-ok", "true")
    expect(results.nth(1)).to_have_attribute("data-ok", "false")
    expect(results.nth(2)).to_have_attribute("data-ok", "true")
    expect(results.nth(0).get_by_test_id("upload-message")).to_have_text(
        in_vietnamese("“%(name)s” was added.", name="chao-co.jpg")
    )
    expect(results.nth(1).get_by_test_id("upload-message")).to_have_text(
        in_vietnamese(
            "“%(name)s” was not added: %(reason)s",
            name="ghi-chu.jpg",
            reason=in_vietnamese(NOT_A_PHOTO),
        )
    )
    # One progress bar per file, each run to the end.
    for index in range(3):
        expect(results.nth(index).locator("progress")).to_have_js_property("value", 100)

    # The list is fetched again: the two photos are there, in the order they were chosen.
    expect(page.get_by_test_id("photo-row")).to_have_count(2)
    expect(page.get_by_test_id("photo-count")).to_have_text("2")
    expect(page.get_by_test_id("missing-alt-text")).to_be_visible()

    stored = list(FestivalPhoto.objects.filter(festival=festival).order_by("order"))
    assert [(p.width, p.height) for p in stored] == [(800, 1200), (900, 600)]
    with stored[0].image.open("rb") as f:
        image = Image.open(io.BytesIO(f.read()))
        assert image.getexif().get_ifd(GPS_IFD) == {}
    context.close()


def test_without_javascript_the_same_form_posts_all_files_at_once(live_server, browser, demo_data):
    festival = held_demo_festival()
    base = live_server.url

    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, base, "demo-commune")
    page.goto(base + reverse("photos:photo.list", args=[festival.pk]))
    page.locator("#id_photos").set_input_files(
        [
            {"name": "a.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG")},
            {"name": "b.jpg", "mimeType": "image/jpeg", "buffer": b"not a photo\n" * 20},
            {"name": "c.webp", "mimeType": "image/webp", "buffer": image_bytes("WEBP")},
        ]
    )
    page.get_by_test_id("photo-upload-form").locator("button[type=submit]").click()

    expect(page.get_by_test_id("photo-row")).to_have_count(2)
    expect(
        page.get_by_text(
            in_vietnamese(
                "“%(name)s” was not added: %(reason)s",
                name="b.jpg",
                reason=in_vietnamese(NOT_A_PHOTO),
            )
        )
    ).to_be_visible()
    assert FestivalPhoto.objects.filter(festival=festival).count() == 2
    context.close()


def test_with_a_worker_the_upload_answers_at_once_and_the_photo_appears_once_made(
    live_server, browser, demo_data, celery_worker
):
    """With a broker (production) the upload answers once the file is checked and kept; a real
    Celery worker makes the renditions and the photo's row shows its picture when they exist
    (htmx asks every few seconds while the row says "processing")."""
    festival = held_demo_festival()
    base = live_server.url
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    sign_in(page, base, "demo-commune")
    page.goto(base + reverse("photos:photo.list", args=[festival.pk]))

    page.locator("#id_photos").set_input_files(
        [
            {
                "name": "chao-co.jpg",
                "mimeType": "image/jpeg",
                "buffer": jpeg_with_gps_and_orientation(size=(1200, 800)),
            }
        ]
    )
    page.get_by_test_id("photo-upload-form").locator("button[type=submit]").click()

    # The answer was written before the upload was committed, so before the worker had it.
    result = page.get_by_test_id("upload-result")
    expect(result).to_have_attribute("data-ok", "true")
    expect(result.get_by_test_id("upload-message")).to_have_text(
        in_vietnamese("“%(name)s” was received; its sizes are being made.", name="chao-co.jpg")
    )
    figure = page.get_by_test_id("photo-figure")
    expect(figure).to_have_attribute("data-state", "ready", timeout=30_000)
    photo = FestivalPhoto.objects.get(festival=festival)
    expect(figure.locator("img")).to_have_attribute("src", photo.thumbnail.url)
    assert (photo.width, photo.height) == (800, 1200)
    assert (celery_worker["media"] / photo.thumbnail.name).is_file()
    context.close()


def test_a_processing_photo_shows_its_picture_once_the_task_has_run(
    live_server, browser, demo_data, tasks_held
):
    """The row of a photo whose task waits in the queue says so, and asks again by itself: once
    the task has run (delivered by the test), the picture replaces the message."""
    festival = held_demo_festival()
    base = live_server.url
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    sign_in(page, base, "demo-commune")
    page.goto(base + reverse("photos:photo.list", args=[festival.pk]))
    page.locator("#id_photos").set_input_files(
        [{"name": "van-nghe.png", "mimeType": "image/png", "buffer": image_bytes("PNG")}]
    )
    page.get_by_test_id("photo-upload-form").locator("button[type=submit]").click()

    figure = page.get_by_test_id("photo-figure")
    expect(figure).to_have_attribute("data-state", "processing")
    expect(figure.get_by_test_id("photo-processing")).to_be_visible()

    photo = FestivalPhoto.objects.get(festival=festival)
    photo_renditions_task.apply(
        kwargs={"job_id": str(photo.renditions_job_id), "language": "vi", "photo_id": photo.pk}
    )
    photo.refresh_from_db()

    expect(figure).to_have_attribute("data-state", "ready", timeout=10_000)
    expect(figure.locator("img")).to_have_attribute("src", photo.thumbnail.url)
    context.close()
