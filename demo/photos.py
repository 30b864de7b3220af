"""Demo photos: generated pictures standing in for the photos of the reference report."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from events.photos import festival_photo_add

REFERENCE_PHOTOS = [
    (
        "Lễ chào cờ khai mạc Ngày hội",
        "Cán bộ và Nhân dân thị trấn Rừng Thông dự lễ chào cờ",
        (164, 22, 26),
    ),
    (
        "Trao lẵng hoa chúc mừng",
        "Lãnh đạo tỉnh trao lẵng hoa chúc mừng cán bộ và Nhân dân thị trấn",
        (20, 108, 67),
    ),
    (
        "Trao Bằng khen của Chủ tịch UBND tỉnh",
        "Đại diện Nhân dân và cán bộ thị trấn nhận Bằng khen",
        (13, 110, 253),
    ),
    (
        "Lãnh đạo huyện Đông Sơn phát biểu",
        "Lãnh đạo huyện phát biểu, giao nhiệm vụ cho thị trấn",
        (122, 91, 0),
    ),
]


def demo_photo_bytes(colour, index):
    """A simple generated picture (banded colours and a sun) standing in for a real photo."""
    image = Image.new("RGB", (1200, 800), colour)
    draw = ImageDraw.Draw(image)
    for band in range(8):
        shade = tuple(min(255, c + band * 18) for c in colour)
        draw.rectangle([0, 500 + band * 40, 1200, 540 + band * 40], fill=shade)
    draw.ellipse([860 - index * 120, 120, 1040 - index * 120, 300], fill=(244, 196, 48))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def add_demo_photos(festival, user):
    """The four photos of the reference report, generated, unless `festival` has photos already."""
    if festival.photos.exists():
        return
    for index, (caption, alt_text, colour) in enumerate(REFERENCE_PHOTOS):
        festival_photo_add(
            festival=festival,
            user=user,
            upload=SimpleUploadedFile(
                f"anh-{index + 1}.jpg", demo_photo_bytes(colour, index), "image/jpeg"
            ),
            caption=caption,
            alt_text=alt_text,
            credit="Ban Chỉ đạo ANTT thị trấn Rừng Thông",
        )
