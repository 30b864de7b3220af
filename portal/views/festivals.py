"""Public pages: announcements, reports and the iCalendar feed. They only read, so they run
outside a transaction (no savepoint round trips)."""

import functools
from dataclasses import replace

from django import forms
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, Timezone

from awards.selectors import festival_awards_public
from core.conditional import conditional_public
from core.forms import CleanTextForm
from core.pagecache import cache_public_page
from core.pagination import page_number, page_without_count
from core.text import text_printable
from events import selectors
from events.enums import FestivalStatus
from units.enums import UnitLevel
from units.models import AdministrativeUnit
from units.selectors import units_annotate_history, units_now_part_of

PAGE_SIZE = 20
UNIT_CODE_MAX = AdministrativeUnit._meta.get_field("code").max_length


class PublicFestivalFilterForm(CleanTextForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    province = forms.ChoiceField(label=_("Province"), required=False)
    commune = forms.CharField(label=_("Commune code"), required=False, max_length=10)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2005, max_value=2100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (FestivalStatus.SCHEDULED, _("upcoming")),
            (FestivalStatus.PUBLISHED, _("reports")),
        ],
    )

    def __init__(self, *args, provinces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (p.code, p.name) for p in provinces
        ]


def _current_unit(code, level):
    if not code:
        return None
    return AdministrativeUnit.objects.current().filter(code=code, level=level).first()


@require_safe
@transaction.non_atomic_requests
@cache_public_page
def festival_list(request):
    provinces = list(
        AdministrativeUnit.objects.current()
        .filter(level=UnitLevel.PROVINCE)
        .order_by("search_text")
    )
    filters = PublicFestivalFilterForm(request.GET or None, provinces=provinces)
    values = filters.cleaned_data if filters.is_valid() else {}
    province = next((p for p in provinces if p.code == values.get("province")), None)
    commune = _current_unit(values.get("commune"), UnitLevel.COMMUNE)
    query = values.get("q") or ""
    filters_given = {
        "province": province,
        "commune": commune,
        "year": values.get("year"),
        "status": values.get("status") or "",
    }
    # A search is counted up to core.search's cap; the whole list is not counted at all:
    # counting every public festival cost more than showing 20 of them.
    if query:
        page = Paginator(selectors.festivals_public(q=query, **filters_given), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
    else:
        number = page_number(request.GET.get("page"))
        page = page_without_count(
            selectors.festivals_public_ids(upto=number * PAGE_SIZE + 1, **filters_given),
            number,
            per_page=PAGE_SIZE,
        )
        shown = [pk for pk, _starts_at in page.object_list]
        rows = {f.pk: f for f in selectors.festivals_public_rows(shown)} if shown else {}
        page = replace(page, object_list=[rows[pk] for pk in shown if pk in rows])
    units_annotate_history([festival.host_unit for festival in page.object_list])
    return render(
        request,
        "portal/festivals/festival_list.html",
        {
            "page": page,
            "filters": filters,
            "province": province,
            "commune": commune,
            "query": query,
        },
    )


@require_safe
@transaction.non_atomic_requests
@cache_public_page
def festival_detail(request, year, slug):
    festival = selectors.festival_public(year=year, slug=slug)
    host = festival.host_unit
    return render(
        request,
        "portal/festivals/festival_detail.html",
        {
            "festival": festival,
            # One query through the scope closure however many renames and mergers lie between.
            "host_now": units_now_part_of([host]).get(host.pk, []),
            "award_groups": festival_awards_public(festival),
            "tributes": list(festival.tributes.all()),
        },
    )


def _calendar_unit(request):
    """The unit of `?unit=<code>`: (None, None) without one, (None, 404 answer) for no current
    unit with that code."""
    code = request.GET.get("unit", "").strip()
    if not code:
        return None, None
    # Unit codes are short runs of ASCII letters and digits ("16378"); anything else (a NUL,
    # which PostgreSQL refuses in a query) is no unit's code.
    valid = len(code) <= UNIT_CODE_MAX and code.isascii() and code.isalnum()
    unit = (
        AdministrativeUnit.objects.current().filter(code=code).order_by("level").first()
        if valid
        else None
    )
    if unit is None:
        return None, HttpResponse(
            _("No current unit has this code."),
            status=404,
            content_type="text/plain; charset=utf-8",
        )
    return unit, None


def _calendar_versions(request):
    """The calendar's festivals as (id, change time) rows, for its ETag and Last-Modified; the
    unit once read is kept for the view."""
    request._calendar_unit = _calendar_unit(request)
    unit, refused = request._calendar_unit
    if refused is not None:
        return None
    return selectors.festivals_for_calendar_versions(unit=unit)


@functools.cache
def _vtimezone(tzid):
    """The VTIMEZONE of `tzid` (the events' times are local times): worked out once per process
    from the time zone database, where Calendar.add_missing_timezones() did it on every request
    after walking every event (15-30 ms)."""
    return Timezone.from_tzid(tzid)


@require_safe
@transaction.non_atomic_requests
@conditional_public(rows=_calendar_versions)
def calendar_ics(request):
    """Upcoming festivals as iCalendar events; `?unit=<code>` narrows to a unit and what lies below."""
    unit, refused = getattr(request, "_calendar_unit", None) or _calendar_unit(request)
    if refused is not None:
        return refused
    calendar = Calendar()
    calendar.add("prodid", "-//ANTQ Festival//antq//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", str(_("All-People National Security Protection Day festivals")))
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    calendar.add_component(_vtimezone(timezone.get_current_timezone_name()))
    stamp = timezone.now()
    for festival in selectors.festivals_for_calendar(unit=unit):
        event = Event()
        event.add("uid", f"festival-{festival.pk}@antq")
        event.add("dtstamp", stamp)
        event.add("dtstart", timezone.localtime(festival.starts_at))
        event.add("dtend", timezone.localtime(festival.ends_at))
        # Control characters are not allowed in iCalendar text (RFC 5545 §3.3.11).
        event.add("summary", text_printable(festival.title))
        event.add(
            "location",
            text_printable(
                ", ".join(
                    filter(None, [festival.venue, festival.address, festival.host_unit.full_name])
                )
            ),
        )
        event.add("url", request.build_absolute_uri(festival.get_public_url()))
        event.add(
            "description", text_printable(festival.description or festival.host_unit.full_name)
        )
        event.add("last-modified", festival.updated_at)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="antq-festivals.ics"'
    return response
