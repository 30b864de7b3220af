"""Cover photos of movement models: checked and re-encoded by core.images, with the limits of
cover photos (one photo per model, shown at most MAX_SIDE pixels wide)."""

from core.images import ACCEPT_ATTRIBUTE, ImageRejected, image_check, image_reencode

__all__ = [
    "ACCEPT_ATTRIBUTE",
    "MAX_BYTES",
    "MAX_PIXELS",
    "MAX_SIDE",
    "PhotoRejected",
    "photo_check",
    "photo_prepare",
]

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600

PhotoRejected = ImageRejected


def photo_check(upload):
    """Refuse `upload` unless it is a JPEG, PNG or WebP image of acceptable size and pixel count.

    Reads the header only; nothing is decoded.
    """
    image_check(upload, max_bytes=MAX_BYTES, max_pixels=MAX_PIXELS)


def photo_prepare(upload):
    """A clean copy of `upload` to store: orientation applied, metadata (EXIF, GPS, comments)
    dropped, at most MAX_SIDE pixels on its longer side; JPEG, or PNG when it has transparency."""
    sizes = {"cover": MAX_SIDE}
    return image_reencode(upload, max_bytes=MAX_BYTES, max_pixels=MAX_PIXELS, sizes=sizes)[
        "cover"
    ].file
