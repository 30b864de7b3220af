"""Uploaded files other than photos (those are core.images): checks by content and stored names.

A file is judged by what it holds, never by its name or the type the browser claims, and is
stored under a random name, because the uploaded one may carry personal details.
"""

import logging
import uuid
import warnings

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader

from core.errors import FileRejected

PDF_SIGNATURE = b"%PDF-"
# pypdf reports what it repairs in damaged files at WARNING; the verdict is ours.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def size_check(upload, *, max_bytes):
    """Raise FileRejected when `upload` is larger than `max_bytes` (a file of unknown size passes)."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise FileRejected(
            _("The file is %(size)s; documents may be at most %(limit)s MB.")
            % {"size": filesizeformat(size), "limit": max_bytes // 2**20}
        )


def pdf_check(upload, *, max_bytes):
    """Raise FileRejected unless `upload` is a PDF document of at most `max_bytes`: it starts with
    the `%PDF-` signature and a PDF parser reads its pages (so an HTML page that merely starts
    with the signature is refused). The file is left at its start either way."""
    size_check(upload, max_bytes=max_bytes)
    upload.seek(0)
    head = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if head != PDF_SIGNATURE or not _pdf_has_pages(upload):
        raise FileRejected(
            _("This file is not a PDF document. Save the document as PDF and choose it again.")
        )


def _pdf_has_pages(upload):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(upload, strict=False)
            return len(reader.pages) > 0
    except Exception:  # any parse failure of untrusted bytes means "not a PDF we take"
        return False
    finally:
        upload.seek(0)


def random_file_name(extension):
    """A new random file name with `extension` ("pdf" or ".pdf"), e.g. "3f2b…9c.pdf"."""
    extension = extension.lstrip(".").lower()
    return f"{uuid.uuid4().hex}.{extension}" if extension else uuid.uuid4().hex
