"""The district's review of what the commune adds to or changes on a published report: photos
and documents waiting (`review_state` pending), changes to approved photos kept aside
(`pending_changes`). Approving makes them public; turning them down keeps them off the public
page, with a reason the commune reads on the festival page. Who may review: events.rules,
"events.review_media". Every change is a saved row, so it is in the audit trail.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.errors import NotAllowed, ServiceError
from events.enums import ReviewState
from events.models import FestivalDocument, FestivalPhoto
from events.photos import REVIEWED_PHOTO_FIELDS, _locked, _photo_files_move, photo_is_shown

# What the review pages call each kind of row in their addresses.
REVIEWABLE = {"photo": FestivalPhoto, "document": FestivalDocument}


def _require_review(user, festival):
    if not user.has_perm("events.review_media", festival):
        raise NotAllowed(
            _("Only the supervising staff may approve the photos and documents of this festival.")
        )


def _current(item, festival):
    try:
        return type(item).objects.select_for_update().get(pk=item.pk, festival=festival)
    except type(item).DoesNotExist:
        raise ServiceError(_("This has been deleted in the meantime.")) from None


def _waiting_or_refuse(item):
    if not item.waits_for_review:
        raise ServiceError(_("Nothing here waits for review any more; the page was out of date."))


@transaction.atomic
def festival_media_approve(*, item, user):
    """Approve a waiting photo or document (it becomes public if it is marked public) or the
    changes waiting on an approved photo (they replace what the public sees)."""
    festival = _locked(item.festival)
    _require_review(user, festival)
    current = _current(item, festival)
    _waiting_or_refuse(current)
    changed = ["review_state", "review_reason"]
    if isinstance(current, FestivalPhoto):
        values = {
            name: value
            for name, value in current.pending_changes.items()
            if name in REVIEWED_PHOTO_FIELDS
        }
        is_public = values.get("is_public", current.is_public)
        if is_public and not values.get("alt_text", current.alt_text).strip():
            raise ServiceError(
                _(
                    "This photo has no alternative text yet. It can be approved once the "
                    "commune has described it, or turned down with that reason."
                )
            )
        for name, value in values.items():
            setattr(current, name, value)
        changed += [*values, "pending_changes"]
        current.pending_changes = {}
    current.review_state, current.review_reason = ReviewState.APPROVED, ""
    if isinstance(current, FestivalPhoto):
        changed += _photo_files_move(current, private=not photo_is_shown(current))
    current.save(update_fields=list(dict.fromkeys(changed)))
    return current


@transaction.atomic
def festival_media_reject(*, item, user, reason):
    """Turn down a waiting photo or document (it stays off the public page, marked not
    approved) or the changes waiting on an approved photo (they are dropped; the public keeps
    seeing what it saw). `reason` is required: the commune reads it."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(_("Give the reason, so that the commune knows what to change."))
    festival = _locked(item.festival)
    _require_review(user, festival)
    current = _current(item, festival)
    _waiting_or_refuse(current)
    changed = ["review_reason"]
    if current.review_state == ReviewState.PENDING:
        current.review_state = ReviewState.REJECTED
        changed.append("review_state")
    else:
        current.pending_changes = {}
        changed.append("pending_changes")
    current.review_reason = reason
    current.save(update_fields=changed)
    return current


# Reads ----------------------------------------------------------------------------------------


@dataclass
class MediaReview:
    """A festival's photos and documents waiting for the district, and those it turned down
    (with their reasons) that the commune has not changed since."""

    waiting: list = field(default_factory=list)
    turned_down: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.waiting or self.turned_down)


def photos_waiting_q(prefix=""):
    """Photos waiting for review; `prefix` names them through a relation ("photos__")."""
    return Q(**{f"{prefix}review_state": ReviewState.PENDING}) | ~Q(
        **{f"{prefix}pending_changes": {}}
    )


def documents_waiting_q(prefix=""):
    return Q(**{f"{prefix}review_state": ReviewState.PENDING})


def festival_media_review(festival):
    """What of `festival`'s photos and documents waits for review or was turned down
    (two queries)."""
    photos = FestivalPhoto.objects.filter(festival=festival).filter(
        photos_waiting_q() | ~Q(review_reason="")
    )
    documents = FestivalDocument.objects.filter(festival=festival).filter(
        documents_waiting_q() | ~Q(review_reason="")
    )
    review = MediaReview()
    for item in [*photos.order_by("order", "pk"), *documents.order_by("date", "pk")]:
        item.festival = festival
        item.review_kind = "photo" if isinstance(item, FestivalPhoto) else "document"
        item.change_rows = _change_rows(item)
        (review.waiting if item.waits_for_review else review.turned_down).append(item)
    return review


def _shown_value(name, value):
    if name == "is_public":
        return _("public") if value else _("not public")
    return value or "—"


def _change_rows(item):
    """[(field label, value now, value asked for)] of a photo's changes waiting for review."""
    return [
        (
            capfirst(item._meta.get_field(name).verbose_name),
            _shown_value(name, getattr(item, name)),
            _shown_value(name, value),
        )
        for name, value in (getattr(item, "pending_changes", None) or {}).items()
        if name in REVIEWED_PHOTO_FIELDS
    ]
