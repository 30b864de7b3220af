"""The state a person sees a festival in, computed in one place (in Python and in SQL).

A scheduled festival whose end has passed is *held*, whatever the stored status says; the report
step makes that explicit. Everything that shows, filters, counts or checks a festival's state
goes through `effective_status` or `effective_status_q`.
"""

from django.db.models import Q
from django.utils import timezone

from events.enums import FestivalStatus

S = FestivalStatus
# States in which the commune may still change the plan.
EDITABLE = frozenset({S.DRAFT, S.POSTPONED})
BEFORE_HELD = frozenset({S.DRAFT, S.SUBMITTED, S.SCHEDULED})
# A festival takes photos, documents and a report once it has taken place.
HELD_OR_LATER = frozenset({S.HELD, S.REPORT_SUBMITTED, S.PUBLISHED})
# What the public reads: announcements of upcoming festivals and published reports.
PUBLIC = frozenset({S.SCHEDULED, S.PUBLISHED})


def effective_status(status, ends_at, now=None):
    """The state a person sees: a scheduled festival whose end has passed is held."""
    status = FestivalStatus(status)
    if status == S.SCHEDULED and ends_at and ends_at < (now or timezone.now()):
        return S.HELD
    return status


def effective_status_q(status, now=None, prefix=""):
    """The database condition for "the festival is in `status` as a person sees it" — the same
    rule as `effective_status`, written so that the status and date indexes serve it."""
    now = now or timezone.now()
    status = FestivalStatus(status)
    if status == S.HELD:
        return Q(**{f"{prefix}status": S.HELD}) | Q(
            **{f"{prefix}status": S.SCHEDULED, f"{prefix}ends_at__lt": now}
        )
    if status == S.SCHEDULED:
        return Q(**{f"{prefix}status": S.SCHEDULED}) & (
            Q(**{f"{prefix}ends_at__gte": now}) | Q(**{f"{prefix}ends_at__isnull": True})
        )
    return Q(**{f"{prefix}status": status})


def effective_status_in_q(statuses, now=None, prefix=""):
    condition = Q(pk__in=[])
    for status in statuses:
        condition |= effective_status_q(status, now, prefix)
    return condition
