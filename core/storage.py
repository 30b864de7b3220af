"""Where uploaded files live: public media (served by the web server at MEDIA_URL) or private
files (served only through a view that checks permission).

The default storage is `SplitStorage`: names under "private/" are kept in the "private" storage
(PRIVATE_MEDIA_ROOT, outside the public media folder) and their URL is the permission-checked
file view; every other name is in the "public" storage. A model makes a file private by its
upload path; a photo made private moves to the private side under a new name, so that its old
public address dies.

Both storages are folders by default, or the two sides of a bucket on S3-compatible object
storage (antq/object_storage.py): then a public file's URL is the bucket's, and a private file
is handed out, once the file view has checked permission, by a URL signed for a short while.
"""

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.urls import reverse
from django.utils.deconstruct import deconstructible

PRIVATE_PREFIX = "private/"


def is_private_name(name):
    return bool(name) and name.startswith(PRIVATE_PREFIX)


def private_file_url(name):
    """The permission-checked address of a private file."""
    return reverse("private-file", kwargs={"name": name})


def private_signed_url(name, *, content_type, disposition):
    """For the private file `name` on object storage, an address that lets its bearer fetch it
    for STORAGE_PRIVATE_URL_SECONDS, answered with `content_type` and `disposition`
    (Content-Disposition); None when private files are on the filesystem. Only for a caller
    that has checked who may have the file."""
    from storages.backends.s3 import S3Storage

    storage = storages["private"]
    if not is_private_name(name) or not isinstance(storage, S3Storage):
        return None
    return storage.url(
        name[len(PRIVATE_PREFIX) :],
        parameters={
            "ResponseContentType": content_type,
            "ResponseContentDisposition": disposition,
        },
        expire=settings.STORAGE_PRIVATE_URL_SECONDS,
    )


@deconstructible(path="core.storage.SplitStorage")
class SplitStorage(Storage):
    """Public names in the default storage, names under "private/" in the private storage."""

    def _pick(self, name):
        if is_private_name(name):
            return storages["private"], name[len(PRIVATE_PREFIX) :], PRIVATE_PREFIX
        return storages["public"], name, ""

    def _open(self, name, mode="rb"):
        storage, inner, _prefix = self._pick(name)
        return storage.open(inner, mode)

    def _save(self, name, content):
        storage, inner, prefix = self._pick(name)
        return prefix + storage.save(inner, content)

    def get_available_name(self, name, max_length=None):
        storage, inner, prefix = self._pick(name)
        return prefix + storage.get_available_name(inner, max_length=max_length)

    def generate_filename(self, filename):
        storage, inner, prefix = self._pick(filename)
        return prefix + storage.generate_filename(inner)

    def delete(self, name):
        storage, inner, _prefix = self._pick(name)
        storage.delete(inner)

    def exists(self, name):
        storage, inner, _prefix = self._pick(name)
        return storage.exists(inner)

    def size(self, name):
        storage, inner, _prefix = self._pick(name)
        return storage.size(inner)

    def path(self, name):
        storage, inner, _prefix = self._pick(name)
        return storage.path(inner)

    def url(self, name):
        if is_private_name(name):
            return private_file_url(name)
        return storages["public"].url(name)
