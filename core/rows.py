"""Make the child rows of a parent equal to a list: the one "sync" used by every inline list
(organisers, programme, delegates, directions, awards, tributes).

Rows are written with bulk_create / bulk_update (a fixed number of queries, whatever the number of
rows) and each created or changed row gets its audit entry in one bulk write, since bulk writes
send no signals. Removed rows are deleted in one query and audited in the same bulk write.
"""

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry

from core.audit import AuditChange, audit_log_bulk, audit_text
from core.pagecache import is_watched, public_pages_changed


def _value(obj, field):
    """A field's value as compared and audited: the primary key of a related object."""
    value = getattr(obj, field)
    return getattr(value, "pk", value)


def rows_sync(
    *,
    existing,
    rows,
    fields,
    new,
    model=None,
    order_field=None,
    actor=None,
    audit_fields=None,
    batch_size=500,
):
    """Make `existing` (a queryset of the parent's children, or a list of them with `model`) equal to `rows` (dicts with an
    optional "id" of a row to keep): change the rows whose values differ, create the rest with
    `new()` (an unsaved child of the parent), delete the children not named; with `order_field`,
    number the rows 1, 2, 3… in the order given. Returns the children in the order of `rows`.

    Each created or changed row is audited (`audit_fields`, default `fields`); search columns of
    models that keep one are refreshed before the write.
    """
    by_pk = {obj.pk: obj for obj in existing}
    audited = set(audit_fields if audit_fields is not None else fields)
    kept, created, changed, changes = [], [], [], []
    for position, row in enumerate(rows, start=1):
        obj = by_pk.pop(row.get("id"), None) if row.get("id") is not None else None
        is_new = obj is None
        if is_new:
            obj = new()
        diff, dirty = {}, is_new
        for field in fields:
            value = row.get(field)
            old = None if is_new else _value(obj, field)
            if is_new or old != getattr(value, "pk", value):
                setattr(obj, field, value)
                dirty = True
                if field in audited and audit_text(old) != audit_text(_value(obj, field)):
                    diff[field] = [audit_text(old), audit_text(_value(obj, field))]
        if order_field and (is_new or getattr(obj, order_field) != position):
            old = None if is_new else getattr(obj, order_field)
            setattr(obj, order_field, position)
            dirty = True
            diff[order_field] = [audit_text(old), str(position)]
        if dirty:
            (created if is_new else changed).append(obj)
            changes.append((obj, is_new, diff))
        kept.append(obj)

    for obj in created + changed:
        if hasattr(obj, "refresh_search_text"):
            obj.refresh_search_text()
    model = model or existing.model
    if created:
        model.objects.bulk_create(created, batch_size=batch_size)
    if changed:
        update = [*fields, *([order_field] if order_field else [])]
        if hasattr(model, "refresh_search_text"):
            update.append("search_text")
        model.objects.bulk_update(changed, update, batch_size=batch_size)
    audited_changes = [
        AuditChange(
            obj=obj,
            action=LogEntry.Action.CREATE if is_new else LogEntry.Action.UPDATE,
            changes=diff,
        )
        for obj, is_new, diff in changes
    ]
    if by_pk:
        # Deleted in one query and audited in the same bulk write, from the rows as loaded (their
        # parent known), rather than by a signal per row.
        with disable_auditlog():
            model.objects.filter(pk__in=list(by_pk)).delete()
        audited_changes += [
            AuditChange(
                obj=obj,
                action=LogEntry.Action.DELETE,
                changes={f: [audit_text(_value(obj, f)), "None"] for f in sorted(audited)},
            )
            for obj in by_pk.values()
        ]
    audit_log_bulk(audited_changes, actor=actor)
    if audited_changes and is_watched(model):
        public_pages_changed()
    return kept
