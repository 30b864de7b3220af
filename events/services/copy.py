"""A new plan started from an earlier festival ("start from last year's festival"), and the
removal of a draft that was never submitted."""

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import Role
from accounts.selectors import unit_in_scope
from attendees.services import delegates_copied_from
from core.audit import audit_text
from core.errors import ServiceError, require
from events.enums import FestivalStatus, TransitionAction
from events.models import Festival, FestivalTransition
from events.services.plan import (
    FESTIVAL_FIELDS,
    ORGANISER_FIELDS,
    PROGRAMME_FIELDS,
    festival_create,
)
from units.enums import UnitLevel
from units.models import AdministrativeUnit
from units.names import unit_names_replaced
from units.selectors import unit_current_successors

# A copy starts a plan: for this year or one of the next few.
COPY_YEARS_AHEAD = 5


def festival_copy_years(*, today=None):
    """(first, last): the years a new festival copied from an earlier one may be planned for."""
    year = (today or timezone.localdate()).year
    return year, year + COPY_YEARS_AHEAD


def festival_copy_host(*, source, user):
    """The commune a copy of `source` is planned for: the unit that carries on the source's host
    today (itself while it exists; the default successor first for a divided one), among those
    `user` plans for. Raises ServiceError when there is none."""
    for unit in unit_current_successors(source.host_unit):
        if unit.level == UnitLevel.COMMUNE and unit_in_scope(
            user, unit, roles={Role.COMMUNE_OFFICIAL}
        ):
            return unit
    raise ServiceError(
        _(
            "%(unit)s is today part of a commune you do not plan for: choose a festival of your "
            "own commune."
        )
        % {"unit": source.host_unit.name},
        field="source",
    )


def _moved(moment, years):
    """`moment` (aware) the same local day and time `years` later; 29 February becomes the 28th."""
    if moment is None:
        return None
    local = timezone.localtime(moment)
    try:
        return local.replace(year=local.year + years)
    except ValueError:
        return local.replace(year=local.year + years, day=28)


def festival_copy_dates(source, year):
    """(starts_at, ends_at) of `source` moved to `year`, or (None, None) when it has no date."""
    if source.starts_at is None:
        return None, None
    years = year - timezone.localtime(source.starts_at).year
    return _moved(source.starts_at, years), _moved(source.ends_at, years)


def festival_copy_default_year(*, source, host_unit, today=None):
    """The year proposed for a copy of `source`: the first year without a festival of
    `host_unit`, from this year on when the source's day is still ahead this year, else from the
    next; the first such year if every year of the range already has one."""
    today = today or timezone.localdate()
    first, last = festival_copy_years(today=today)
    starts_at, _ends_at = festival_copy_dates(source, first)
    start = first if starts_at is not None and starts_at.date() > today else first + 1
    taken = set(
        Festival.objects.filter(host_unit=host_unit, year__range=(start, last))
        .exclude(status=FestivalStatus.CANCELLED)
        .values_list("year", flat=True)
    )
    return next((year for year in range(start, last + 1) if year not in taken), start)


def _renamed(text, *, source, host_unit, year):
    text = unit_names_replaced(text, old=source.host_unit, new=host_unit)
    return text.replace(str(source.year), str(year)) if source.year != year else text


@transaction.atomic
def festival_copy(*, source, user, year, token=""):
    """A new draft of `user`'s commune for `year`, started from the festival `source`: its title,
    venue, address, description, expected attendance and pilot level, its organisers and
    programme, and its delegates (back to "invited"); its dates moved to `year`; every mention of
    the source's host unit (a former unit, perhaps) written with today's commune's name and the
    source's year with `year`. The history's first step names the source.

    Two requests with the same `token` (the form's, so a double click), source and year make one
    draft: the second waits for the first and returns its draft."""
    first, last = festival_copy_years()
    if not first <= year <= last:
        raise ServiceError(
            _("Choose a year from %(first)s to %(last)s.") % {"first": first, "last": last},
            field="year",
        )
    host_unit = festival_copy_host(source=source, user=user)
    # Copies into one commune wait for each other here (a "no key" lock: festivals of the commune
    # can still be inserted), so that the second of a double click sees the first's draft.
    AdministrativeUnit.objects.select_for_update(no_key=True).filter(pk=host_unit.pk).first()
    if token:
        done = (
            FestivalTransition.objects.filter(
                action=TransitionAction.CREATE,
                festival__host_unit=host_unit,
                festival__year=year,
                details__copied_from=source.pk,
                details__copy_token=token,
            )
            .select_related("festival")
            .first()
        )
        if done is not None:
            return done.festival
    starts_at, ends_at = festival_copy_dates(source, year)
    renamed = {
        field: _renamed(getattr(source, field), source=source, host_unit=host_unit, year=year)
        for field in ("title", "venue", "address")
    }
    data = {
        **{field: getattr(source, field) for field in FESTIVAL_FIELDS},
        **renamed,
        "year": year,
        "starts_at": starts_at,
        "ends_at": ends_at,
        # A new plan has a document of its own.
        "plan_number": "",
    }
    details = {"copied_from": source.pk}
    if token:
        details["copy_token"] = token
    return festival_create(
        user=user,
        host_unit=host_unit,
        data=data,
        organisers=[
            {
                **{f: getattr(o, f) for f in ORGANISER_FIELDS},
                "name": unit_names_replaced(o.name, old=source.host_unit, new=host_unit),
            }
            for o in source.organisers.all()
        ],
        programme=[
            {f: getattr(p, f) for f in PROGRAMME_FIELDS} for p in source.programme_items.all()
        ],
        delegates=delegates_copied_from(source),
        details=details,
    )


@transaction.atomic
def festival_delete_draft(*, festival, user):
    """Delete a draft that was never submitted, with its rows. One audit entry records it: who,
    and the festival's fields as they were (its rows go without entries of their own)."""
    current = (
        Festival.objects.select_for_update(of=("self",))
        .select_related("host_unit")
        .get(pk=festival.pk)
    )
    require(
        user,
        "events.delete",
        current,
        _("Only a draft that was never submitted can be deleted, by its commune."),
    )
    if current.awards.exists():
        raise ServiceError(
            _(
                "Awards of a decision name this festival as where they were presented: change "
                "those awards first."
            )
        )
    changes = {
        name: [audit_text(getattr(current, name)), "None"]
        for name in ("title", "year", "status", "starts_at", "venue", "address")
    }
    changes["host_unit"] = [audit_text(current.host_unit_id), "None"]
    LogEntry.objects.log_create(
        current,
        action=LogEntry.Action.DELETE,
        changes=changes,
        actor=user,
        additional_data={
            "delegates": current.delegates.count(),
            "programme_items": current.programme_items.count(),
            "organisers": current.organisers.count(),
        },
    )
    with disable_auditlog():
        current.delete()
    return current
