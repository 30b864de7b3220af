"""Reads of festivals for the staff pages: lists, the dashboard, the picker, one festival, copies, the month."""

import calendar
import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts.enums import Role
from accounts.selectors import user_scope
from attendees.models import Delegate
from core.search import SearchWords
from events.enums import FestivalStatus, TransitionAction
from events.models import (
    Festival,
    FestivalDocument,
    FestivalPhoto,
    FestivalTransition,
    ProgrammeItem,
)
from events.reviews import documents_waiting_q, photos_waiting_q
from events.selectors.common import LIST_ORDER, LIST_RELATED, festivals_filter_status, row_count
from events.states import EDITABLE, HELD_OR_LATER, effective_status_in_q, effective_status_q
from movements.selectors import showcased_models_prefetch
from units.models import AdministrativeUnit


def festivals_for_staff(user, *, q="", status="", year=None):
    """The festivals of the staff list, newest first. Page through it reading ids only
    (core.pagination) and load the page's rows with `festivals_staff_rows`."""
    festivals = Festival.objects.for_user(user)
    if status:
        festivals = festivals_filter_status(festivals, status)
    if year:
        festivals = festivals.filter(year=year)
    if SearchWords.of(q):
        # Ranked ids (the exact phrase first), read by core.pagination like a queryset's.
        return festivals.search_results(
            q, order=LIST_ORDER, page_queryset=_staff_rows(Festival.objects.for_user(user))
        )
    return festivals.order_by(*LIST_ORDER)


def festivals_staff_rows(ids):
    """The festivals `ids` as the staff list shows them: host unit and its parents, and the
    counts of programme items and delegates (one query)."""
    return _staff_rows(Festival.objects.filter(pk__in=ids))


def _staff_rows(festivals):
    return festivals.select_related(*LIST_RELATED).annotate(
        programme_count=row_count(ProgrammeItem), delegate_count=row_count(Delegate)
    )


@dataclass
class Dashboard:
    counts: dict
    needs_action: list
    upcoming: list


DASHBOARD_LIMIT = 20
S = FestivalStatus
A = TransitionAction
# What waits for whom: the host commune's officials submit plans (new, returned or postponed) and
# write reports (new or returned); the supervising staff approve plans and publish reports.
PLANNER_WAITS = EDITABLE | {S.HELD}
SUPERVISOR_WAITS = frozenset({S.SUBMITTED, S.REPORT_SUBMITTED})


class Waiting:
    """Why a festival waits for the user, as the dashboard says it."""

    PLAN_TO_SUBMIT = "plan_to_submit"
    PLAN_RETURNED = "plan_returned"
    PLAN_TO_APPROVE = "plan_to_approve"
    REPORT_TO_WRITE = "report_to_write"
    REPORT_RETURNED = "report_returned"
    REPORT_TO_PUBLISH = "report_to_publish"

    LABELS = {
        PLAN_TO_SUBMIT: gettext_lazy("plan to finish and submit"),
        PLAN_RETURNED: gettext_lazy("plan returned to you"),
        PLAN_TO_APPROVE: gettext_lazy("plan to approve"),
        REPORT_TO_WRITE: gettext_lazy("report to write"),
        REPORT_RETURNED: gettext_lazy("report returned to you"),
        REPORT_TO_PUBLISH: gettext_lazy("report to review and publish"),
    }
    RETURNED = frozenset({PLAN_RETURNED, REPORT_RETURNED})


def _role_units_q(scope, role):
    """The condition "the festival's host unit is in the user's scope for `role`"."""
    if scope.everything:
        return Q()
    roots = {a.unit_id for a in scope.assignments if a.unit_id and a.role == role}
    if not roots:
        return None
    return Q(host_unit__in=AdministrativeUnit.objects.within(roots))


def last_transition_annotations():
    """The action and reason of a festival's latest step, as annotations (a returned plan or
    report shows its reason without another query)."""
    latest = FestivalTransition.objects.filter(festival=OuterRef("pk")).order_by("-at", "-pk")
    return {
        "last_action": Subquery(latest.values("action")[:1]),
        "last_reason": Subquery(latest.values("reason")[:1]),
    }


def waiting_reason(festival):
    """Why `festival` (annotated with `last_action`) waits, for the user it was selected for."""
    status = festival.effective_status
    if status in EDITABLE:
        if festival.last_action == A.RETURN:
            return Waiting.PLAN_RETURNED
        return Waiting.PLAN_TO_SUBMIT
    if status == S.SUBMITTED:
        return Waiting.PLAN_TO_APPROVE
    if status == S.HELD:
        if festival.last_action == A.RETURN_REPORT:
            return Waiting.REPORT_RETURNED
        return Waiting.REPORT_TO_WRITE
    return Waiting.REPORT_TO_PUBLISH


def festivals_waiting_for(user, *, now=None, limit=DASHBOARD_LIMIT):
    """The festivals waiting for `user`'s action, soonest first, each with `waiting` (a Waiting
    value) and `waiting_label`: one query, whatever the number of rows (the role and the scope
    are conditions of the query, not a check per festival)."""
    scope = user_scope(user)
    now = now or timezone.now()
    waiting = Q(pk__in=[])
    for role, statuses in (
        (Role.COMMUNE_OFFICIAL, PLANNER_WAITS),
        (Role.DISTRICT_STAFF, SUPERVISOR_WAITS),
    ):
        units = _role_units_q(scope, role)
        if units is not None:
            waiting |= units & effective_status_in_q(statuses, now)
    festivals = list(
        Festival.objects.filter(waiting)
        .select_related(*LIST_RELATED)
        .annotate(**last_transition_annotations())
        .order_by(F("starts_at").asc(nulls_last=True), "pk")[:limit]
    )
    for festival in festivals:
        festival.waiting = waiting_reason(festival)
        festival.waiting_label = Waiting.LABELS[festival.waiting]
        festival.is_returned = festival.waiting in Waiting.RETURNED
    return festivals


def festival_dashboard(user):
    """Festivals in scope by status, those waiting for this user, and the coming ones (three
    queries)."""
    festivals = Festival.objects.for_user(user)
    now = timezone.now()
    counts = festivals.aggregate(
        **{
            status.value: Count("pk", filter=effective_status_q(status, now))
            for status in FestivalStatus
        }
    )
    upcoming = list(
        festivals.filter(effective_status_q(FestivalStatus.SCHEDULED, now))
        .select_related(*LIST_RELATED)
        .order_by("starts_at")[:10]
    )
    return Dashboard(
        counts={FestivalStatus(k): v for k, v in counts.items()},
        needs_action=festivals_waiting_for(user, now=now),
        upcoming=upcoming,
    )


def festivals_awaiting_media_review(user, *, limit=DASHBOARD_LIMIT):
    """Published festivals in scope with photos or documents (or changes to photos) the commune
    added after publication that wait for `user` to review them, oldest first, each with
    `photos_waiting` and `documents_waiting` (one query; none for a user who reviews nothing).
    For the staff dashboard."""
    scope = user_scope(user)
    if not (scope.everything or scope.has_role(Role.DISTRICT_STAFF)):
        return []
    festivals = (
        Festival.objects.for_user(user)
        .filter(status=FestivalStatus.PUBLISHED)
        .annotate(
            photos_waiting=Count("photos", filter=photos_waiting_q("photos__"), distinct=True),
            documents_waiting=Count(
                "documents", filter=documents_waiting_q("documents__"), distinct=True
            ),
        )
        .filter(Q(photos_waiting__gt=0) | Q(documents_waiting__gt=0))
        .select_related(*LIST_RELATED)
        .order_by("starts_at", "pk")[:limit]
    )
    return [f for f in festivals if user.has_perm("events.review_media", f)]


PICKER_LIMIT = 20


def festivals_pick(user, query, *, years=None, limit=PICKER_LIMIT):
    """Festivals in the user's scope matching `query` (at least two letters), newest first, for
    the festival picker; `years` (first, last) narrows them to those years."""
    if len(query.strip()) < 2:
        return []
    festivals = Festival.objects.for_user(user).search(query)
    if years is not None:
        festivals = festivals.filter(year__range=years)
    return list(festivals.select_related("host_unit").order_by("-starts_at", "-pk")[:limit])


def festival_in_scope(user, pk):
    """One festival in the user's scope with its host unit only (for pages that show no more);
    404 outside scope."""
    return get_object_or_404(
        Festival.objects.for_user(user).select_related("host_unit__parent__parent"), pk=pk
    )


def festival_for_staff(user, pk):
    """One festival in the user's scope with everything its page shows; 404 outside scope.

    `has_media_review` says whether any of its photos or documents waits for review or was turned
    down, so that the page reads those lists only when there is something to show."""
    photos = FestivalPhoto.objects.filter(festival=OuterRef("pk"))
    documents = FestivalDocument.objects.filter(festival=OuterRef("pk"))
    festivals = (
        Festival.objects.for_user(user)
        .select_related("host_unit__parent__parent", "created_by", "report")
        .annotate(
            has_media_review=Exists(photos.filter(photos_waiting_q() | ~Q(review_reason="")))
            | Exists(documents.filter(documents_waiting_q() | ~Q(review_reason="")))
        )
    )
    festivals = festivals.prefetch_related(
        showcased_models_prefetch(),
        "organisers",
        Prefetch("programme_items", queryset=ProgrammeItem.objects.select_related("speaker")),
        Prefetch("delegates", queryset=Delegate.objects.order_by("precedence", "pk")),
        Prefetch(
            "transitions",
            queryset=FestivalTransition.objects.select_related("user").order_by("-at", "-pk"),
        ),
    )
    return get_object_or_404(festivals, pk=pk)


def festivals_showcasing(model, *, user=None):
    """The festivals that showcase the movement `model`, newest first: those in `user`'s scope,
    or without a user those the public may read."""
    festivals = (
        Festival.objects.for_user(user) if user is not None else Festival.objects.public()
    ).filter(showcased_models=model)
    return list(festivals.select_related("host_unit__parent").order_by("-starts_at", "-pk"))


def festivals_same_commune_year(festival):
    """Other (not cancelled) festivals of the same commune and year, for a warning."""
    return (
        Festival.objects.filter(host_unit=festival.host_unit, year=festival.year)
        .exclude(pk=festival.pk)
        .exclude(status=FestivalStatus.CANCELLED)
    )


def festivals_planned_in(*, host_unit, year, last_year=None):
    """The festivals (not cancelled) of `host_unit` in `year` (to `last_year`), in date order:
    what a new plan for that year would add to."""
    return (
        Festival.objects.filter(host_unit=host_unit, year__range=(year, last_year or year))
        .exclude(status=FestivalStatus.CANCELLED)
        .order_by("year", "starts_at", "pk")
    )


def festivals_to_copy(user):
    """The festivals `user` may start a new plan from: those of the communes they plan for, and
    of the units those communes succeeded (every festival for an administrator)."""
    scope = user_scope(user)
    festivals = Festival.objects.all()
    if not scope.everything:
        roots = [a.unit_id for a in scope.assignments if a.role == Role.COMMUNE_OFFICIAL]
        festivals = festivals.filter(host_unit__in=AdministrativeUnit.objects.within(roots))
    return festivals


def festival_to_copy_default(user):
    """The festival proposed to start from: the latest that took place, else the latest planned
    (not cancelled); None when there is none."""
    festivals = (
        festivals_to_copy(user)
        .exclude(status=FestivalStatus.CANCELLED)
        .select_related("host_unit__parent__parent")
    )
    held = festivals.filter(effective_status_in_q(HELD_OR_LATER)).order_by("-starts_at", "-pk")
    return held.first() or festivals.order_by("-year", "-starts_at", "-pk").first()


def festivals_to_copy_recent(user, *, limit=6):
    """The latest festivals to start from, for quick choices on the copy page."""
    return list(
        festivals_to_copy(user)
        .select_related("host_unit")
        .order_by("-year", "-starts_at", "-pk")[:limit]
    )


@dataclass
class MonthCalendar:
    month: datetime.date
    weeks: list  # of lists of (date or None, [festivals])
    previous: datetime.date
    next: datetime.date


def festival_month(user, *, year, month):
    """A month grid of the festivals in scope that start in it (one query)."""
    first = datetime.date(year, month, 1)
    last_day = calendar.monthrange(year, month)[1]
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = start + datetime.timedelta(days=last_day)
    festivals = (
        Festival.objects.for_user(user)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=FestivalStatus.CANCELLED)
        .select_related("host_unit")
        .order_by("starts_at")
    )
    by_day = {}
    for festival in festivals:
        by_day.setdefault(timezone.localtime(festival.starts_at).date(), []).append(festival)
    weeks = [
        [
            (day if day.month == month else None, by_day.get(day, []) if day.month == month else [])
            for day in week
        ]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return MonthCalendar(month=first, weeks=weeks, previous=previous, next=following)


# --- public ---------------------------------------------------------------------------------------


# The list reads only what its cards show: the search column (about 1 KB a row) stays behind.
