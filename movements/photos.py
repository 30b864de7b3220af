"""Cover photos of movement models: checked by content, then re-encoded without metadata.

The checks read only the image header, so a decompression bomb (a small file that claims a huge
number of pixels) is refused before Pillow decodes a single pixel.
"""

import io
import uuid
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPT_ATTRIBUTE = "image/jpeg,image/png,image/webp"
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600
JPEG_QUALITY = 85

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


class PhotoRejected(ValidationError):
    pass


def _reject(code, **params):
    return PhotoRejected(MESSAGES[code], code=code, params=params or None)


def _read(upload):
    """The uploaded bytes (at most MAX_BYTES), leaving `upload` as it was found."""
    if upload.size is not None and upload.size > MAX_BYTES:
        raise _reject("bytes", size=filesizeformat(upload.size), limit=MAX_BYTES // 2**20)
    upload.seek(0)
    content = upload.read(MAX_BYTES + 1)
    upload.seek(0)
    if len(content) > MAX_BYTES:
        raise _reject("bytes", size=filesizeformat(len(content)), limit=MAX_BYTES // 2**20)
    return content


def _open(content):
    """Open `content` lazily (headers only) as one of the accepted formats."""
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that; treat the warning as a refusal.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            return Image.open(io.BytesIO(content), formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _reject("pixels", limit=MAX_PIXELS // 1_000_000) from None
        except Exception:  # any parse failure of untrusted bytes means "not a photo we take"
            raise _reject("format") from None


def photo_check(upload):
    """Refuse `upload` unless it is a JPEG, PNG or WebP image of acceptable size and pixel count.

    Reads the header only; nothing is decoded.
    """
    _check_header(_read(upload))


def _check_header(content):
    with _open(content) as image:
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise _reject("pixels", limit=MAX_PIXELS // 1_000_000)


def photo_prepare(upload):
    """A clean copy of `upload` to store: orientation applied, metadata (EXIF, GPS, comments)
    dropped, at most MAX_SIDE pixels on its longer side; JPEG, or PNG when it has transparency."""
    content = _read(upload)
    _check_header(content)
    image = _open(content)
    try:
        icc_profile = image.info.get("icc_profile")
        # JPEG can decode straight at a reduced scale, which keeps large photos cheap.
        image.draft(None, (MAX_SIDE, MAX_SIDE))
        upright = ImageOps.exif_transpose(image)
        has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
            upright.mode == "P" and "transparency" in upright.info
        )
        clean = upright.convert("RGBA" if has_alpha else "RGB")
        clean.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    except Exception:  # truncated or malformed data, found while decoding
        raise _reject("damaged") from None
    finally:
        image.close()
    clean.info = {}
    output = io.BytesIO()
    if has_alpha:
        clean.save(output, "PNG", optimize=True)
        extension = "png"
    else:
        options = {"icc_profile": icc_profile} if icc_profile else {}
        clean.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **options)
        extension = "jpg"
    # A fresh name: the uploaded one may carry personal details.
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
