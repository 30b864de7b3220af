"""Every write to a festival's plan: creating and editing (with optimistic locking). Copying an
earlier festival and deleting a draft are in copy.py."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from attendees.services import delegates_sync
from core.errors import Stale, require
from core.rows import rows_sync
from core.search import normalize_search_text
from events.enums import FestivalStatus, TransitionAction
from events.models import Festival, Organiser, ProgrammeItem
from events.services.history import record_transition
from events.showcase import festival_models_set

TEXT_FIELDS = {"title", "venue", "address", "pilot_level", "plan_number", "description"}
FESTIVAL_FIELDS = [
    "title",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "pilot_level",
    "plan_number",
    "expected_attendance",
    "description",
]
ORGANISER_FIELDS = ["name", "role"]
PROGRAMME_FIELDS = ["part", "time", "kind", "title", "speaker_name"]


def festival_slug(*, host_unit, year, exclude_pk=None):
    """A slug unique within the year: "phuong-dong-son", then "phuong-dong-son-2"."""
    base = slugify(normalize_search_text(host_unit.name)) or "ngay-hoi"
    taken = set(
        Festival.objects.filter(year=year, slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


SLUG_ATTEMPTS = 5


def _save_with_free_slug(festival):
    """Insert `festival` under the first free slug of its year. Two requests may pick the same
    slug at once; the unique constraint refuses the second, which takes the next one."""
    for attempt in range(SLUG_ATTEMPTS):
        festival.slug = festival_slug(host_unit=festival.host_unit, year=festival.year)
        try:
            with transaction.atomic():
                festival.save()
            return
        except IntegrityError as error:
            if "festival_year_slug_unique" not in str(error) or attempt == SLUG_ATTEMPTS - 1:
                raise
            festival.pk = None
            festival._state.adding = True


def _sync_children(festival, *, user, organisers, programme, delegates):
    """Write the plan's rows in bulk: delegates (attendees), organisers, programme; a speaker who
    is on the delegate list is linked to that delegate."""
    delegate_rows = delegates_sync(festival=festival, user=user, rows=delegates)
    rows_sync(
        existing=festival.organisers.all(),
        rows=organisers,
        fields=ORGANISER_FIELDS,
        new=lambda: Organiser(festival=festival),
        order_field="order",
        actor=user,
    )
    items = rows_sync(
        existing=festival.programme_items.all(),
        rows=programme,
        fields=PROGRAMME_FIELDS,
        new=lambda: ProgrammeItem(festival=festival),
        order_field="order",
        actor=user,
    )
    by_name = {normalize_search_text(d.full_name): d for d in delegate_rows}
    relinked = []
    for item in items:
        speaker = by_name.get(normalize_search_text(item.speaker_name))
        if item.speaker_id != (speaker.pk if speaker else None):
            item.speaker = speaker
            relinked.append(item)
    if relinked:
        ProgrammeItem.objects.bulk_update(relinked, ["speaker"])


def _set_fields(festival, data):
    for field in FESTIVAL_FIELDS:
        value = data.get(field)
        setattr(festival, field, (value or "") if field in TEXT_FIELDS else value)


def _set_models(festival, *, user, models):
    """Showcase `models` (None leaves the choice as it is)."""
    if models is not None:
        festival_models_set(festival=festival, user=user, models=list(models))


@transaction.atomic
def festival_create(
    *, user, host_unit, data, organisers=(), programme=(), delegates=(), models=None, details=None
):
    """Create a draft festival with its organisers, programme and delegates; `details` go on the
    history's first step."""
    festival = Festival(host_unit=host_unit, created_by=user, status=FestivalStatus.DRAFT)
    _set_fields(festival, data)
    festival.year = data.get("year") or (
        festival.starts_at and timezone.localtime(festival.starts_at).year
    )
    require(user, "events.create", festival, _("Only commune officials create festivals."))
    require(user, "events.edit", festival, _("You may only plan festivals of your own commune."))
    _save_with_free_slug(festival)
    _sync_children(
        festival, user=user, organisers=organisers, programme=programme, delegates=delegates
    )
    _set_models(festival, user=user, models=models)
    record_transition(
        festival, user=user, action=TransitionAction.CREATE, from_status="", details=details
    )
    return festival


@transaction.atomic
def festival_update(
    *,
    festival,
    user,
    version,
    data,
    host_unit=None,
    organisers=(),
    programme=(),
    delegates=(),
    models=None,
):
    """Save an edited plan, unless someone saved it since `version` was read (nothing is written then)."""
    # Only the festival row is locked; its units come along for the search column.
    current = (
        Festival.objects.select_for_update(of=("self",))
        .select_related("host_unit__parent__parent")
        .get(pk=festival.pk)
    )
    require(user, "events.edit", current, _("This festival can no longer be edited by you."))
    if current.version != version:
        raise Stale(
            _(
                "Someone else saved this festival while you were editing it. Nothing was saved: "
                "open it again to see their changes, then make yours."
            )
        )
    if host_unit is not None and host_unit.pk != current.host_unit_id:
        current.host_unit = host_unit
        require(user, "events.edit", current, _("You may only plan festivals of your own commune."))
    moved = current.host_unit_id != festival.host_unit_id or (data.get("year") or current.year) != (
        current.year
    )
    _set_fields(current, data)
    current.year = data.get("year") or current.year
    if moved or not current.slug:
        current.slug = festival_slug(
            host_unit=current.host_unit, year=current.year, exclude_pk=current.pk
        )
    _sync_children(
        current, user=user, organisers=organisers, programme=programme, delegates=delegates
    )
    _set_models(current, user=user, models=models)
    current.version += 1
    current.save()
    return current
