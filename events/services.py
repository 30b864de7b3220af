"""Every write to festivals: creating, editing (with optimistic locking) and the lifecycle."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from attendees.enums import DelegateStatus
from attendees.models import Delegate
from core.errors import ServiceError, Stale, require
from core.search import normalize_search_text
from events.enums import EDITABLE_STATUSES, FestivalStatus, TransitionAction
from events.models import Festival, FestivalTransition, Organiser, ProgrammeItem
from events.showcase import festival_models_set

TEXT_FIELDS = {"title", "venue", "address", "pilot_level", "plan_number", "description"}
FESTIVAL_FIELDS = [
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "pilot_level",
    "plan_number",
    "expected_attendance",
    "description",
]
ORGANISER_FIELDS = ["name", "role"]
PROGRAMME_FIELDS = ["part", "time", "kind", "title", "speaker_name"]
DELEGATE_FIELDS = ["full_name", "position", "organisation", "category", "precedence", "status"]


def _record(festival, *, user, action, from_status, reason="", details=None):
    return FestivalTransition.objects.create(
        festival=festival,
        action=action,
        from_status=from_status or "",
        to_status=festival.status,
        user=user,
        reason=reason,
        details=details or {},
    )


def festival_slug(*, host_unit, year, exclude_pk=None):
    """A slug unique within the year: "phuong-dong-son", then "phuong-dong-son-2"."""
    base = slugify(normalize_search_text(host_unit.name)) or "ngay-hoi"
    taken = set(
        Festival.objects.filter(year=year, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _sync_rows(model, festival, rows, fields, *, order_field=None):
    """Make `festival`'s rows of `model` equal to `rows` (dicts with an optional `id`)."""
    existing = {obj.pk: obj for obj in model.objects.filter(festival=festival)}
    kept = []
    for position, row in enumerate(rows, start=1):
        obj = existing.get(row.get("id")) or model(festival=festival)
        changed = obj.pk is None
        for field in fields:
            if getattr(obj, field) != row.get(field):
                setattr(obj, field, row.get(field))
                changed = True
        if order_field and getattr(obj, order_field) != position:
            setattr(obj, order_field, position)
            changed = True
        if changed:
            obj.save()
        kept.append(obj)
    for obj in existing.values():
        if obj not in kept:
            obj.delete()
    return kept


def festivals_refresh_search_text(festival_ids):
    """Recompute the search column of festivals whose delegates or award recipients changed."""
    for festival in Festival.objects.filter(pk__in=set(festival_ids)).select_related(
        "host_unit__parent__parent"
    ):
        festival.save(update_fields=["search_text"])


def _sync_children(festival, *, organisers, programme, delegates):
    delegate_rows = _sync_rows(Delegate, festival, delegates, DELEGATE_FIELDS)
    _sync_rows(Organiser, festival, organisers, ORGANISER_FIELDS, order_field="order")
    items = _sync_rows(ProgrammeItem, festival, programme, PROGRAMME_FIELDS, order_field="order")
    # A speaker who is also on the delegate list is linked to that delegate.
    by_name = {normalize_search_text(d.full_name): d for d in delegate_rows}
    for item in items:
        speaker = by_name.get(normalize_search_text(item.speaker_name))
        if item.speaker_id != (speaker.pk if speaker else None):
            item.speaker = speaker
            item.save(update_fields=["speaker"])
    festival.save(update_fields=["search_text"])


def _set_fields(festival, data):
    for field in FESTIVAL_FIELDS:
        value = data.get(field)
        setattr(festival, field, (value or "") if field in TEXT_FIELDS else value)


def _set_models(festival, *, user, models):
    """Showcase `models` (None leaves the choice as it is); refusals become FestivalErrors."""
    if models is None:
        return
    try:
        festival_models_set(festival=festival, user=user, models=list(models))
    except ServiceError as error:
        raise ServiceError(*error.messages) from error


@transaction.atomic
def festival_create(
    *, user, host_unit, data, organisers=(), programme=(), delegates=(), models=None
):
    """Create a draft festival with its organisers, programme and delegates."""
    festival = Festival(host_unit=host_unit, created_by=user, status=FestivalStatus.DRAFT)
    _set_fields(festival, data)
    festival.year = data.get("year") or (
        festival.starts_at and timezone.localtime(festival.starts_at).year
    )
    require(user, "events.create", festival, _("Only commune officials create festivals."))
    require(user, "events.edit", festival, _("You may only plan festivals of your own commune."))
    festival.slug = festival_slug(host_unit=host_unit, year=festival.year)
    festival.save()
    _sync_children(festival, organisers=organisers, programme=programme, delegates=delegates)
    _set_models(festival, user=user, models=models)
    _record(festival, user=user, action=TransitionAction.CREATE, from_status="")
    return festival


@transaction.atomic
def festival_update(
    *,
    festival,
    user,
    version,
    data,
    host_unit=None,
    organisers=(),
    programme=(),
    delegates=(),
    models=None,
):
    """Save an edited plan, unless someone saved it since `version` was read (nothing is written then)."""
    current = Festival.objects.select_for_update().select_related("host_unit").get(pk=festival.pk)
    require(user, "events.edit", current, _("This festival can no longer be edited by you."))
    if current.version != version:
        raise Stale(
            _(
                "Someone else saved this festival while you were editing it. Nothing was saved: "
                "open it again to see their changes, then make yours."
            )
        )
    if host_unit is not None and host_unit.pk != current.host_unit_id:
        current.host_unit = host_unit
        require(user, "events.edit", current, _("You may only plan festivals of your own commune."))
    _set_fields(current, data)
    current.year = data.get("year") or current.year
    current.slug = festival_slug(
        host_unit=current.host_unit, year=current.year, exclude_pk=current.pk
    )
    current.version += 1
    current.save()
    _sync_children(current, organisers=organisers, programme=programme, delegates=delegates)
    _set_models(current, user=user, models=models)
    return current


def festival_submission_problems(festival):
    """What still keeps `festival` from being submitted, as messages (empty when ready)."""
    problems = []
    if not festival.starts_at or not festival.ends_at:
        problems.append(_("Give the date and time the festival starts and ends."))
    if not festival.venue:
        problems.append(_("Give the venue."))
    if not festival.programme_items.exists():
        problems.append(_("Add at least one programme item."))
    return problems


def _transition(
    festival, *, user, perm, refusal, action, to_status, reason="", details=None, needs_reason=False
):
    with transaction.atomic():
        current = (
            Festival.objects.select_for_update().select_related("host_unit").get(pk=festival.pk)
        )
        require(user, perm, current, refusal)
        if needs_reason and not (reason or "").strip():
            raise ServiceError(
                _("Give a reason: it is shown to the commune and kept in the history.")
            )
        from_status = current.effective_status
        current.status = to_status
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at", "search_text"])
        _record(
            current,
            user=user,
            action=action,
            from_status=from_status,
            reason=(reason or "").strip(),
            details=details,
        )
    return current


def festival_submit(*, festival, user):
    """draft/postponed → submitted, once the plan has a date, a venue and a programme."""
    festival = Festival.objects.select_related("host_unit").get(pk=festival.pk)
    require(
        user,
        "events.submit",
        festival,
        _("Only the host commune can submit a draft or postponed festival."),
    )
    problems = festival_submission_problems(festival)
    if problems:
        raise ServiceError(*problems)
    return _transition(
        festival,
        user=user,
        perm="events.submit",
        refusal=_("This festival cannot be submitted now."),
        action=TransitionAction.SUBMIT,
        to_status=FestivalStatus.SUBMITTED,
    )


def festival_approve(*, festival, user):
    """submitted → scheduled: the festival is announced publicly."""
    return _transition(
        festival,
        user=user,
        perm="events.approve",
        refusal=_("Only supervising staff can approve a submitted festival."),
        action=TransitionAction.APPROVE,
        to_status=FestivalStatus.SCHEDULED,
    )


def festival_return(*, festival, user, reason):
    """submitted → draft, with the reason the commune has to address."""
    return _transition(
        festival,
        user=user,
        perm="events.return",
        refusal=_("Only supervising staff can return a submitted festival."),
        action=TransitionAction.RETURN,
        to_status=FestivalStatus.DRAFT,
        reason=reason,
        needs_reason=True,
    )


def festival_cancel(*, festival, user, reason):
    """Any state before held → cancelled."""
    return _transition(
        festival,
        user=user,
        perm="events.cancel",
        refusal=_("This festival cannot be cancelled now."),
        action=TransitionAction.CANCEL,
        to_status=FestivalStatus.CANCELLED,
        reason=reason,
        needs_reason=True,
    )


def festival_postpone(*, festival, user, reason):
    """Any state before held → postponed; the commune may then re-plan and submit again."""
    return _transition(
        festival,
        user=user,
        perm="events.postpone",
        refusal=_("This festival cannot be postponed now."),
        action=TransitionAction.POSTPONE,
        to_status=FestivalStatus.POSTPONED,
        reason=reason,
        needs_reason=True,
    )


def festival_reschedule(*, festival, user, starts_at, ends_at, reason):
    """Move a scheduled festival's date; the old and new dates go into the history."""
    if not reason or not reason.strip():
        raise ServiceError(_("Give a reason: it is shown to the commune and kept in the history."))
    if not starts_at or not ends_at or ends_at <= starts_at:
        raise ServiceError(_("The festival must end after it starts."))
    with transaction.atomic():
        current = (
            Festival.objects.select_for_update().select_related("host_unit").get(pk=festival.pk)
        )
        require(
            user,
            "events.reschedule",
            current,
            _("Only supervising staff can move a scheduled festival."),
        )
        details = {
            "old_starts_at": current.starts_at.isoformat() if current.starts_at else None,
            "old_ends_at": current.ends_at.isoformat() if current.ends_at else None,
            "new_starts_at": starts_at.isoformat(),
            "new_ends_at": ends_at.isoformat(),
        }
        current.starts_at, current.ends_at = starts_at, ends_at
        year = timezone.localtime(starts_at).year
        if year != current.year:
            current.year = year
            current.slug = festival_slug(
                host_unit=current.host_unit, year=year, exclude_pk=current.pk
            )
        current.version += 1
        current.save()
        _record(
            current,
            user=user,
            action=TransitionAction.RESCHEDULE,
            from_status=current.status,
            reason=reason.strip(),
            details=details,
        )
    return current


@transaction.atomic
def festival_copy_previous(*, host_unit, user, year):
    """A new draft for `year` with the programme, organisers and delegates of the commune's latest
    earlier festival (delegates back to "invited"). Raises ServiceError when there is none."""
    from units.selectors import unit_predecessors

    unit_ids = [host_unit.pk, *[s.predecessor_id for s in unit_predecessors(host_unit)]]
    previous = (
        Festival.objects.filter(host_unit_id__in=unit_ids, year__lt=year)
        .exclude(status=FestivalStatus.CANCELLED)
        .order_by("-year", "-starts_at")
        .first()
    )
    if previous is None:
        raise ServiceError(_("This commune has no earlier festival to start from."))
    festival = festival_create(
        user=user,
        host_unit=host_unit,
        data={
            "year": year,
            "title": previous.title.replace(str(previous.year), str(year)),
            "venue": previous.venue,
            "address": previous.address,
            "pilot_level": previous.pilot_level,
            "expected_attendance": previous.expected_attendance,
            "description": previous.description,
        },
        organisers=[
            {f: getattr(o, f) for f in ORGANISER_FIELDS} for o in previous.organisers.all()
        ],
        programme=[
            {f: getattr(p, f) for f in PROGRAMME_FIELDS} for p in previous.programme_items.all()
        ],
        delegates=[
            {**{f: getattr(d, f) for f in DELEGATE_FIELDS}, "status": DelegateStatus.INVITED}
            for d in previous.delegates.all()
        ],
    )
    FestivalTransition.objects.filter(festival=festival, action=TransitionAction.CREATE).update(
        details={"copied_from": previous.pk}
    )
    return festival


def festival_is_editable(festival):
    return festival.status in EDITABLE_STATUSES
