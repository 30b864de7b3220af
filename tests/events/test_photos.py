"""Festival photos (events/photos.py, events/views/photos.py, the public gallery include).

Pages are served in Vietnamese; messages are compared through the Vietnamese catalogue so the
tests hold whether or not a string is translated yet.
"""

import datetime
import io
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib import messages
from django.template.loader import render_to_string
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from PIL import Image, ImageFile

from core.errors import FileRejected, NotAllowed, ServiceError
from events import photos
from events.enums import FestivalStatus
from events.models import Festival, FestivalDocument, FestivalPhoto
from tests.events.helpers import make_festival
from tests.images import (
    GPS_IFD,
    image_bytes,
    jpeg_with_gps_and_orientation,
    png_header_only,
    upload,
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
NOT_ADDED = "“%(name)s” was not added: %(reason)s"
# What events/apps.py is asked to register (see the audited fixture).
AUDITED_FIELDS = {
    FestivalPhoto: ["image", "caption", "alt_text", "credit", "order", "is_public"],
    FestivalDocument: ["kind", "title", "number", "date", "issuer", "file", "is_public"],
}
TEXT_AS_JPEG = b"Day la ghi chu cuoc hop, khong phai anh.\n" * 40


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a folder of their own for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


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


@pytest.fixture
def decoded(monkeypatch):
    """Records every time Pillow decodes pixel data (ImageFile.load), to prove it did not."""
    calls = []
    original = ImageFile.ImageFile.load

    def load(image):
        calls.append(image.size)
        return original(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return calls


@pytest.fixture
def held(area, commune_official, district_staff):
    """A festival of Phường Đông Sơn, approved, that ended ten days ago (so: held)."""
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


def add(festival, user, content=None, name="anh.jpg", **text):
    return photos.festival_photo_add(
        festival=festival,
        user=user,
        upload=upload(image_bytes("JPEG") if content is None else content, name=name),
        **text,
    )


def stored_files(media_root):
    root = Path(media_root)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


def opened(field):
    with field.open("rb") as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
    return image


def page_messages(response):
    return [str(m) for m in messages.get_messages(response.wsgi_request)]


def list_url(festival):
    return reverse("photos:photo.list", args=[festival.pk])


def upload_url(festival):
    return reverse("photos:photo.upload", args=[festival.pk])


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

    assert error.value.messages == [TOO_MANY_PIXELS % {"limit": 60}]
    assert decoded == []
    assert FestivalPhoto.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_png_just_over_the_pixel_setting_is_refused_without_decoding(
    held, commune_official, decoded
):
    # 64 megapixels: under Pillow's own bomb limit, over the 60 of PHOTO_MAX_PIXELS.
    with pytest.raises(FileRejected) as error:
        add(held, commune_official, png_header_only(8_000, 8_000), name="lon.png")

    assert error.value.messages == [TOO_MANY_PIXELS % {"limit": 60}]
    assert decoded == []


def test_a_truncated_jpeg_is_refused_as_damaged(held, commune_official):
    whole = image_bytes("JPEG", size=(800, 600))

    with pytest.raises(FileRejected) as error:
        add(held, commune_official, whole[: len(whole) // 2])

    assert error.value.messages == [
        "The photo could not be read completely; the file may be damaged. Save it again or choose another."
    ]


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


# The staff page --------------------------------------------------------------------------------


def test_the_photo_page_address_reaches_the_photo_page():
    # /manage/festivals/<pk>/photos/ must not be taken by the festival routes mounted before it
    # (such as "<pk>/<action>/" for the lifecycle buttons).
    assert resolve("/manage/festivals/7/photos/").view_name == "photos:photo.list"
    assert resolve("/manage/festivals/7/photos/upload/").view_name == "photos:photo.upload"


def test_photo_page_lists_the_photos_with_their_forms(client, held, commune_official):
    add(held, commune_official, caption="Chào cờ", alt_text="Hàng người chào cờ")
    add(held, commune_official, caption="Văn nghệ")
    client.force_login(commune_official)

    response = client.get(list_url(held))

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('data-testid="photo-row"') == 2
    assert 'multiple accept="image/jpeg,image/png,image/webp"' in content
    rows = response.context["rows"]
    assert [(p.caption, f.initial["order"]) for p, f in rows] == [("Chào cờ", 1), ("Văn nghệ", 2)]
    assert 'alt="Hàng người chào cờ"' in content
    assert response.context["missing_alt_text"] == 1
    assert 'data-testid="missing-alt-text"' in content


def test_photo_page_of_a_festival_not_yet_held_has_no_upload_form(
    client, upcoming, commune_official
):
    client.force_login(commune_official)

    response = client.get(list_url(upcoming))

    content = response.content.decode()
    assert escape(in_vietnamese(NOT_HELD, status=in_vietnamese("scheduled"))) in content
    assert 'data-testid="photo-upload-form"' not in content
    assert 'data-testid="document-form"' not in content


def test_several_photos_at_once_keep_the_good_ones_and_explain_the_bad_one(
    client, held, commune_official
):
    client.force_login(commune_official)

    response = client.post(
        upload_url(held),
        {
            "photos": [
                upload(image_bytes("JPEG"), name="chao-co.jpg"),
                upload(TEXT_AS_JPEG, name="ghi-chu.jpg"),
                upload(image_bytes("PNG", size=(640, 480)), name="van-nghe.png"),
            ],
            "credit": "Công an phường Đông Sơn",
        },
    )

    assert response.status_code == 302
    assert response.url == list_url(held) + "#photo-list"
    stored = list(photos.festival_photos(held))
    assert [(p.order, p.width, p.credit) for p in stored] == [
        (1, 400, "Công an phường Đông Sơn"),
        (2, 640, "Công an phường Đông Sơn"),
    ]
    refusal = in_vietnamese(NOT_ADDED, name="ghi-chu.jpg", reason=in_vietnamese(NOT_A_PHOTO))
    assert refusal in page_messages(response)
    page = client.get(response.url)
    assert escape(refusal) in page.content.decode()
    assert page.content.decode().count('data-testid="photo-row"') == 2


def test_uploading_without_choosing_a_file_says_so(client, held, commune_official):
    client.force_login(commune_official)

    response = client.post(upload_url(held), {"credit": ""})

    assert page_messages(response) == [in_vietnamese("Choose at least one photo.")]
    assert FestivalPhoto.objects.count() == 0


def test_upload_answers_json_per_file(client, held, commune_official):
    client.force_login(commune_official)

    good = client.post(
        upload_url(held),
        {"photos": upload(image_bytes("JPEG"), name="chao-co.jpg")},
        headers={"Accept": "application/json"},
    )
    bad = client.post(
        upload_url(held),
        {"photos": upload(png_header_only(20_000, 20_000), name="bom.png")},
        headers={"Accept": "application/json"},
    )

    photo = FestivalPhoto.objects.get()
    assert good.status_code == 201
    assert good.json() == {
        "results": [
            {
                "name": "chao-co.jpg",
                "ok": True,
                "message": in_vietnamese("“%(name)s” was added.", name="chao-co.jpg"),
                "id": photo.pk,
                "thumbnail": photo.thumbnail.url,
            }
        ],
        "errors": [],
        "missing_alt_text": 1,
    }
    assert bad.status_code == 400
    assert bad.json()["results"] == [
        {
            "name": "bom.png",
            "ok": False,
            "message": in_vietnamese(
                NOT_ADDED,
                name="bom.png",
                reason=in_vietnamese(TOO_MANY_PIXELS) % {"limit": 60},
            ),
        }
    ]
    assert page_messages(bad) == []


def test_json_upload_of_several_files_answers_for_each(client, held, commune_official):
    client.force_login(commune_official)

    response = client.post(
        upload_url(held),
        {
            "photos": [
                upload(image_bytes("JPEG"), name="a.jpg"),
                upload(TEXT_AS_JPEG, name="b.jpg"),
            ]
        },
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    assert [(r["name"], r["ok"]) for r in response.json()["results"]] == [
        ("a.jpg", True),
        ("b.jpg", False),
    ]
    assert FestivalPhoto.objects.count() == 1


def test_json_upload_to_a_festival_not_yet_held_is_refused_per_file(
    client, upcoming, commune_official
):
    client.force_login(commune_official)

    response = client.post(
        upload_url(upcoming),
        {"photos": upload(image_bytes("JPEG"), name="a.jpg")},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    reason = in_vietnamese(NOT_HELD, status=in_vietnamese("scheduled"))
    assert response.json()["results"][0]["message"] == in_vietnamese(
        NOT_ADDED, name="a.jpg", reason=reason
    )


def test_photo_form_saves_the_texts(client, held, commune_official):
    photo = add(held, commune_official)
    client.force_login(commune_official)
    prefix = f"photo-{photo.pk}"

    response = client.post(
        reverse("photos:photo.update", args=[held.pk, photo.pk]),
        {
            f"{prefix}-caption": "Trao Bằng khen",
            f"{prefix}-alt_text": "Lãnh đạo huyện trao Bằng khen cho khu phố",
            f"{prefix}-credit": "Nguyễn Văn An",
            f"{prefix}-order": "1",
        },
    )

    assert response.status_code == 302
    assert response.url == list_url(held) + f"#photo-{photo.pk}"
    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text, photo.credit, photo.is_public) == (
        "Trao Bằng khen",
        "Lãnh đạo huyện trao Bằng khen cho khu phố",
        "Nguyễn Văn An",
        False,
    )


def test_photo_form_with_a_bad_position_shows_the_page_again(client, held, commune_official):
    photo = add(held, commune_official, caption="Cũ")
    client.force_login(commune_official)
    prefix = f"photo-{photo.pk}"

    response = client.post(
        reverse("photos:photo.update", args=[held.pk, photo.pk]),
        {f"{prefix}-caption": "Mới", f"{prefix}-order": "0", f"{prefix}-is_public": "on"},
    )

    assert response.status_code == 400
    form = {p.pk: f for p, f in response.context["rows"]}[photo.pk]
    assert list(form.errors) == ["order"]
    assert 'value="Mới"' in response.content.decode()
    photo.refresh_from_db()
    assert photo.caption == "Cũ"


def test_move_buttons_reorder_the_photos(client, held, commune_official):
    a, _b, c = (add(held, commune_official, caption=n) for n in "abc")
    client.force_login(commune_official)

    response = client.post(
        reverse("photos:photo.reorder", args=[held.pk]), {"photo": a.pk, "direction": "down"}
    )
    client.post(reverse("photos:photo.reorder", args=[held.pk]), {"photo": c.pk, "direction": "up"})

    assert response.url == list_url(held) + f"#photo-{a.pk}"
    assert list(photos.festival_photos(held).values_list("caption", flat=True)) == ["b", "c", "a"]


def test_delete_asks_first_then_deletes(
    client, held, commune_official, media_root, django_capture_on_commit_callbacks
):
    photo = add(held, commune_official, caption="Bế mạc")
    client.force_login(commune_official)
    url = reverse("photos:photo.delete", args=[held.pk, photo.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Bế mạc" in confirm.content.decode()
    assert FestivalPhoto.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert page_messages(response) == [in_vietnamese("The photo was deleted.")]
    assert FestivalPhoto.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_photo_page_query_count_is_fixed(
    client, held, commune_official, django_assert_num_queries, rows
):
    for _n in range(rows):
        add(held, commune_official, image_bytes("JPEG", size=(40, 30)))
    client.force_login(commune_official)
    client.get(list_url(held))

    # session, user, savepoint, roles, festival, scope check, photos, documents, release
    with django_assert_num_queries(9):
        response = client.get(list_url(held))
    assert len(response.context["rows"]) == rows


# Scope and permissions on every URL ------------------------------------------------------------


def photo_urls(festival, photo):
    return [
        ("get", reverse("photos:photo.list", args=[festival.pk])),
        ("post", reverse("photos:photo.upload", args=[festival.pk])),
        ("post", reverse("photos:photo.reorder", args=[festival.pk])),
        ("post", reverse("photos:photo.update", args=[festival.pk, photo.pk])),
        ("get", reverse("photos:photo.delete", args=[festival.pk, photo.pk])),
        ("post", reverse("photos:photo.delete", args=[festival.pk, photo.pk])),
    ]


def test_every_photo_url_is_404_outside_the_users_scope(
    client, held, commune_official, other_commune_official
):
    photo = add(held, commune_official)
    client.force_login(other_commune_official)

    for method, url in photo_urls(held, photo):
        assert getattr(client, method)(url).status_code == 404, url
    assert FestivalPhoto.objects.count() == 1


def test_every_photo_url_is_403_without_a_role(client, held, commune_official, user_without_role):
    photo = add(held, commune_official)
    client.force_login(user_without_role)

    for method, url in photo_urls(held, photo):
        assert getattr(client, method)(url).status_code == 403, url


def test_every_photo_url_sends_visitors_to_sign_in(client, held, commune_official):
    photo = add(held, commune_official)

    for method, url in photo_urls(held, photo):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url


def test_a_photo_of_another_festival_is_404(client, held, commune_official, district_staff, area):
    other = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date.today() - datetime.timedelta(days=40),
        approver=district_staff,
    )
    photo = add(other, commune_official)
    client.force_login(commune_official)

    assert client.get(reverse("photos:photo.delete", args=[held.pk, photo.pk])).status_code == 404
    response = client.post(reverse("photos:photo.update", args=[held.pk, photo.pk]), {})
    assert response.status_code == 404


def test_district_staff_may_use_the_photo_page(client, held, district_staff):
    client.force_login(district_staff)

    response = client.post(upload_url(held), {"photos": upload(image_bytes("JPEG"))})

    assert response.status_code == 302
    assert FestivalPhoto.objects.get().uploaded_by == district_staff


# The public gallery ------------------------------------------------------------------------------


def test_gallery_shows_public_described_photos_with_links_to_the_large_size(
    held, commune_official, django_assert_num_queries
):
    shown = add(
        held,
        commune_official,
        image_bytes("JPEG", size=(800, 600)),
        caption="Lễ chào cờ",
        alt_text="Hàng trăm người dân đứng chào cờ",
        credit="Công an phường",
    )
    portrait = add(
        held, commune_official, image_bytes("JPEG", size=(300, 600)), alt_text="Tiết mục múa"
    )
    add(held, commune_official, caption="Chưa mô tả")
    hidden = add(held, commune_official, caption="Ảnh nội bộ", alt_text="Họp ban tổ chức")
    photos.festival_photo_update(photo=hidden, user=commune_official, is_public=False)

    festival = Festival.objects.prefetch_related(photos.public_photos_prefetch()).get(pk=held.pk)
    with django_assert_num_queries(0):
        html = render_to_string("includes/festivals/_gallery.html", {"festival": festival})

    assert [p.pk for p in festival.public_photos] == [shown.pk, portrait.pk]
    assert f'<a class="gallery-link" href="{shown.large.url}">' in html
    assert (
        f'<img src="{shown.thumbnail.url}" alt="Hàng trăm người dân đứng chào cờ" '
        'width="400" height="300"'
    ) in html
    assert 'alt="Tiết mục múa" width="200" height="400"' in html
    assert "Lễ chào cờ" in html
    assert "Công an phường" in html
    assert "Chưa mô tả" not in html
    assert "Ảnh nội bộ" not in html
    assert "<script" not in html and "style=" not in html


def test_gallery_is_empty_without_public_photos(held):
    festival = Festival.objects.prefetch_related(photos.public_photos_prefetch()).get(pk=held.pk)

    assert (
        render_to_string("includes/festivals/_gallery.html", {"festival": festival}).strip() == ""
    )
