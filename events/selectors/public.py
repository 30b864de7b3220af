"""Reads of festivals for the public pages: the list, one festival, the home page, the calendars."""

import datetime

from django.db import connection
from django.db.models import (
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from attendees.models import Delegate
from core.search import SearchWords
from events.enums import FestivalStatus
from events.models import (
    Festival,
    FestivalDocument,
    FestivalPhoto,
    ProgrammeItem,
)
from events.photos import public_documents_prefetch, public_photos_prefetch
from events.selectors.common import LIST_ORDER, LIST_RELATED, festivals_filter_status, row_count
from movements.selectors import showcased_models_prefetch
from units.models import AdministrativeUnit

LIST_DEFERRED = ("search_text",)


def _public_narrowed(festivals, *, province=None, commune=None, year=None):
    if province is not None:
        festivals = festivals.filter(host_unit__in=AdministrativeUnit.objects.within([province.pk]))
    if commune is not None:
        festivals = festivals.filter(host_unit__in=AdministrativeUnit.objects.within([commune.pk]))
    if year:
        festivals = festivals.filter(year=year)
    return festivals


def festivals_public(*, q="", province=None, commune=None, year=None, status=""):
    """Festivals the public may read: announcements (scheduled) and, later, reports."""
    festivals = Festival.objects.public()
    if status:
        festivals = festivals_filter_status(festivals, status)
    if province is not None:
        festivals = festivals.filter(host_unit__in=AdministrativeUnit.objects.within([province.pk]))
    if commune is not None:
        festivals = festivals.filter(host_unit__in=AdministrativeUnit.objects.within([commune.pk]))
    if year:
        festivals = festivals.filter(year=year)
    if SearchWords.of(q):
        shown = _public_list(Festival.objects.public())
        return festivals.search_results(q, order=LIST_ORDER, page_queryset=shown)
    return _public_list(festivals).order_by(*LIST_ORDER)


def _public_list(festivals):
    return festivals.select_related(*LIST_RELATED, "report").prefetch_related(
        Prefetch("programme_items", queryset=ProgrammeItem.objects.order_by("order", "pk"))
    )


def festivals_public_ids(*, upto, province=None, commune=None, year=None, status=""):
    """The first `upto` festivals of the public list without a search, newest first, as
    (id, starts_at) rows.

    "Upcoming or published" as one OR condition made PostgreSQL sort every public row. The two
    halves are read apart instead, each its first `upto` rows from its partial index in
    (starts_at DESC, id DESC) order, and merged by a UNION ALL: a page reads about as many rows
    as it shows. (PostgreSQL does not merge the two index scans of a UNION ALL by itself, hence
    the limit in each half; SQLite, for `make run`, takes no limit there and reads the OR.)"""
    festivals = _public_narrowed(
        Festival.objects.order_by(), province=province, commune=commune, year=year
    )
    branches = []
    if status in ("", FestivalStatus.SCHEDULED):
        branches.append(festivals.announced())
    if status in ("", FestivalStatus.PUBLISHED):
        branches.append(festivals.filter(status=FestivalStatus.PUBLISHED))
    order = ("-starts_at", "-id")
    if not branches:
        return Festival.objects.none().values_list("id", "starts_at")
    if len(branches) == 1:
        return branches[0].values_list("id", "starts_at").order_by(*order)
    if not connection.features.supports_slicing_ordering_in_compound:
        return festivals.public().values_list("id", "starts_at").order_by(*order)
    first, *others = (
        branch.values_list("id", "starts_at").order_by(*order)[:upto] for branch in branches
    )
    return first.union(*others, all=True).order_by(*order)


def festivals_public_rows(ids):
    """What the public list's cards show for the festivals `ids` (any order): host chain, report,
    programme; without the search column."""
    return list(
        Festival.objects.filter(pk__in=ids)
        .defer(*LIST_DEFERRED)
        .select_related(*LIST_RELATED, "report")
        .prefetch_related(
            Prefetch("programme_items", queryset=ProgrammeItem.objects.order_by("order", "pk"))
        )
    )


def festival_public(*, year, slug):
    festivals = (
        Festival.objects.public()
        .select_related("host_unit__parent__parent", "report")
        .prefetch_related(
            showcased_models_prefetch(),
            public_photos_prefetch(),
            public_documents_prefetch(),
            "directions",
            "organisers",
            Prefetch("programme_items", queryset=ProgrammeItem.objects.select_related("speaker")),
            Prefetch("delegates", queryset=Delegate.objects.order_by("precedence", "pk")),
        )
    )
    return get_object_or_404(festivals, year=year, slug=slug)


def festivals_latest_reports(limit=6):
    """The reports published last, newest first. Read from the reports' publication-date index
    (the festival joined per row) rather than by sorting every published festival."""
    return list(
        Festival.objects.filter(status=FestivalStatus.PUBLISHED, report__published_at__isnull=False)
        .defer(*LIST_DEFERRED)
        .select_related("host_unit__parent__parent", "report")
        .order_by("-report__published_at", "-pk")[:limit]
    )


def festivals_upcoming(limit=6):
    return list(
        Festival.objects.announced()
        .defer(*LIST_DEFERRED)
        .select_related("host_unit__parent__parent")
        .order_by("starts_at")[:limit]
    )


# The calendar feed: announced festivals that ended less than a week ago or start within three
# months, the nearest first, at most CALENDAR_LIMIT of them. Calendar applications poll it, so
# what lies further ahead comes in as the window moves; at national scale the unbounded feed
# held every announcement of the country (332 events, 194 KiB, 270 ms to write).
CALENDAR_PAST = datetime.timedelta(days=7)
CALENDAR_AHEAD = datetime.timedelta(days=90)
CALENDAR_LIMIT = 100


def _calendar_festivals(unit):
    now = timezone.now()
    festivals = Festival.objects.filter(
        status=FestivalStatus.SCHEDULED,
        ends_at__gte=now - CALENDAR_PAST,
        starts_at__lt=now + CALENDAR_AHEAD,
    )
    if unit is not None:
        festivals = festivals.filter(host_unit__in=AdministrativeUnit.objects.within([unit.pk]))
    return festivals.order_by("starts_at", "pk")[:CALENDAR_LIMIT]


def festivals_for_calendar(*, unit=None):
    """The festivals of the calendar feed (of `unit` and what lies below it, when given), with
    their host units for the events' locations."""
    return list(
        _calendar_festivals(unit).defer(*LIST_DEFERRED).select_related("host_unit__parent__parent")
    )


def festivals_for_calendar_versions(*, unit=None):
    """(id, change time) of the calendar feed's festivals, in its order: its ETag and
    Last-Modified, read without the rows themselves."""
    return list(_calendar_festivals(unit).values_list("pk", "updated_at"))


def _related_count(name):
    """A per-row count of the festival's reverse relation `name` (the models of apps above events,
    awards and tributes, come through the relation rather than an import)."""
    relation = Festival._meta.get_field(name)
    return row_count(relation.related_model, relation.field.name)


def festival_public_preview(festival):
    """How many of each part of `festival` a visitor reads once it is announced or published
    (programme, organisers, delegates, public photos and documents, awards, tributes,
    directions): the confirmation before approve and publish shows them. One query."""
    parts = {
        "programme": "programme_items",
        "organisers": "organisers",
        "delegates": "delegates",
        "directions": "directions",
        "awards": "awards",
        "tributes": "tributes",
    }
    annotations = {f"{key}_count": _related_count(name) for key, name in parts.items()}
    photos = FestivalPhoto.objects.filter(festival=OuterRef("pk"), is_public=True).exclude(
        alt_text__regex=r"^\s*$"
    )
    documents = FestivalDocument.objects.filter(festival=OuterRef("pk"), is_public=True)
    for key, rows in (("photo_count", photos), ("document_count", documents)):
        annotations[key] = Subquery(
            rows.order_by().annotate(count=Func(F("pk"), function="COUNT")).values("count"),
            output_field=IntegerField(),
        )
    return Festival.objects.filter(pk=festival.pk).annotate(**annotations).values(*annotations)[0]
