"""Image and document files for upload tests, made in memory with Pillow (nothing on disk), and
the files a test left in its media folder."""

import io
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# EXIF tags used below.
ORIENTATION = 0x0112
MAKE = 0x010F
MODEL = 0x0110
GPS_IFD = 0x8825
GPS_LATITUDE_REF, GPS_LATITUDE = 1, 2
GPS_LONGITUDE_REF, GPS_LONGITUDE = 3, 4

RED = (220, 20, 20)
BLUE = (20, 20, 220)
# Meeting notes saved as "anh.jpg": text, whatever the name says.
TEXT_AS_JPEG = b"Day la ghi chu cuoc hop, khong phai anh.\n" * 40


def upload(content, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def image_bytes(fmt="JPEG", size=(400, 200), mode="RGB", colour=(200, 30, 30), **save_options):
    """A plain one-colour image in `fmt`."""
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **save_options)
    return buffer.getvalue()


def jpeg_with_gps_and_orientation(*, size=(400, 200), orientation=6):
    """A photo whose left half is red and right half blue, with EXIF saying it was taken
    rotated (`orientation` 6: turn it a quarter clockwise to view it) at a GPS position in
    Thanh Hóa, by a named camera."""
    width, height = size
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Canon"
    exif[MODEL] = "Canon EOS 90D"
    gps = exif.get_ifd(GPS_IFD)
    gps[GPS_LATITUDE_REF] = "N"
    gps[GPS_LATITUDE] = (19.0, 48.0, 30.0)
    gps[GPS_LONGITUDE_REF] = "E"
    gps[GPS_LONGITUDE] = (105.0, 44.0, 10.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def _chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_header_only(width, height):
    """A PNG that claims `width`×`height` pixels but carries only a few bytes of pixel data: its
    header is valid (Pillow reads the size from it), and it costs nothing to build at any size."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def pdf_bytes(text="Kế hoạch tổ chức Ngày hội"):
    """A small but real one-page PDF (made by Pillow)."""
    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), (255, 255, 255)).save(buffer, "PDF", title=text)
    return buffer.getvalue()


def pdf_upload(content=None, name="ke-hoach.pdf"):
    return SimpleUploadedFile(
        name, pdf_bytes() if content is None else content, content_type="application/pdf"
    )


def stored_files(media_root):
    """The names of the files stored under `media_root`, sorted (none when it was never made)."""
    root = Path(media_root)
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []
