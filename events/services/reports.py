"""The report written after the festival by the host commune (its steps — submit, return,
publish — are in the transition table of events.lifecycle)."""

from auditlog.models import LogEntry
from django.db import transaction
from django.utils.translation import gettext as _

from attendees.services import delegates_mark_attended
from core.audit import AuditChange, audit_log_bulk
from core.errors import Stale, require
from core.pagecache import public_pages_changed
from core.rows import rows_sync
from events.enums import FestivalStatus, TransitionAction
from events.models import Direction, Festival, FestivalReport
from events.services.history import record_transition

REPORT_FIELDS = [
    "summary",
    "results",
    "attendance",
    "organisations_present",
    "highlights",
    "author_credit",
]
DIRECTION_FIELDS = ["text", "owner", "due_on"]


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

    rows_sync(
        existing=current.directions.all(),
        rows=[
            {**row, **{f: row.get(f) or "" for f in DIRECTION_FIELDS if f != "due_on"}}
            for row in directions
        ],
        fields=DIRECTION_FIELDS,
        new=lambda: Direction(festival=current),
        order_field="order",
        actor=user,
    )
    delegates_mark_attended(festival=current, user=user, attended_ids=attended)
    if current.status == FestivalStatus.SCHEDULED:
        # It has ended (the permission says so): the held step is the calendar's, not the
        # editor's, so it is credited to the system.
        festival_mark_held(current)
    current.version += 1
    current.save()
    return current


def festival_mark_held(festival):
    """Make the held state of a scheduled festival whose end has passed explicit, as the system:
    one history step and one audit entry without an actor."""
    from_status = festival.status
    festival.status = FestivalStatus.HELD
    Festival.objects.filter(pk=festival.pk).update(status=FestivalStatus.HELD)
    public_pages_changed()
    audit_log_bulk(
        [
            AuditChange(
                obj=festival,
                action=LogEntry.Action.UPDATE,
                changes={"status": [from_status, FestivalStatus.HELD.value]},
            )
        ],
        actor=None,
    )
    record_transition(festival, user=None, action=TransitionAction.HELD, from_status=from_status)
