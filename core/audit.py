"""The project's audit trail (django-auditlog): reads shared by every app's history views."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
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


@dataclass(frozen=True)
class AuditChange:
    """One audit entry to write in bulk: `obj` was created, changed or deleted; `changes` maps a
    field name to [old, new] as text (auditlog's own layout)."""

    obj: object
    action: int
    changes: dict


def audit_log_bulk(changes, *, actor=None, additional_data=None, batch_size=1000):
    """Write the audit entries of rows written with bulk_create/bulk_update/delete (which send no
    signals) in one query per batch; returns the number of entries written."""
    entries = []
    content_types = {}
    for change in changes:
        model = type(change.obj)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model)
        entries.append(
            LogEntry(
                content_type=content_types[model],
                object_pk=str(change.obj.pk),
                object_id=change.obj.pk,
                object_repr=str(change.obj)[:200],
                action=change.action,
                actor=actor if getattr(actor, "pk", None) else None,
                changes=change.changes,
                additional_data=additional_data,
            )
        )
    LogEntry.objects.bulk_create(entries, batch_size=batch_size)
    return len(entries)


def audit_text(value):
    """A field value as auditlog writes it."""
    return "None" if value is None else str(value)
