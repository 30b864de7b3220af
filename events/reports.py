"""The report after the festival: written and submitted by the host commune, returned or
published by supervising staff (held → report_submitted → published, or back to held)."""

import rules
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendees.enums import DelegateStatus
from core.errors import ServiceError, Stale, require
from events.enums import FestivalStatus, TransitionAction
from events.models import Direction, Festival, FestivalReport
from events.photos import photos_missing_alt_text
from events.rules import is_host_commune_official, is_supervising_staff
from events.services import _transition

REPORT_FIELDS = [
    "summary",
    "results",
    "attendance",
    "organisations_present",
    "highlights",
    "author_credit",
]
DIRECTION_FIELDS = ["text", "owner", "due_on"]


@rules.predicate
def is_held(_user, festival):
    return festival is not None and festival.effective_status == FestivalStatus.HELD


@rules.predicate
def is_report_submitted(_user, festival):
    return festival is not None and festival.status == FestivalStatus.REPORT_SUBMITTED


rules.add_perm("events.write_report", is_host_commune_official & is_held)
rules.add_perm("events.publish_report", is_supervising_staff & is_report_submitted)


def report_problems(festival):
    """What keeps the report of `festival` from being submitted or published (empty when ready)."""
    problems = []
    report = FestivalReport.objects.filter(festival=festival).first()
    if report is None or not report.summary.strip():
        problems.append(_("Write the summary of the festival."))
    if report is None or report.attendance is None:
        problems.append(_("Give the number of people who attended."))
    missing = photos_missing_alt_text(festival).count()
    if missing:
        problems.append(
            _("Describe every public photo (alternative text): %(count)s still missing.")
            % {"count": missing}
        )
    return problems


@transaction.atomic
def report_save(*, festival, user, version, data, directions=(), attended=()):
    """Save the report, its directions and which delegates attended (optimistic locking on the
    festival's version: a stale form overwrites nothing)."""
    current = Festival.objects.select_for_update().select_related("host_unit").get(pk=festival.pk)
    require(
        user,
        "events.write_report",
        current,
        _("Only the host commune writes the report of a held festival."),
    )
    if current.version != version:
        raise Stale(
            _(
                "Someone else saved this report while you were editing it. Nothing was saved: open it again to see their changes, then make yours."
            )
        )
    report, _created = FestivalReport.objects.get_or_create(festival=current)
    for field in REPORT_FIELDS:
        value = data.get(field)
        setattr(report, field, value if field == "attendance" else (value or ""))
    report.save()

    existing = {d.pk: d for d in current.directions.all()}
    kept = set()
    for position, row in enumerate(directions, start=1):
        direction = existing.get(row.get("id")) or Direction(festival=current)
        for field in DIRECTION_FIELDS:
            setattr(
                direction, field, row.get(field) if field == "due_on" else (row.get(field) or "")
            )
        direction.order = position
        direction.save()
        kept.add(direction.pk)
    current.directions.exclude(pk__in=kept).delete()

    attended_ids = {int(pk) for pk in attended}
    for delegate in current.delegates.all():
        wanted = (
            DelegateStatus.ATTENDED
            if delegate.pk in attended_ids
            else (
                DelegateStatus.CONFIRMED
                if delegate.status == DelegateStatus.ATTENDED
                else delegate.status
            )
        )
        if delegate.status != wanted:
            delegate.status = wanted
            delegate.save()
    if current.status == FestivalStatus.SCHEDULED:
        # It has ended (the permission says so): make the held state explicit.
        current.status = FestivalStatus.HELD
    current.version += 1
    current.save()
    return current


def report_submit(*, festival, user):
    """held → report_submitted, once the report has a summary, the attendance and described photos."""
    festival = Festival.objects.select_related("host_unit").get(pk=festival.pk)
    require(
        user,
        "events.write_report",
        festival,
        _("Only the host commune submits the report of a held festival."),
    )
    problems = report_problems(festival)
    if problems:
        raise ServiceError(*problems)
    current = _transition(
        festival,
        user=user,
        perm="events.write_report",
        refusal=_("This report cannot be submitted now."),
        action=TransitionAction.SUBMIT_REPORT,
        to_status=FestivalStatus.REPORT_SUBMITTED,
    )
    FestivalReport.objects.filter(festival=current).update(submitted_at=timezone.now())
    return current


def report_return(*, festival, user, reason):
    """report_submitted → held, with the reason the commune has to address."""
    if not (reason or "").strip():
        raise ServiceError(_("Give a reason: it is shown to the commune and kept in the history."))
    current = _transition(
        festival,
        user=user,
        perm="events.publish_report",
        refusal=_("Only supervising staff can return a submitted report."),
        action=TransitionAction.RETURN_REPORT,
        to_status=FestivalStatus.HELD,
        reason=reason.strip(),
    )
    FestivalReport.objects.filter(festival=current).update(review_notes=reason.strip())
    return current


def report_publish(*, festival, user):
    """report_submitted → published: the report appears on the public site and in the feed."""
    festival = Festival.objects.select_related("host_unit").get(pk=festival.pk)
    require(
        user,
        "events.publish_report",
        festival,
        _("Only supervising staff can publish a submitted report."),
    )
    problems = report_problems(festival)
    if problems:
        raise ServiceError(*problems)
    current = _transition(
        festival,
        user=user,
        perm="events.publish_report",
        refusal=_("This report cannot be published now."),
        action=TransitionAction.PUBLISH,
        to_status=FestivalStatus.PUBLISHED,
    )
    FestivalReport.objects.filter(festival=current).update(published_at=timezone.now())
    return current
