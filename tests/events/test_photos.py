"""Festival photos through the services of events/photos.py: checked by content, refused
before decoding when too large, stored upright and clean; who may add, change and order them."""

import io

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from PIL import Image

from core.errors import FileRejected, NotAllowed, ServiceError
from events import photos
from events.enums import FestivalStatus
from events.models import Festival, FestivalDocument, FestivalPhoto
from tests.factories.events import add_photo as add
from tests.images import (
    GPS_IFD,
    TEXT_AS_JPEG,
    image_bytes,
    jpeg_with_gps_and_orientation,
    png_header_only,
    stored_files,
)

NOT_A_PHOTO = "This file is not a JPEG, PNG or WebP photo. Choose a photo in one of those formats."
TOO_MANY_PIXELS = (
    "The photo has too many pixels (at most %(limit)s megapixels). Reduce its size and try again."
)
NOT_HELD = (
    "Photos and documents are added once the festival has been held; this festival is %(status)s."
)
NOT_ALLOWED = (
    "Only officials of the host commune and the supervising staff may change the photos and "
    "documents of this festival."
)
# What events/apps.py is asked to register (see the audited fixture).
AUDITED_FIELDS = {
    FestivalPhoto: ["image", "caption", "alt_text", "credit", "order", "is_public"],
    FestivalDocument: ["kind", "title", "number", "date", "issuer", "file", "is_public"],
}


@pytest.fixture
def audited():
    """FestivalPhoto and FestivalDocument in the audit trail, as events/apps.py registers them
    (registered here only while that line is not there yet)."""
    added = []
    for model, fields in AUDITED_FIELDS.items():
        if not auditlog.contains(model):
            auditlog.register(model, include_fields=fields)
            added.append(model)
    yield
    for model in added:
        auditlog.unregister(model)


def opened(field):
    with field.open("rb") as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
    return image


# Checking and re-encoding --------------------------------------------------------------------


def test_photo_add_stores_upright_copies_without_gps_or_camera(held, commune_official):
    photo = add(
        held,
        commune_official,
        jpeg_with_gps_and_orientation(size=(3600, 1800)),
        name="IMG_2024_0815_gps.jpg",
        caption="Chào cờ",
    )

    photo.refresh_from_db()
    assert (photo.width, photo.height) == (1800, 3600)
    sizes = {}
    for field in (photo.image, photo.large, photo.thumbnail):
        assert field.name.startswith(f"festivals/{held.pk}/photos/")
        assert field.name.endswith(".jpg")
        assert "IMG" not in field.name
        image = opened(field)
        sizes[field.field.name] = image.size
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(GPS_IFD) == {}
        assert "exif" not in image.info
        with field.open("rb") as f:
            raw = f.read()
        assert b"Canon" not in raw
        # Orientation 6 turns the photo a quarter clockwise: the red left half is now on top.
        width, height = image.size
        top = image.convert("RGB").getpixel((width // 2, height // 8))
        bottom = image.convert("RGB").getpixel((width // 2, height * 7 // 8))
        assert top[0] > 180 and top[2] < 80
        assert bottom[2] > 180 and bottom[0] < 80
    assert sizes == {"image": (1800, 3600), "large": (800, 1600), "thumbnail": (200, 400)}
    assert len({photo.image.name, photo.large.name, photo.thumbnail.name}) == 3


def test_photo_add_caps_the_stored_photo_and_makes_both_renditions(held, commune_official):
    photo = add(held, commune_official, image_bytes("PNG", size=(5000, 1000)), name="rong.png")

    assert [opened(f).size for f in (photo.image, photo.large, photo.thumbnail)] == [
        (4096, 819),
        (1600, 320),
        (400, 80),
    ]
    assert (photo.width, photo.height) == (4096, 819)


def test_photo_add_never_enlarges_a_small_photo(held, commune_official):
    photo = add(held, commune_official, image_bytes("WEBP", size=(300, 200)), name="nho.webp")

    assert [opened(f).size for f in (photo.image, photo.large, photo.thumbnail)] == [
        (300, 200),
        (300, 200),
        (300, 200),
    ]


def test_photo_with_transparency_stays_png_in_every_rendition(held, commune_official):
    content = image_bytes("PNG", size=(800, 600), mode="RGBA", colour=(0, 128, 0, 100))
    photo = add(held, commune_official, content, name="logo.png")

    for field in (photo.image, photo.large, photo.thumbnail):
        assert field.name.endswith(".png")
        assert opened(field).mode == "RGBA"


def test_photo_add_puts_each_new_photo_at_the_end(held, commune_official):
    first = add(held, commune_official)
    second = add(held, commune_official)

    assert (first.order, second.order) == (1, 2)
    assert (second.uploaded_by, second.is_public) == (commune_official, True)


def test_a_text_file_named_like_a_photo_is_refused(held, commune_official, media_root):
    with pytest.raises(FileRejected) as error:
        add(held, commune_official, TEXT_AS_JPEG, name="ghi-chu.jpg")

    assert error.value.messages == [NOT_A_PHOTO]
    assert FestivalPhoto.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_gif_is_refused(held, commune_official):
    with pytest.raises(FileRejected) as error:
        add(held, commune_official, image_bytes("GIF", mode="P", colour=1), name="anh.gif")

    assert error.value.messages == [NOT_A_PHOTO]


def test_a_photo_over_the_size_limit_is_refused(held, commune_official, settings):
    settings.PHOTO_MAX_BYTES = 1024 * 1024
    content = image_bytes("PNG") + b"\x00" * (2 * 1024 * 1024)

    with pytest.raises(FileRejected) as error:
        add(held, commune_official, content, name="nang.png")

    assert error.value.messages == ["The photo is 2.0\xa0MB; photos may be at most 1 MB."]


def test_a_20000_by_20000_png_is_refused_from_its_header_without_decoding(
    held, commune_official, decoded, media_root
):
    content = png_header_only(20_000, 20_000)
    assert len(content) < 100

    with pytest.raises(FileRejected) as error:
        add(held, commune_official, content, name="bom.png")

    assert error.value.messages == [TOO_MANY_PIXELS % {"limit": 40}]
    assert decoded == []
    assert FestivalPhoto.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_png_just_over_the_pixel_setting_is_refused_without_decoding(
    held, commune_official, decoded
):
    # 64 megapixels: under Pillow's own bomb limit, over the 40 of PHOTO_MAX_PIXELS.
    with pytest.raises(FileRejected) as error:
        add(held, commune_official, png_header_only(8_000, 8_000), name="lon.png")

    assert error.value.messages == [TOO_MANY_PIXELS % {"limit": 40}]
    assert decoded == []


# Who may, and when --------------------------------------------------------------------------


def test_supervising_staff_and_administrators_may_add_photos(held, district_staff, administrator):
    assert add(held, district_staff).uploaded_by == district_staff
    assert add(held, administrator).uploaded_by == administrator


def test_officials_of_another_commune_may_not_add_photos(held, other_commune_official):
    with pytest.raises(NotAllowed) as error:
        add(held, other_commune_official)

    assert error.value.messages == [NOT_ALLOWED]
    assert FestivalPhoto.objects.count() == 0


def test_a_festival_that_has_not_been_held_takes_no_photos(upcoming, commune_official):
    with pytest.raises(ServiceError) as error:
        add(upcoming, commune_official)

    assert error.value.messages == [NOT_HELD % {"status": "scheduled"}]


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (FestivalStatus.DRAFT, False),
        (FestivalStatus.SUBMITTED, False),
        (FestivalStatus.CANCELLED, False),
        (FestivalStatus.POSTPONED, False),
        # The fixture's festival has ended: scheduled counts as held.
        (FestivalStatus.SCHEDULED, True),
        (FestivalStatus.HELD, True),
        (FestivalStatus.REPORT_SUBMITTED, True),
        (FestivalStatus.PUBLISHED, True),
    ],
)
def test_photos_are_taken_from_the_held_state_on(held, commune_official, status, allowed):
    Festival.objects.filter(pk=held.pk).update(status=status)
    held.refresh_from_db()

    if allowed:
        assert add(held, commune_official).festival == held
    else:
        with pytest.raises(ServiceError):
            add(held, commune_official)


def test_manage_photos_permission(
    held, commune_official, other_commune_official, user_without_role
):
    from django.contrib.auth.models import AnonymousUser

    assert commune_official.has_perm("events.manage_photos", held)
    assert not other_commune_official.has_perm("events.manage_photos", held)
    assert not user_without_role.has_perm("events.manage_photos", held)
    assert not AnonymousUser().has_perm("events.manage_photos", held)


# Changing, ordering, deleting ---------------------------------------------------------------


def test_photo_update_changes_the_texts_and_the_public_flag(held, commune_official):
    photo = add(held, commune_official)

    photos.festival_photo_update(
        photo=photo,
        user=commune_official,
        caption="  Đại biểu dự Ngày hội  ",
        alt_text="Đại biểu đứng chào cờ trước sân văn hóa",
        credit="Công an phường",
        is_public=False,
    )

    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text, photo.credit, photo.is_public) == (
        "Đại biểu dự Ngày hội",
        "Đại biểu đứng chào cờ trước sân văn hóa",
        "Công an phường",
        False,
    )


def test_photo_update_refuses_a_too_long_alt_text(held, commune_official):
    photo = add(held, commune_official, alt_text="Sân khấu")

    with pytest.raises(ServiceError) as error:
        photos.festival_photo_update(photo=photo, user=commune_official, alt_text="x" * 301)

    assert error.value.messages == ["Alternative text may be at most 300 characters long."]
    photo.refresh_from_db()
    assert photo.alt_text == "Sân khấu"


def test_photo_update_moves_a_photo_to_its_new_position(held, commune_official):
    *_first, last = (add(held, commune_official, caption=n) for n in "abc")

    photos.festival_photo_update(photo=last, user=commune_official, order=1)

    assert list(photos.festival_photos(held).values_list("caption", "order")) == [
        ("c", 1),
        ("a", 2),
        ("b", 3),
    ]
    photos.festival_photo_update(photo=last, user=commune_official, order=99)
    assert list(photos.festival_photos(held).values_list("caption", flat=True)) == ["a", "b", "c"]


def test_photos_reorder_puts_the_photos_in_the_given_order(held, commune_official):
    a, b, c = (add(held, commune_official, caption=n) for n in "abc")

    photos.festival_photos_reorder(
        festival=held, user=commune_official, photo_ids=[b.pk, c.pk, a.pk]
    )

    assert list(photos.festival_photos(held).values_list("caption", "order")) == [
        ("b", 1),
        ("c", 2),
        ("a", 3),
    ]


def test_photos_reorder_with_a_stale_list_changes_nothing(held, commune_official):
    a, b = add(held, commune_official), add(held, commune_official)

    with pytest.raises(ServiceError) as error:
        photos.festival_photos_reorder(festival=held, user=commune_official, photo_ids=[b.pk])

    assert error.value.messages == [
        "The photos changed while you were ordering them. Nothing was moved: look at the list "
        "again and try once more."
    ]
    assert list(photos.festival_photos(held).values_list("pk", flat=True)) == [a.pk, b.pk]


def test_photo_delete_removes_the_row_and_its_files_after_commit(
    held, commune_official, media_root, django_capture_on_commit_callbacks
):
    photo = add(held, commune_official)
    assert len(stored_files(media_root)) == 3

    with django_capture_on_commit_callbacks(execute=True):
        photos.festival_photo_delete(photo=photo, user=commune_official)

    assert FestivalPhoto.objects.count() == 0
    assert stored_files(media_root) == []


def test_photos_missing_alt_text_lists_public_photos_without_one(held, commune_official):
    described = add(held, commune_official, alt_text="Lễ chào cờ")
    missing = add(held, commune_official)
    blank = add(held, commune_official)
    FestivalPhoto.objects.filter(pk=blank.pk).update(alt_text="   ")
    hidden = add(held, commune_official)
    photos.festival_photo_update(photo=hidden, user=commune_official, is_public=False)

    assert list(photos.photos_missing_alt_text(held)) == [missing, blank]
    assert described not in photos.photos_missing_alt_text(held)


def test_photo_changes_are_in_the_audit_trail(held, commune_official, audited):
    photo = add(held, commune_official)
    photos.festival_photo_update(photo=photo, user=commune_official, alt_text="Văn nghệ")
    photos.festival_photo_delete(photo=photo, user=commune_official)

    entries = LogEntry.objects.filter(
        content_type__model="festivalphoto", object_pk=str(photo.pk)
    ).order_by("timestamp", "pk")
    assert [e.action for e in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    assert entries[1].changes_dict["alt_text"] == ["", "Văn nghệ"]
