"""Photos and documents of a held festival: every write, and the reads (who may change them:
events.rules, "events.manage_photos").

Once the report is published, what the commune adds waits for the district's approval
(`review_state` pending) and what it changes on an approved photo is kept aside
(`pending_changes`); the public sees a photo or document only once it is approved, and a
change only once the district accepts it (events.reviews). Hiding a photo or deleting one
takes effect at once: it never makes anything public.

Photos are checked by core.images from their header when they are uploaded and kept as they
came, privately, until a worker (events.tasks) has re-encoded them (no metadata, no GPS position
leaves the server) into three renditions: `image` (at most PHOTO_SIZES["image"] pixels), `large`
and `thumbnail`; the visitors see a photo only once they exist. Documents are PDF files, checked
by their content.
"""

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core import jobs
from core.errors import FileRejected, NotAllowed, ServiceError
from core.files import pdf_check, random_file_name
from core.images import ImageRejected, image_check, image_reencode
from core.storage import PRIVATE_PREFIX, is_private_name
from core.tasks import enqueue
from events.enums import DocumentKind, FestivalStatus, ReviewState
from events.models import Festival, FestivalDocument, FestivalPhoto, _photo_path
from events.states import HELD_OR_LATER

# Longest side of each stored file; the full-size copy is capped too, so that a 60-megapixel
# upload does not keep hundreds of megabytes of pixels around.
PHOTO_SIZES = {"image": 4096, "large": 1600, "thumbnail": 400}
PHOTO_TEXT_FIELDS = ("caption", "alt_text", "credit")
# What the commune's changes to an approved photo of a published report may hold.
REVIEWED_PHOTO_FIELDS = (*PHOTO_TEXT_FIELDS, "is_public")
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# Permissions and checks ---------------------------------------------------------------------


def festival_takes_photos(festival):
    """True once `festival` has been held (a scheduled festival whose end has passed counts)."""
    return festival.effective_status in HELD_OR_LATER


def _require_manage(user, festival):
    if not user.has_perm("events.manage_photos", festival):
        raise NotAllowed(
            _(
                "Only officials of the host commune and the supervising staff may change the "
                "photos and documents of this festival."
            )
        )
    if not festival_takes_photos(festival):
        raise ServiceError(
            _(
                "Photos and documents are added once the festival has been held; "
                "this festival is %(status)s."
            )
            % {"status": festival.get_effective_status_display()}
        )


def needs_review(user, festival):
    """True when what `user` adds to or changes on `festival` waits for the district: the
    report is published and the user may not review it (a commune official)."""
    return festival.status == FestivalStatus.PUBLISHED and not user.has_perm(
        "events.review_media", festival
    )


def photo_is_shown(photo):
    """True when the public sees the photo: public and approved."""
    return photo.is_public and photo.review_state == ReviewState.APPROVED


def _locked(festival):
    """`festival` read again and locked, so that concurrent uploads queue up behind each other."""
    return Festival.objects.select_for_update().select_related("host_unit").get(pk=festival.pk)


def _clean_text(model, values):
    """`values` stripped, or ServiceError when one is longer than its column allows."""
    cleaned = {}
    for name, value in values.items():
        value = (value or "").strip()
        field = model._meta.get_field(name)
        if field.max_length and len(value) > field.max_length:
            raise ServiceError(
                _("%(field)s may be at most %(limit)s characters long.")
                % {"field": capfirst(field.verbose_name), "limit": field.max_length}
            )
        cleaned[name] = value
    return cleaned


def _delete_files_later(storage, names):
    """Remove files once the deletion of their row is committed (never before)."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: [storage.delete(name) for name in names])


def _actor(user):
    return user if getattr(user, "pk", None) else None


# Photos ---------------------------------------------------------------------------------------

PHOTO_FILE_FIELDS = ("image", "large", "thumbnail")


def _photo_files_move(photo, *, private):
    """Move the photo's files to the private side (or back) under new random names, so that an
    address known while it was public no longer answers; returns the fields changed. The old
    files are removed once the change is committed."""
    moved, old_names = [], []
    for field_name in PHOTO_FILE_FIELDS:
        field = getattr(photo, field_name)
        if not field or is_private_name(field.name) == private:
            continue
        extension = field.name.rsplit(".", 1)[-1]
        target = _photo_path(photo, random_file_name(extension))
        if private:
            target = PRIVATE_PREFIX + target
        with field.storage.open(field.name, "rb") as handle:
            saved = field.storage.save(target, ContentFile(handle.read()))
        old_names.append(field.name)
        field.name = saved
        moved.append(field_name)
    _delete_files_later(photo.image.storage, old_names)
    return moved


# The file extension of an original, by the format its content was found to be.
ORIGINAL_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITIONS_JOB_KIND = "events.photo_renditions"


def festival_photo_add(*, festival, user, upload, caption="", alt_text="", credit=""):
    """Add `upload` as the last photo of `festival`, public, and queue the making of its
    renditions (events.tasks; at once when tasks run eagerly). The file is checked from its
    header (format, bytes, pixels, the memory its re-encoding needs) and kept as it came, in
    private storage, until the renditions are made; the photo is shown to no visitor before.
    Added by the commune to a published report, it waits for review.

    Raises FileRejected when the file is not an acceptable photo, ServiceError otherwise.
    """
    from events.tasks import photo_renditions_task

    _require_manage(user, festival)
    text = _clean_text(FestivalPhoto, {"caption": caption, "alt_text": alt_text, "credit": credit})
    try:
        header = image_check(
            upload,
            max_bytes=settings.PHOTO_MAX_BYTES,
            max_pixels=settings.PHOTO_MAX_PIXELS,
            sizes=PHOTO_SIZES,
        )
    except ImageRejected as error:
        raise FileRejected(*error.messages) from None

    storage = FestivalPhoto._meta.get_field("original").storage
    stored = []
    try:
        with transaction.atomic():
            current = _locked(festival)
            _require_manage(user, current)
            last = current.photos.aggregate(last=Max("order"))["last"] or 0
            photo = FestivalPhoto(
                festival=current, order=last + 1, uploaded_by=_actor(user), **text
            )
            if needs_review(user, current):
                photo.review_state = ReviewState.PENDING
            # A random name: the uploaded one may carry personal details.
            name = random_file_name(ORIGINAL_EXTENSIONS[header.format])
            photo.original.save(name, upload, save=False)
            stored.append(photo.original.name)
            photo.renditions_job = jobs.job_create(
                kind=RENDITIONS_JOB_KIND,
                label=_("Sizes of a photo of %(festival)s") % {"festival": current.title},
                owner=user,
            )
            photo.save()
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    # Sent once the upload is committed; run here and now when there is no broker.
    enqueue(photo_renditions_task, job=photo.renditions_job, photo_id=photo.pk)
    photo.refresh_from_db()
    return photo


def festival_photo_renditions_make(*, photo_id):
    """Make the renditions of the photo `photo_id` from its original: upright, without
    metadata, `image`, `large` and `thumbnail` (PHOTO_SIZES), on the public side when the
    public sees the photo, else private; the original is removed once they are committed.
    Does nothing for a photo deleted meanwhile or whose renditions exist (a task delivered
    twice makes them once). Returns a message for the job.

    Raises FileRejected when the photo cannot be decoded (the uploader reads why).
    """
    photo = FestivalPhoto.objects.filter(pk=photo_id).first()
    if photo is None or photo.image:
        return _("Nothing to do: the photo is deleted or its sizes are made.")
    if not photo.original:
        raise ServiceError(_("The uploaded file of this photo is missing; upload it again."))
    with photo.original.open("rb") as handle:
        content = ContentFile(handle.read())
    try:
        renditions = image_reencode(
            content,
            max_bytes=settings.PHOTO_MAX_BYTES,
            max_pixels=settings.PHOTO_MAX_PIXELS,
            sizes=PHOTO_SIZES,
        )
    except ImageRejected as error:
        raise FileRejected(*error.messages) from None

    storage = FestivalPhoto._meta.get_field("image").storage
    stored = []
    try:
        with transaction.atomic():
            # Locked, so that the side (public or private) chosen below is still right when
            # the files are saved, whatever the commune or the district changes meanwhile.
            current = FestivalPhoto.objects.select_for_update().filter(pk=photo_id).first()
            if current is None or current.image:
                return _("Nothing to do: the photo is deleted or its sizes are made.")
            for field, rendition in renditions.items():
                name = _photo_path(current, rendition.file.name)
                if not photo_is_shown(current):
                    name = PRIVATE_PREFIX + name
                setattr(current, field, storage.save(name, rendition.file))
                stored.append(getattr(current, field).name)
            current.width, current.height = renditions["image"].width, renditions["image"].height
            original, current.original = current.original.name, ""
            # Work of the server, not a person's change: kept out of the photo's history.
            with disable_auditlog():
                current.save(update_fields=[*PHOTO_FILE_FIELDS, "width", "height", "original"])
            _delete_files_later(storage, [original])
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    return _("The sizes of the photo are made.")


def _photos_in_order(festival):
    return list(FestivalPhoto.objects.filter(festival=festival).order_by("order", "pk"))


def _renumber(photos):
    """Give `photos` the orders 1, 2, 3… in the order given, saving only those that move
    (one by one, so that each change is in the audit trail)."""
    for position, photo in enumerate(photos, start=1):
        if photo.order != position:
            photo.order = position
            photo.save(update_fields=["order"])


def _current_photo(photo, festival):
    try:
        return FestivalPhoto.objects.select_for_update().get(pk=photo.pk, festival=festival)
    except FestivalPhoto.DoesNotExist:
        raise ServiceError(_("This photo has been deleted in the meantime.")) from None


@transaction.atomic
def festival_photo_update(
    *, photo, user, caption=None, alt_text=None, credit=None, order=None, is_public=None
):
    """Change a photo's caption, alternative text, credit, public flag and position (`order`:
    1 for the first photo; the others move up or down). None leaves a value as it is.

    On an approved photo of a published report, the commune's changes are kept in
    `pending_changes` for the district (hiding the photo still applies at once); on a photo not
    yet approved they apply, and a photo the district turned down goes back for review."""
    festival = _locked(photo.festival)
    _require_manage(user, festival)
    current = _current_photo(photo, festival)
    given = {"caption": caption, "alt_text": alt_text, "credit": credit}
    changes = _clean_text(FestivalPhoto, {k: v for k, v in given.items() if v is not None})
    if is_public is not None:
        changes["is_public"] = bool(is_public)
    changed = []
    if needs_review(user, festival):
        if current.review_state == ReviewState.APPROVED:
            changes, changed = _photo_changes_set_aside(current, changes)
        elif current.review_state == ReviewState.REJECTED:
            current.review_state, current.review_reason = ReviewState.PENDING, ""
            changed += ["review_state", "review_reason"]
    changed += [name for name, value in changes.items() if getattr(current, name) != value]
    for name in changed:
        if name in changes:
            setattr(current, name, changes[name])
    if "is_public" in changed:
        changed += _photo_files_move(current, private=not photo_is_shown(current))
    if changed:
        current.save(update_fields=changed)
    if order is not None:
        others = [p for p in _photos_in_order(festival) if p.pk != current.pk]
        position = min(max(int(order), 1), len(others) + 1)
        others.insert(position - 1, current)
        _renumber(others)
    return current


def _photo_changes_set_aside(photo, changes):
    """Split the commune's `changes` to an approved `photo`: those that apply at once (hiding
    it) are returned; the others replace `photo.pending_changes` (those equal to what is stored
    dropped). Returns (changes to apply, fields already changed on `photo`)."""
    apply_now = {}
    if changes.get("is_public") is False:
        apply_now["is_public"] = False
    proposed = {**photo.pending_changes, **changes}
    if apply_now:
        proposed.pop("is_public", None)
    pending = {
        name: value
        for name, value in proposed.items()
        if name in REVIEWED_PHOTO_FIELDS and getattr(photo, name) != value
    }
    changed = []
    if pending != photo.pending_changes:
        photo.pending_changes = pending
        changed.append("pending_changes")
        if photo.review_reason:
            photo.review_reason = ""
            changed.append("review_reason")
    return apply_now, changed


@transaction.atomic
def festival_photos_reorder(*, festival, user, photo_ids):
    """Put the photos of `festival` in the order of `photo_ids`, which must name each of them
    once; nothing changes otherwise."""
    current = _locked(festival)
    _require_manage(user, current)
    photos = {p.pk: p for p in _photos_in_order(current)}
    try:
        ids = [int(pk) for pk in photo_ids]
    except (TypeError, ValueError):
        ids = None
    if ids is None or len(ids) != len(set(ids)) or set(ids) != set(photos):
        raise ServiceError(
            _(
                "The photos changed while you were ordering them. Nothing was moved: "
                "look at the list again and try once more."
            )
        )
    _renumber([photos[pk] for pk in ids])
    return [photos[pk] for pk in ids]


@transaction.atomic
def festival_photo_delete(*, photo, user):
    """Delete a photo; its files (all renditions) are removed once the deletion is committed."""
    festival = _locked(photo.festival)
    _require_manage(user, festival)
    current = _current_photo(photo, festival)
    names = [current.original.name, *(getattr(current, f).name for f in PHOTO_FILE_FIELDS)]
    current.delete()
    _delete_files_later(FestivalPhoto._meta.get_field("image").storage, names)


# Documents ------------------------------------------------------------------------------------


def festival_document_add(
    *, festival, user, upload, kind, title, number="", date=None, issuer="", is_public=True
):
    """Add a PDF document (plan, report, decision, speech, minutes) to `festival`; added by the
    commune to a published report, it waits for the district's review.

    Raises FileRejected when the file is not a PDF or too large, ServiceError otherwise.
    """
    _require_manage(user, festival)
    if kind not in DocumentKind.values:
        raise ServiceError(_("Choose what kind of document this is."))
    text = _clean_text(FestivalDocument, {"title": title, "number": number, "issuer": issuer})
    if not text["title"]:
        raise ServiceError(_("Give the document a title."))
    if date and date > timezone.localdate():
        raise ServiceError(_("The document's date cannot be in the future."))
    pdf_check(upload, max_bytes=DOCUMENT_MAX_BYTES)

    storage = FestivalDocument._meta.get_field("file").storage
    stored = []
    try:
        with transaction.atomic():
            current = _locked(festival)
            _require_manage(user, current)
            document = FestivalDocument(
                festival=current, kind=kind, date=date or None, is_public=bool(is_public), **text
            )
            if needs_review(user, current):
                document.review_state = ReviewState.PENDING
            # A random name: the uploaded one may carry personal details.
            document.file.save(random_file_name("pdf"), upload, save=False)
            stored.append(document.file.name)
            document.save()
    except BaseException:
        for name in stored:
            storage.delete(name)
        raise
    return document


@transaction.atomic
def festival_document_delete(*, document, user):
    """Delete a document; its file is removed once the deletion is committed."""
    festival = _locked(document.festival)
    _require_manage(user, festival)
    try:
        current = FestivalDocument.objects.select_for_update().get(
            pk=document.pk, festival=festival
        )
    except FestivalDocument.DoesNotExist:
        raise ServiceError(_("This document has been deleted in the meantime.")) from None
    name = current.file.name
    current.delete()
    _delete_files_later(FestivalDocument._meta.get_field("file").storage, [name])


# Reads ----------------------------------------------------------------------------------------


def festival_photos(festival):
    """The photos of `festival` in their order, for the staff page (with the job making their
    renditions, which says whether they are processing or failed)."""
    return (
        FestivalPhoto.objects.filter(festival=festival)
        .select_related("renditions_job")
        .order_by("order", "pk")
    )


def festival_documents(festival):
    """The documents of `festival` by date (undated last), for the staff page."""
    return FestivalDocument.objects.filter(festival=festival).order_by("date", "pk")


def photos_missing_alt_text(festival):
    """Public photos of `festival` without alternative text: while there is one, the report
    cannot be published (and such a photo is not shown in the public gallery)."""
    return festival_photos(festival).filter(is_public=True, alt_text__regex=r"^\s*$")


def public_photos_prefetch():
    """For `prefetch_related`: the photos a visitor sees, in order, as `festival.public_photos`
    (public, approved, with their renditions and alternative text)."""
    return Prefetch(
        "photos",
        queryset=FestivalPhoto.objects.filter(is_public=True, review_state=ReviewState.APPROVED)
        .exclude(alt_text__regex=r"^\s*$")
        .exclude(image="")
        .exclude(large="")
        .exclude(thumbnail="")
        .order_by("order", "pk"),
        to_attr="public_photos",
    )


def public_documents_prefetch():
    """For `prefetch_related`: the public, approved documents, by date, as
    `festival.public_documents`."""
    return Prefetch(
        "documents",
        queryset=FestivalDocument.objects.filter(
            is_public=True, review_state=ReviewState.APPROVED
        ).order_by("date", "pk"),
        to_attr="public_documents",
    )
