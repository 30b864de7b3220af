"""The one service that moves a festival through its lifecycle (plan and report steps alike),
following the table of events.lifecycle, and the date change of a scheduled festival."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.enums import Role
from core.errors import ServiceError, require
from events.enums import TransitionAction
from events.lifecycle import PLANNER, SUPERVISOR, TRANSITIONS
from events.models import Festival
from events.services.history import record_transition
from events.services.plan import festival_slug
from notifications.services import notifications_send

REASON_REQUIRED = gettext_lazy("Give a reason: it is shown to the commune and kept in the history.")


# Who is told of a step, by the role they hold over the festival's host unit.
AUDIENCE_ROLES = {PLANNER: Role.COMMUNE_OFFICIAL, SUPERVISOR: Role.DISTRICT_STAFF}


def _tell(festival, *, user, action, audience, reason="", details=None):
    """Notify the officials (PLANNER) and/or the supervising staff (SUPERVISOR) whose scope
    covers the festival's host unit that `user` took the step `action`."""
    if audience:
        notifications_send(
            kind=action,
            festival=festival,
            actor=user,
            roles={AUDIENCE_ROLES[who] for who in audience},
            reason=reason,
            details=details,
        )


def _locked(festival):
    return Festival.objects.select_for_update().select_related("host_unit").get(pk=festival.pk)


@transaction.atomic
def festival_transition(*, festival, user, action, reason="", details=None):
    """Take the step `action` of the transition table: check the permission (role, scope and the
    festival's state, on the locked row), the reason when one is required and what the step
    needs first; then change the status, bump the version, write the history and the step's
    side effect, and notify those the step concerns. Returns the festival as saved."""
    transition = TRANSITIONS[TransitionAction(action)]
    reason = (reason or "").strip()
    current = _locked(festival)
    require(user, transition.perm, current, transition.refusal)
    if transition.needs_reason and not reason:
        raise ServiceError(str(REASON_REQUIRED), field="reason")
    if transition.check is not None:
        problems = transition.check(current)
        if problems:
            raise ServiceError(*problems)
    from_status = current.effective_status
    current.status = transition.target
    current.version += 1
    current.save(update_fields=["status", "version", "updated_at", "search_text"])
    record_transition(
        current,
        user=user,
        action=transition.action,
        from_status=from_status,
        reason=reason,
        details=details,
    )
    if transition.after is not None:
        transition.after(current, reason)
    _tell(current, user=user, action=transition.action, audience=transition.notify, reason=reason)
    return current


def festival_submit(*, festival, user):
    """draft/postponed → submitted, once the plan has a date, a venue and a programme."""
    return festival_transition(festival=festival, user=user, action=TransitionAction.SUBMIT)


def festival_approve(*, festival, user):
    """submitted → scheduled: the festival is announced publicly."""
    return festival_transition(festival=festival, user=user, action=TransitionAction.APPROVE)


def festival_return(*, festival, user, reason):
    """submitted → draft, with the reason the commune has to address."""
    return festival_transition(
        festival=festival, user=user, action=TransitionAction.RETURN, reason=reason
    )


def festival_cancel(*, festival, user, reason):
    """Any state before held → cancelled."""
    return festival_transition(
        festival=festival, user=user, action=TransitionAction.CANCEL, reason=reason
    )


def festival_postpone(*, festival, user, reason):
    """Any state before held → postponed; the commune may then re-plan and submit again."""
    return festival_transition(
        festival=festival, user=user, action=TransitionAction.POSTPONE, reason=reason
    )


def report_submit(*, festival, user):
    """held → report_submitted, once the report has a summary, the attendance and described photos."""
    return festival_transition(festival=festival, user=user, action=TransitionAction.SUBMIT_REPORT)


def report_return(*, festival, user, reason):
    """report_submitted → held, with the reason the commune has to address (kept as review notes)."""
    return festival_transition(
        festival=festival, user=user, action=TransitionAction.RETURN_REPORT, reason=reason
    )


def report_publish(*, festival, user):
    """report_submitted → published: the report appears on the public site and in the feed."""
    return festival_transition(festival=festival, user=user, action=TransitionAction.PUBLISH)


@transaction.atomic
def festival_reschedule(*, festival, user, starts_at, ends_at, reason):
    """Move a scheduled festival's date (its state stays); the old and new dates and the reason go
    into the history, and the host commune's officials are told."""
    if not reason or not reason.strip():
        raise ServiceError(str(REASON_REQUIRED), field="reason")
    if not starts_at or not ends_at or ends_at <= starts_at:
        raise ServiceError(_("The festival must end after it starts."), field="ends_at")
    current = _locked(festival)
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
        current.slug = festival_slug(host_unit=current.host_unit, year=year, exclude_pk=current.pk)
    current.version += 1
    current.save()
    record_transition(
        current,
        user=user,
        action=TransitionAction.RESCHEDULE,
        from_status=current.status,
        reason=reason.strip(),
        details=details,
    )
    _tell(
        current,
        user=user,
        action=TransitionAction.RESCHEDULE,
        audience={PLANNER},
        reason=reason.strip(),
        details=details,
    )
    return current
