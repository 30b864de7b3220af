"""Uploaded photos: checked by content, then re-encoded without metadata into renditions.

Shared by every app that takes photos (movement cover photos, festival photos). The check reads
only the image header, so a decompression bomb (a small file that claims a huge number of
pixels) is refused before Pillow decodes a single pixel. Re-encoding turns the photo upright,
drops every piece of metadata (EXIF with GPS position and camera, XMP, comments, text chunks)
and writes fresh files under random names.

Memory is bounded too: decoding costs about width × height × 4 bytes (Pillow keeps RGB in four
bytes a pixel), so a JPEG is decoded straight at the smallest scale that still covers the largest
rendition (draft mode), every photo is reduced to that rendition before anything else is done
with it, and a photo whose decoding would hold more than IMAGE_MAX_DECODE_BYTES of pixels at
once (a PNG or WebP, which have no draft mode, of more than about 70 megapixels) is refused from
its header, like one over the pixel limit.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
JPEG_QUALITY = 85
# Source modes whose colour profile still describes the re-encoded RGB pixels.
RGB_MODES = ("RGB", "RGBA", "RGBX", "P", "PA")
# The most pixel memory re-encoding one photo may hold at once (see the module's docstring).
IMAGE_MAX_DECODE_BYTES = 300 * 1024 * 1024
# What Pillow keeps a pixel in, by mode (four bytes for every mode not listed).
_PIXEL_BYTES = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
# Modes converted to RGB(A) before they are reduced: resizing a palette picks pixels instead of
# averaging them.
_PALETTE_MODES = ("1", "P", "PA")
_HIGH_BIT_MODES = ("I", "I;16", "I;16B", "I;16L", "I;16N", "F")

MESSAGES = {
    "format": _(
        "This file is not a JPEG, PNG or WebP photo. Choose a photo in one of those formats."
    ),
    "bytes": _("The photo is %(size)s; photos may be at most %(limit)s MB."),
    "pixels": _(
        "The photo has too many pixels (at most %(limit)s megapixels). Reduce its size and try again."
    ),
    "damaged": _(
        "The photo could not be read completely; the file may be damaged. Save it again or choose another."
    ),
}


class ImageRejected(ValidationError):
    """An upload that is not an acceptable photo; `messages` say why, for the user."""


@dataclass(frozen=True)
class ImageHeader:
    format: str
    width: int
    height: int


@dataclass(frozen=True)
class Rendition:
    """One re-encoded file, ready to be saved to a FileField, with its size in pixels."""

    file: ContentFile
    width: int
    height: int


def _reject(code, **params):
    return ImageRejected(MESSAGES[code], code=code, params=params or None)


def _megabytes(max_bytes):
    return max_bytes // 2**20


def _read(upload, max_bytes):
    """The uploaded bytes (at most `max_bytes`), leaving `upload` as it was found."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise _reject("bytes", size=filesizeformat(size), limit=_megabytes(max_bytes))
    upload.seek(0)
    content = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(content) > max_bytes:
        raise _reject("bytes", size=filesizeformat(len(content)), limit=_megabytes(max_bytes))
    return content


def _open(content, max_pixels):
    """Open `content` lazily (headers only) as one of the accepted formats, within `max_pixels`."""
    with warnings.catch_warnings():
        # Pillow warns between its own limit and twice that; our own limit below decides.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(content), formats=ACCEPTED_FORMATS)
        except Image.DecompressionBombError:
            raise _reject("pixels", limit=max_pixels // 1_000_000) from None
        except Exception:  # any parse failure of untrusted bytes means "not a photo we take"
            raise _reject("format") from None
    width, height = image.size
    if width * height > max_pixels:
        image.close()
        raise _reject("pixels", limit=max_pixels // 1_000_000)
    return image


def image_check(
    upload, *, max_bytes, max_pixels, sizes=None, max_decode_bytes=IMAGE_MAX_DECODE_BYTES
):
    """Refuse `upload` (ImageRejected) unless it is a JPEG, PNG or WebP image of at most
    `max_bytes` and `max_pixels`; return its format and size. Reads the header only.

    With `sizes` (as for `image_reencode`), also refuse a photo whose re-encoding into them
    would hold more than `max_decode_bytes` of pixels, so that a photo accepted now can be
    re-encoded later (by a worker) without a refusal the uploader no longer sees at once."""
    with _open(_read(upload, max_bytes), max_pixels) as image:
        header = ImageHeader(format=image.format, width=image.size[0], height=image.size[1])
        if sizes:
            largest = _largest_side(sizes)
            if largest:
                # Only tells the decoder the scale to use; no pixel is decoded here.
                image.draft(None, _draft_box(image.size, largest))
            _check_memory(image, largest, max_pixels, max_decode_bytes)
        return header


def _largest_side(sizes):
    """The longest side `image_reencode` decodes at for `sizes` (None: the full size)."""
    sides = list(sizes.values())
    return None if None in sides else max(sides, default=None)


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )


def _draft_box(size, largest_side):
    """The box to ask a JPEG decoder for: the photo's shape, `largest_side` on its longer side (a
    square box would keep a panorama from being decoded at a reduced scale)."""
    width, height = size
    scale = largest_side / max(width, height)
    return max(1, int(width * scale)), max(1, int(height * scale))


def _pixels_held(image, largest_side):
    """The bytes of pixels `_upright_clean` holds at once for `image`, at the size it will be
    decoded at. Reducing a photo holds the decoded photo (with its RGB copy for a palette, and a
    premultiplied copy when it has transparency), the half-resized rows and the result; a photo
    that is not reduced is held with its upright and converted copies."""
    width, height = image.size
    pixels = width * height
    held = pixels * _PIXEL_BYTES.get(image.mode, 4)
    working = 1 if image.mode == "L" else 2 if image.mode.startswith("I;16") else 4
    if image.mode in _PALETTE_MODES:
        held += pixels * 4
    if image.format == "WEBP":
        held += pixels * 4  # libwebp decodes into a buffer of its own first
    if not (largest_side and max(width, height) > largest_side):
        return held + pixels * 8
    if _has_alpha(image):
        held += pixels * 4  # Pillow resizes RGBA premultiplied, in a full-size copy
    out_width, out_height = _draft_box(image.size, largest_side)
    return held + out_width * height * working + out_width * out_height * working


def _check_memory(image, largest_side, max_pixels, max_decode_bytes):
    """Refuse (ImageRejected, "pixels") a photo whose decoding would hold more than
    `max_decode_bytes`, saying how many megapixels such a photo may have."""
    held = _pixels_held(image, largest_side)
    if held > max_decode_bytes:
        pixels = image.size[0] * image.size[1]
        limit = min(max_pixels, pixels * max_decode_bytes // held)
        raise _reject("pixels", limit=limit // 1_000_000)


def _upright_clean(image, largest_side):
    """The decoded photo, upright, in RGB or RGBA, at most `largest_side` (None: any size).

    Only the decoded photo and one reduced copy are held at once: the photo is reduced before it
    is turned upright or converted (each of which makes a copy)."""
    alpha = _has_alpha(image)
    target = "RGBA" if alpha else "RGB"
    image.load()
    if image.mode in _PALETTE_MODES:
        image = image.convert(target)
    if largest_side and max(image.size) > largest_side:
        image.thumbnail((largest_side, largest_side), Image.Resampling.LANCZOS)
    upright = ImageOps.exif_transpose(image)
    if upright.mode in _HIGH_BIT_MODES:
        # High-bit-depth greyscale: scale to 8 bits before turning it into RGB.
        upright = upright.convert("I").point(lambda value: value / 256).convert("L")
    clean = upright if upright.mode == target else upright.convert(target)
    return clean, alpha


def _encode(image, *, alpha, icc_profile):
    output = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if alpha:
        image.save(output, "PNG", optimize=True, **options)
        extension = "png"
    else:
        image.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **options)
        extension = "jpg"
    # A fresh random name for every file: the uploaded name may carry personal details, and one
    # rendition's address does not give away another's.
    return Rendition(
        file=ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}"),
        width=image.size[0],
        height=image.size[1],
    )


def image_reencode(
    upload, *, max_bytes, max_pixels, sizes, max_decode_bytes=IMAGE_MAX_DECODE_BYTES
):
    """Clean copies of `upload`, one per entry of `sizes` ({name: longest side in pixels, or None
    to keep the size}), in the same order: orientation applied, all metadata dropped (EXIF with
    GPS and camera, XMP, comments; only an RGB colour profile is kept, since the colours depend on
    it), never enlarged; JPEG, or PNG when the photo has transparency.

    Refuses (ImageRejected) whatever `image_check` refuses, photos whose decoding would hold more
    than `max_decode_bytes` of pixels at once, and files that cannot be decoded.
    """
    image = _open(_read(upload, max_bytes), max_pixels)
    largest = _largest_side(sizes)
    try:
        source_mode = image.mode
        icc_profile = image.info.get("icc_profile") if source_mode in RGB_MODES else None
        if largest:
            # JPEG can decode straight at a reduced scale, which keeps large photos cheap.
            image.draft(None, _draft_box(image.size, largest))
        _check_memory(image, largest, max_pixels, max_decode_bytes)
        clean, alpha = _upright_clean(image, largest)
    except ImageRejected:
        raise
    except Exception:  # truncated or malformed data, found while decoding
        raise _reject("damaged") from None
    finally:
        image.close()

    clean.info = {}  # nothing of the source travels with the pixels
    renditions = {}
    # Largest first, each smaller one made from the one before: cheaper than from the source.
    current = clean
    for name, side in sorted(sizes.items(), key=lambda item: -(item[1] or float("inf"))):
        if side and max(current.size) > side:
            current = current.copy()
            current.thumbnail((side, side), Image.Resampling.LANCZOS)
        renditions[name] = _encode(current, alpha=alpha, icc_profile=icc_profile)
    return {name: renditions[name] for name in sizes}
