"""Image files for upload tests, made in memory."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

ORIENTATION = 0x0112
MAKE = 0x010F
GPS_IFD = 0x8825
GPS_LATITUDE_REF, GPS_LATITUDE = 1, 2
GPS_LONGITUDE_REF, GPS_LONGITUDE = 3, 4


def upload(content, name="anh.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def image_bytes(fmt="JPEG", size=(400, 200), mode="RGB", colour=(200, 30, 30), **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt, **save_options)
    return buffer.getvalue()


def two_colour_jpeg_with_gps(*, orientation=6):
    """A 400×200 photo, red on the left and blue on the right, whose EXIF says it was taken
    rotated (`orientation` 6: turn it 90° clockwise to view) in Thanh Hóa, with a camera make."""
    image = Image.new("RGB", (400, 200), (220, 20, 20))
    image.paste((20, 20, 220), (200, 0, 400, 200))
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Canon"
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
    """A PNG that claims `width`×`height` pixels but holds only a few bytes of image data: enough
    for Pillow to read its size, and cheap to build whatever the size it claims."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )
