"""The project's audit trail (django-auditlog): reads shared by every app's history views."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.dispatch import Signal
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("viewed"),
}
EMPTY_VALUES = {"None", "", "[]"}


def audit_key(model, pk):
    """How a row's audit entries name their parent: "events.festival:42"."""
    return f"{model._meta.label_lower}:{pk}"


class AuditParentMixin:
    """A row of a parent (a festival's delegate, programme item, photo…): its audit entries name
    the parent in `additional_data`, so that the parent's history lists them and the entry of a
    deleted row still says whose it was. `audit_parent` names the foreign key to the parent."""

    audit_parent = "festival"

    def get_additional_data(self):
        field = self._meta.get_field(self.audit_parent)
        parent_id = getattr(self, field.attname)
        if parent_id is None:
            return None
        data = {"parent": audit_key(field.related_model, parent_id)}
        # Only a parent already loaded is named: an audit entry never costs a query.
        parent = self._state.fields_cache.get(self.audit_parent)
        if parent is not None:
            data["parent_repr"] = str(parent)[:200]
        return data


@dataclass
class AuditRow:
    timestamp: object
    actor: object
    action: str
    is_creation: bool
    changes: list
    subject: str = ""


def _shown(value):
    return "—" if str(value) in EMPTY_VALUES else value


def _subject(entry, obj_content_type):
    """ "Delegate «Nguyễn Văn An»" for the entry of one of the object's rows; "" for its own."""
    if entry.content_type_id == obj_content_type.pk:
        return ""
    model = entry.content_type.model_class()
    name = model._meta.verbose_name if model else entry.content_type.model
    return f"{capfirst(name)} «{entry.object_repr}»"


def _related_names(entries, known):
    """{(related model, pk): text} for every foreign key the entries name, one query per related
    model (auditlog would run one per value); the objects in `known` cost none."""
    names = {(type(obj), obj.pk): str(obj) for obj in known}
    wanted = {}
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None:
            continue
        for name, values in (entry.changes or {}).items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not (field.many_to_one or field.one_to_one) or not isinstance(values, list):
                continue
            for value in values:
                if value in (None, "None"):
                    continue
                try:
                    pk = field.related_model._meta.pk.to_python(value)
                except ValidationError:
                    continue
                if (field.related_model, pk) not in names:
                    wanted.setdefault(field.related_model, set()).add(pk)
    for related, pks in wanted.items():
        for pk, instance in related._default_manager.in_bulk(list(pks)).items():
            names[related, pk] = str(instance)
    return names


def _changes(entry, names):
    def fk_display(field, value):
        if value == "None":
            return value
        try:
            pk = field.related_model._meta.pk.to_python(value)
        except ValidationError:
            return value
        return names.get((field.related_model, pk), _("deleted (%(id)s)") % {"id": value})

    # auditlog looks each foreign key up on its own; answer from the batch instead.
    entry._get_changes_display_for_fk_field = fk_display
    return [
        (label, _shown(old), _shown(new))
        for label, (old, new) in entry.changes_display_dict.items()
    ]


def audit_entries_for(obj, *, limit=50, with_rows=False):
    """The newest audit entries of `obj`: when, who, what, and each field's old and new value;
    `with_rows` adds the entries of its rows (models with `AuditParentMixin`), deleted ones
    included, in one query."""
    content_type = ContentType.objects.get_for_model(obj)
    condition = Q(content_type=content_type, object_id=obj.pk)
    if with_rows:
        condition |= Q(additional_data__parent=audit_key(type(obj), obj.pk))
    entries = list(
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    names = _related_names(entries, known=[obj])
    return [
        AuditRow(
            timestamp=entry.timestamp,
            actor=entry.actor,
            action=ACTION_LABELS.get(entry.action, entry.get_action_display()),
            is_creation=entry.action == LogEntry.Action.CREATE,
            changes=_changes(entry, names),
            subject=_subject(entry, content_type),
        )
        for entry in entries
    ]


# Sent by `audit_log_bulk` once per model with the rows written in bulk (`objects`), which send
# no post_save or post_delete: caches and summaries that follow writes listen to both.
rows_written = Signal()


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
    by_model = {}
    for change in changes:
        model = type(change.obj)
        by_model.setdefault(model, []).append(change.obj)
        if model not in content_types:
            content_types[model] = ContentType.objects.get_for_model(model)
        own_data = getattr(change.obj, "get_additional_data", None)
        data = {**(additional_data or {}), **((own_data() if own_data else None) or {})}
        entries.append(
            LogEntry(
                content_type=content_types[model],
                object_pk=str(change.obj.pk),
                object_id=change.obj.pk,
                object_repr=str(change.obj)[:200],
                action=change.action,
                actor=actor if getattr(actor, "pk", None) else None,
                changes=change.changes,
                additional_data=data or None,
            )
        )
    LogEntry.objects.bulk_create(entries, batch_size=batch_size)
    for model, objects in by_model.items():
        rows_written.send(sender=model, objects=objects)
    return len(entries)


def audit_text(value):
    """A field value as auditlog writes it."""
    return "None" if value is None else str(value)
