"""Handing a stored file to the browser after the view has checked who may have it.

On object storage (STORAGE_URL) the answer is a redirect to an address of the private file
signed for STORAGE_PRIVATE_URL_SECONDS: the bucket sends the bytes. With
PRIVATE_MEDIA_ACCEL_PREFIX set (production behind nginx, files in a folder), the response only
names the file (X-Accel-Redirect) and nginx sends the bytes from its internal location;
otherwise the file is streamed by Django (development, tests).
"""

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect

from core.storage import PRIVATE_PREFIX, is_private_name, private_signed_url


def file_response(fieldfile, *, filename=None, attachment=False):
    """The response for `fieldfile` (a FieldFile) with its type, `nosniff`, and a download name;
    404 when the file is gone."""
    name = fieldfile.name
    if not name or not fieldfile.storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    filename = filename or PurePosixPath(name).name
    disposition = "attachment" if attachment else "inline"
    disposition = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    signed = private_signed_url(name, content_type=content_type, disposition=disposition)
    if signed:
        response = HttpResponseRedirect(signed)
        # The signed address is for this answer only: no cache keeps it.
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response
    prefix = getattr(settings, "PRIVATE_MEDIA_ACCEL_PREFIX", "")
    if prefix and is_private_name(name):
        # nginx's internal location maps the prefix onto PRIVATE_MEDIA_ROOT.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name[len(PRIVATE_PREFIX) :])
    else:
        response = FileResponse(fieldfile.open("rb"), content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
