"""The movement models a festival showcases: chosen by its planners and supervisors, from the
models of its own commune's lineage."""

from auditlog.models import LogEntry
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import AuditChange, audit_log_bulk
from core.errors import ServiceError, require
from core.pagecache import public_pages_changed
from events.models import Festival
from movements.models import MovementModel
from movements.selectors import models_for_festival_host


@transaction.atomic
def festival_models_set(*, festival, user, models):
    """Make `models` exactly the models `festival` showcases.

    Only models of the festival's own commune are allowed: kept by its host unit, or by a
    commune-level unit linked to it by succession. When one is refused nothing changes. Every model
    added or removed gets an audit entry.
    """
    # Locking the festival row makes concurrent choices for the same festival take turns.
    festival = Festival.objects.select_for_update().select_related("host_unit").get(pk=festival.pk)
    require(
        user,
        "events.set_showcased_models",
        festival,
        _("You may only choose the models of festivals of your own commune."),
    )
    chosen = {model.pk for model in models}
    allowed = set(
        models_for_festival_host(festival.host_unit)
        .filter(pk__in=chosen)
        .values_list("pk", flat=True)
    )
    refused = MovementModel.objects.filter(pk__in=chosen - allowed).select_related("unit")
    if refused:
        raise ServiceError(
            _(
                "A festival can only showcase the models of its own commune (%(unit)s) and of the "
                "units it succeeded or that succeeded it. Not allowed: %(models)s."
            )
            % {
                "unit": festival.host_unit.name,
                "models": "; ".join(f"{m.name} ({m.unit.name})" for m in refused),
            },
            field="models",
        )
    through = Festival.showcased_models.through
    before = set(
        through.objects.filter(festival=festival).values_list("movementmodel_id", flat=True)
    )
    added, removed = chosen - before, before - chosen
    if not added and not removed:
        return
    through.objects.filter(festival=festival, movementmodel_id__in=removed).delete()
    through.objects.bulk_create(
        [through(festival=festival, movementmodel_id=pk) for pk in sorted(added)]
    )
    public_pages_changed()
    _log_festival_changes(festival=festival, user=user, added=added, removed=removed)


def _log_festival_changes(*, festival, user, added, removed):
    """Audit entries on each model whose festivals changed (the through rows send no signals)."""
    changed = MovementModel.objects.filter(pk__in=added | removed).prefetch_related("festivals")
    entries = []
    for model in changed:
        now = sorted(model.festivals.all(), key=lambda f: f.pk)
        if model.pk in added:
            was = [f for f in now if f.pk != festival.pk]
        else:
            was = sorted([*now, festival], key=lambda f: f.pk)
        entries.append(
            AuditChange(
                obj=model,
                action=LogEntry.Action.UPDATE,
                changes={"festivals": [_titles(was), _titles(now)]},
            )
        )
    audit_log_bulk(entries, actor=user)


def _titles(festivals):
    return "; ".join(f.title for f in festivals) or "None"
