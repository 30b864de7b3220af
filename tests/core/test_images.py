"""core.images: what one photo may cost in memory (issue 10, item 5).

Decoding costs about width × height × 4 bytes (more with a palette or transparency), so a photo
is refused from its header when decoding it would hold more than IMAGE_MAX_DECODE_BYTES of
pixels, a JPEG is decoded at the smallest scale that still covers the largest rendition, and
every photo is reduced before it is turned upright or converted. The `decoded` fixture records
the size each photo was decoded at (nothing when it was refused from its header)."""

import struct
import zlib

import pytest
from PIL import Image

from core.images import IMAGE_MAX_DECODE_BYTES, ImageRejected, image_check, image_reencode
from tests.images import image_bytes, png_header_only, upload

SIZES = {"image": 4096, "large": 1600, "thumbnail": 400}
MAX_BYTES = 20 * 1024 * 1024
TOO_MANY_PIXELS = (
    "The photo has too many pixels (at most %(limit)s megapixels). Reduce its size and try again."
)
# PNG colour types: 2 RGB, 3 palette, 6 RGBA.
RGB, PALETTE, RGBA = 2, 3, 6


def png_header(width, height, colour_type):
    """A PNG claiming `width`×`height` pixels of `colour_type`, with almost no pixel data."""

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    palette = chunk(b"PLTE", b"\x00\x00\x00\xff\xff\xff") if colour_type == PALETTE else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))
        + palette
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def reencode(content, *, max_pixels=40_000_000, name="anh.png"):
    return image_reencode(
        upload(content, name=name), max_bytes=MAX_BYTES, max_pixels=max_pixels, sizes=SIZES
    )


def refused(content, **kwargs):
    with pytest.raises(ImageRejected) as error:
        reencode(content, **kwargs)
    return error.value.messages


def test_the_59_megapixel_png_of_the_issue_is_refused_from_its_header(decoded):
    # 8,000 × 7,375 of one colour: 173 KB on disk, 236 MB once decoded; it took 7.3 s and +850 MB.
    assert refused(png_header_only(8_000, 7_375)) == [TOO_MANY_PIXELS % {"limit": 40}]
    assert decoded == []


def test_with_a_higher_pixel_setting_the_59_megapixel_png_is_refused_for_its_memory(decoded):
    # Under a 60-megapixel setting (the old default) it would hold about 400 MB while reduced.
    assert refused(png_header_only(8_000, 7_375), max_pixels=60_000_000) == [
        TOO_MANY_PIXELS % {"limit": 44}
    ]
    assert decoded == []


@pytest.mark.parametrize(
    ("colour_type", "size", "limit"),
    [(RGBA, (8_000, 5_000), 28), (PALETTE, (8_000, 5_000), 38)],
    ids=["rgba", "palette"],
)
def test_a_png_with_transparency_or_a_palette_has_a_lower_limit(decoded, colour_type, size, limit):
    # Transparency: Pillow resizes a premultiplied full-size copy; a palette is first converted.
    assert refused(png_header(*size, colour_type)) == [TOO_MANY_PIXELS % {"limit": limit}]
    assert decoded == []


def test_a_wide_jpeg_is_decoded_at_half_its_size_when_that_still_covers_the_largest_rendition(
    decoded,
):
    # A panorama: a square 4,096 box would have kept it from being decoded at a reduced scale.
    content = image_bytes("JPEG", size=(9_000, 1_500), quality=60)

    renditions = reencode(content, name="toan-canh.jpg")

    # (Pillow's `load` runs again on the decoded photo, which decodes nothing more.)
    assert decoded[0] == (4_500, 750)
    assert (renditions["image"].width, renditions["image"].height) == (4_096, 683)
    assert (renditions["thumbnail"].width, renditions["thumbnail"].height) == (400, 67)


def test_a_png_is_reduced_to_the_largest_rendition_before_it_is_turned_upright(
    decoded, monkeypatch
):
    seen = []
    original = Image.Image.transpose

    def transpose(image, method):
        seen.append(image.size)
        return original(image, method)

    monkeypatch.setattr(Image.Image, "transpose", transpose)
    exif = Image.Exif()
    exif[0x0112] = 6  # turn a quarter clockwise to view
    content = image_bytes("PNG", size=(5_000, 1_000), exif=exif)

    renditions = reencode(content)

    assert decoded[0] == (5_000, 1_000)
    assert seen == [(4_096, 819)]
    assert (renditions["image"].width, renditions["image"].height) == (819, 4_096)


def test_the_memory_budget_is_about_300_mb():
    assert IMAGE_MAX_DECODE_BYTES == 300 * 1024 * 1024


def test_the_check_at_upload_refuses_from_the_header_what_re_encoding_would_refuse(decoded):
    # The RGBA PNG above is within the pixel limit, but its re-encoding (later, by a worker)
    # would hold too much: the uploader hears it at once.
    content = png_header(8_000, 5_000, RGBA)
    assert image_check(upload(content, name="a.png"), max_bytes=MAX_BYTES, max_pixels=40_000_000)

    with pytest.raises(ImageRejected) as error:
        image_check(
            upload(content, name="a.png"), max_bytes=MAX_BYTES, max_pixels=40_000_000, sizes=SIZES
        )

    assert error.value.messages == [TOO_MANY_PIXELS % {"limit": 28}]
    assert decoded == []


def test_the_check_at_upload_takes_a_large_jpeg_that_is_decoded_at_a_reduced_scale(decoded):
    header = image_check(
        upload(image_bytes("JPEG", size=(7_000, 5_000)), name="a.jpg"),
        max_bytes=MAX_BYTES,
        max_pixels=40_000_000,
        sizes=SIZES,
    )

    assert (header.format, header.width, header.height) == ("JPEG", 7_000, 5_000)
    assert decoded == []
