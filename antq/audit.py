"""The project's audit trail (django-auditlog): reads shared by every app's history views."""

from auditlog.models import LogEntry


def audit_entries_for(obj, *, limit=50):
    """The newest audit entries of `obj`, with the actor loaded."""
    return list(LogEntry.objects.get_for_object(obj).select_related("actor")[:limit])
