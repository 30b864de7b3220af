"""Cover photos: checked by content, refused before decoding when too large, stored clean."""

import io
from pathlib import Path

import pytest
from PIL import Image

from core.errors import ServiceError
from movements import services
from movements.models import MovementModel
from movements.photos import MAX_BYTES, PhotoRejected, photo_check, photo_prepare
from tests.factories.movements import MovementModelFactory, model_data
from tests.images import (
    GPS_IFD,
    image_bytes,
    jpeg_with_gps_and_orientation,
    png_header_only,
    upload,
)

NOT_A_PHOTO = "This file is not a JPEG, PNG or WebP photo. Choose a photo in one of those formats."
TOO_MANY_PIXELS = (
    "The photo has too many pixels (at most 40 megapixels). Reduce its size and try again."
)


def rejection(content, name="anh.jpg"):
    with pytest.raises(PhotoRejected) as error:
        photo_check(upload(content, name=name))
    return error.value.messages


def test_a_text_file_named_like_a_photo_is_refused():
    assert rejection(b"Day khong phai la anh, chi la chu.\n" * 20) == [NOT_A_PHOTO]


def test_an_image_in_another_format_is_refused():
    assert rejection(image_bytes("GIF", mode="P", colour=1), name="anh.gif") == [NOT_A_PHOTO]


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted(fmt):
    assert photo_check(upload(image_bytes(fmt))) is None


def test_a_20000_by_20000_png_is_refused_without_decoding(decoded):
    content = png_header_only(20_000, 20_000)
    assert len(content) < 100

    assert rejection(content, name="bom.png") == [TOO_MANY_PIXELS]
    assert decoded == []


def test_a_png_just_over_the_pixel_limit_is_refused_without_decoding(decoded):
    # 49 megapixels: under Pillow's own bomb limit, over ours.
    assert rejection(png_header_only(7_000, 7_000), name="lon.png") == [TOO_MANY_PIXELS]
    assert decoded == []


def test_a_file_over_the_size_limit_is_refused():
    content = image_bytes("PNG") + b"\x00" * (MAX_BYTES + 2 * 2**20)
    assert rejection(content, name="nang.png") == [
        "The photo is 12.0\xa0MB; photos may be at most 10 MB."
    ]


def test_a_truncated_jpeg_is_refused_as_damaged():
    whole = image_bytes("JPEG", size=(800, 600))
    content = whole[: len(whole) // 2]
    with pytest.raises(PhotoRejected) as error:
        photo_prepare(upload(content))
    assert error.value.messages == [
        "The photo could not be read completely; the file may be damaged. Save it again or choose another."
    ]


def test_prepared_photo_is_upright_and_has_no_exif_or_location():
    original = Image.open(io.BytesIO(jpeg_with_gps_and_orientation()))
    assert original.getexif().get_ifd(GPS_IFD) != {}

    prepared = photo_prepare(upload(jpeg_with_gps_and_orientation()))

    image = Image.open(io.BytesIO(prepared.read()))
    assert (image.format, image.size) == ("JPEG", (200, 400))
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info
    # Orientation 6 turns the photo a quarter clockwise: the red left half is now on top.
    red, blue = image.convert("RGB").getpixel((100, 60)), image.convert("RGB").getpixel((100, 340))
    assert red[0] > 180 and red[2] < 80
    assert blue[2] > 180 and blue[0] < 80
    assert prepared.name.endswith(".jpg")
    assert "anh" not in prepared.name


def test_prepared_photo_is_reduced_to_1600_pixels():
    prepared = photo_prepare(upload(image_bytes("PNG", size=(3200, 1000)), name="rong.png"))
    image = Image.open(io.BytesIO(prepared.read()))
    assert (image.format, image.size) == ("JPEG", (1600, 500))


def test_prepared_photo_with_transparency_stays_png():
    content = image_bytes("PNG", mode="RGBA", colour=(0, 128, 0, 100))
    prepared = photo_prepare(upload(content, name="logo.png"))
    image = Image.open(io.BytesIO(prepared.read()))
    assert (image.format, image.mode, image.getpixel((5, 5))) == ("PNG", "RGBA", (0, 128, 0, 100))


def test_create_stores_the_clean_photo_and_its_size(area, commune_official):
    model = services.movement_model_create(
        user=commune_official,
        unit=area.dong_son_ward,
        data=model_data(),
        cover_photo=upload(jpeg_with_gps_and_orientation(), name="IMG_2023_gps.jpg"),
    )

    model.refresh_from_db()
    stored = Path(model.cover_photo.path)
    assert stored.parent.name == "models"
    assert stored.suffix == ".jpg"
    assert "IMG" not in stored.name
    assert (model.cover_width, model.cover_height) == (200, 400)
    with Image.open(stored) as image:
        assert dict(image.getexif()) == {}
        assert image.size == (200, 400)
    assert b"Canon" not in stored.read_bytes()


def test_create_with_a_bad_photo_saves_nothing(area, commune_official, media_root):
    with pytest.raises(ServiceError) as error:
        services.movement_model_create(
            user=commune_official,
            unit=area.dong_son_ward,
            data=model_data(),
            cover_photo=upload(png_header_only(20_000, 20_000), name="bom.png"),
        )
    assert (error.value.field, error.value.messages) == ("cover_photo", [TOO_MANY_PIXELS])
    assert MovementModel.objects.count() == 0
    assert not Path(media_root).exists() or list(Path(media_root).rglob("*.*")) == []


def test_update_replaces_the_photo_and_deletes_the_old_file_after_commit(
    area, commune_official, django_capture_on_commit_callbacks
):
    model = MovementModelFactory(unit=area.dong_son_ward)
    with django_capture_on_commit_callbacks(execute=True):
        model = services.movement_model_update(
            model=model,
            user=commune_official,
            data=model_data(),
            cover_photo=upload(image_bytes("JPEG")),
        )
    first = Path(model.cover_photo.path)

    with django_capture_on_commit_callbacks(execute=True):
        model = services.movement_model_update(
            model=model,
            user=commune_official,
            data=model_data(),
            cover_photo=upload(image_bytes("PNG", size=(300, 300)), name="moi.png"),
        )
    second = Path(model.cover_photo.path)
    assert (first.exists(), second.exists()) == (False, True)
    assert (model.cover_width, model.cover_height) == (300, 300)

    with django_capture_on_commit_callbacks(execute=True):
        model = services.movement_model_update(
            model=model, user=commune_official, data=model_data(), remove_cover_photo=True
        )
    model.refresh_from_db()
    assert (model.cover_photo.name, model.cover_width, second.exists()) == ("", None, False)
