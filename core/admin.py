"""The audit log in the admin, in the user's language: django-auditlog hard-codes a few English
labels ("system", "Correlation ID", "3 changes: name, …" with raw field names)."""

from auditlog.admin import LogEntryAdmin as AuditlogLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

admin.site.unregister(LogEntry)


def field_label(model, name):
    if model is None:
        return name
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


@admin.register(LogEntry)
class LogEntryAdmin(AuditlogLogEntryAdmin):
    @admin.display(description=_("User"))
    def user_url(self, obj):
        return super().user_url(obj) if obj.actor else _("system")

    @admin.display(description=_("Changes"))
    def msg_short(self, obj):
        if obj.action in (LogEntry.Action.DELETE, LogEntry.Action.ACCESS):
            return ""
        changes = obj.changes_dict
        model = obj.content_type.model_class()
        fields = ", ".join(field_label(model, name) for name in changes)
        if len(fields) > 140:
            fields = fields[: fields.rfind(" ", 0, 140)] + " …"
        return ngettext(
            "%(count)d change: %(fields)s", "%(count)d changes: %(fields)s", len(changes)
        ) % {"count": len(changes), "fields": fields}

    @admin.display(description=_("Correlation ID"))
    def cid_url(self, obj):
        return super().cid_url(obj)
