"""Every write to festivals: the plan (plan.py), a plan copied from an earlier festival and the
deletion of a draft (copy.py), the lifecycle steps (lifecycle.py), the report (reports.py), the
history (history.py). Photos and documents are in events.photos, the
showcased models in events.showcase."""

from events.lifecycle import plan_problems as festival_submission_problems
from events.lifecycle import report_problems
from events.services.copy import (
    festival_copy,
    festival_copy_dates,
    festival_copy_default_year,
    festival_copy_host,
    festival_copy_years,
    festival_delete_draft,
)
from events.services.history import record_transition
from events.services.lifecycle import (
    festival_approve,
    festival_cancel,
    festival_postpone,
    festival_reschedule,
    festival_return,
    festival_submit,
    festival_transition,
    report_publish,
    report_return,
    report_submit,
)
from events.services.plan import (
    FESTIVAL_FIELDS,
    ORGANISER_FIELDS,
    PROGRAMME_FIELDS,
    festival_create,
    festival_slug,
    festival_update,
)
from events.services.reports import DIRECTION_FIELDS, REPORT_FIELDS, report_save

__all__ = [
    "DIRECTION_FIELDS",
    "FESTIVAL_FIELDS",
    "ORGANISER_FIELDS",
    "PROGRAMME_FIELDS",
    "REPORT_FIELDS",
    "festival_approve",
    "festival_cancel",
    "festival_copy",
    "festival_copy_dates",
    "festival_copy_default_year",
    "festival_copy_host",
    "festival_copy_years",
    "festival_create",
    "festival_delete_draft",
    "festival_postpone",
    "festival_reschedule",
    "festival_return",
    "festival_slug",
    "festival_submission_problems",
    "festival_submit",
    "festival_transition",
    "festival_update",
    "record_transition",
    "report_problems",
    "report_publish",
    "report_return",
    "report_save",
    "report_submit",
]
