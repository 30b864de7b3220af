"""Every write to a festival's delegates: the list kept with the plan, who attended (with the
report), and the list copied from an earlier festival."""

from django.utils.translation import gettext as _

from attendees.enums import DelegateStatus
from attendees.models import Delegate
from core.errors import require
from core.rows import rows_sync

DELEGATE_FIELDS = ["full_name", "position", "organisation", "category", "precedence", "status"]


def delegates_sync(*, festival, user, rows):
    """Make `festival`'s delegates equal to `rows` (dicts with an optional `id`), in bulk, with an
    audit entry per created or changed delegate. Only while the plan may be edited."""
    require(user, "events.edit", festival, _("You may only change the delegates of your own plan."))
    return rows_sync(
        existing=festival.delegates.all(),
        rows=[{**row, "precedence": row.get("precedence") or 0} for row in rows],
        fields=DELEGATE_FIELDS,
        new=lambda: Delegate(festival=festival),
        actor=user,
    )


def delegates_mark_attended(*, festival, user, attended_ids):
    """Mark the delegates of `attended_ids` as attended; those no longer ticked go back to
    confirmed. With the report of a held festival."""
    require(
        user,
        "events.write_report",
        festival,
        _("Only the host commune writes the report of a held festival."),
    )
    attended_ids = {int(pk) for pk in attended_ids}
    delegates = list(festival.delegates.all())
    rows = []
    for delegate in delegates:
        status = delegate.status
        if delegate.pk in attended_ids:
            status = DelegateStatus.ATTENDED
        elif status == DelegateStatus.ATTENDED:
            status = DelegateStatus.CONFIRMED
        rows.append({"id": delegate.pk, **_values(delegate), "status": status})
    return rows_sync(
        existing=delegates,
        model=Delegate,
        rows=rows,
        fields=DELEGATE_FIELDS,
        new=lambda: Delegate(festival=festival),
        actor=user,
    )


def _values(delegate):
    return {field: getattr(delegate, field) for field in DELEGATE_FIELDS}


def delegates_copied_from(festival):
    """The delegate rows of `festival` for a new plan: the same people, back to "invited"."""
    return [
        {**_values(delegate), "status": DelegateStatus.INVITED}
        for delegate in festival.delegates.order_by("precedence", "pk")
    ]
