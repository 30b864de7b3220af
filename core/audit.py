"""The project's audit trail (django-auditlog): reads shared by every app's history views."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("viewed"),
}
EMPTY_VALUES = {"None", "", "[]"}


@dataclass
class AuditRow:
    timestamp: object
    actor: object
    action: str
    is_creation: bool
    changes: list


def _shown(value):
    return "—" if str(value) in EMPTY_VALUES else value


def audit_entries_for(obj, *, limit=50):
    """The newest audit entries of `obj`: when, who, what, and each field's old and new value."""
    entries = LogEntry.objects.get_for_object(obj).select_related("actor", "content_type")[:limit]
    return [
        AuditRow(
            timestamp=entry.timestamp,
            actor=entry.actor,
            action=ACTION_LABELS.get(entry.action, entry.get_action_display()),
            is_creation=entry.action == LogEntry.Action.CREATE,
            changes=[
                (label, _shown(old), _shown(new))
                for label, (old, new) in entry.changes_display_dict.items()
            ],
        )
        for entry in entries
    ]
