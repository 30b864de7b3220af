"""Uploaded files other than photos (those are core.images): checks by content and stored names.

A file is judged by what it holds, never by its name or the type the browser claims, and is
stored under a random name, because the uploaded one may carry personal details.
"""

import uuid

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.errors import FileRejected

PDF_SIGNATURE = b"%PDF-"


def size_check(upload, *, max_bytes):
    """Raise FileRejected when `upload` is larger than `max_bytes` (a file of unknown size passes)."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise FileRejected(
            _("The file is %(size)s; documents may be at most %(limit)s MB.")
            % {"size": filesizeformat(size), "limit": max_bytes // 2**20}
        )


def pdf_check(upload, *, max_bytes):
    """Raise FileRejected unless `upload` is a PDF document (it starts with the `%PDF-` signature)
    of at most `max_bytes`; the file is left at its start either way."""
    size_check(upload, max_bytes=max_bytes)
    upload.seek(0)
    head = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    if head != PDF_SIGNATURE:
        raise FileRejected(
            _("This file is not a PDF document. Save the document as PDF and choose it again.")
        )


def random_file_name(extension):
    """A new random file name with `extension` ("pdf" or ".pdf"), e.g. "3f2b…9c.pdf"."""
    extension = extension.lstrip(".").lower()
    return f"{uuid.uuid4().hex}.{extension}" if extension else uuid.uuid4().hex
