"""Public statistics, from published data only: one aggregate query per table.

Every table function takes a `StatsFilters` and returns a list of plain dicts (one per row), so
that the page, its charts and the CSV/XLSX downloads all read the same rows.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    F,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from awards.models import Award
from core.search import normalize_search_text
from events.enums import FestivalStatus
from events.models import Festival
from movements.models import MovementModel
from units.enums import UnitLevel
from units.models import AdministrativeUnit, UnitScope


@dataclass(frozen=True)
class StatsFilters:
    """The page's filters: a year and a current province (None: all)."""

    year: int | None = None
    province: AdministrativeUnit | None = None


def stats_provinces():
    """Today's provinces and centrally governed cities, for the province filter."""
    return list(
        AdministrativeUnit.objects.current()
        .filter(level=UnitLevel.PROVINCE)
        .order_by("search_text")
    )


def _published_q(filters, prefix=""):
    """Published festivals narrowed by `filters`; `prefix` reaches the festival from another model.

    The province filter takes every unit under the province, past and present, including the
    units it succeeded, as the public festival list does."""
    q = Q(**{f"{prefix}status": FestivalStatus.PUBLISHED})
    if filters.year:
        q &= Q(**{f"{prefix}year": filters.year})
    if filters.province is not None:
        units = AdministrativeUnit.objects.within([filters.province.pk])
        q &= Q(**{f"{prefix}host_unit__in": units})
    return q


def _published_festivals(filters):
    return Festival.objects.filter(_published_q(filters))


def _province_of_host():
    """The id of the host unit's province: the first level-1 unit up its parent chain (the host
    itself, its parent, or its parent's parent), worked out in the database."""
    return Case(
        When(host_unit__level=UnitLevel.PROVINCE, then=F("host_unit_id")),
        When(host_unit__parent__level=UnitLevel.PROVINCE, then=F("host_unit__parent_id")),
        When(
            host_unit__parent__parent__level=UnitLevel.PROVINCE,
            then=F("host_unit__parent__parent_id"),
        ),
    )


# --- tables ---------------------------------------------------------------------------------------


def festivals_by_year(filters):
    """Rows {year, festival_count}, oldest year first."""
    return list(
        _published_festivals(filters)
        .values("year")
        .annotate(festival_count=Count("pk"))
        .order_by("year")
    )


# Row kinds of the festivals-by-province query.
_COUNT, _SUCCESSOR, _PROVINCE = 0, 1, 2


def festivals_by_province(filters):
    """Rows {province_code, province_name, festival_count}, most festivals first.

    A festival counts for the province its host unit belongs to through the parent chain (a 2023
    festival of a township of a former district counts for the province above the district), shown
    as that province is today: a province merged since then counts for its successor.

    One query, a UNION of: the festivals counted by province id (grouping by an integer keeps it
    cheap with many festivals), the pairs (province, today's province holding it in its scope) and
    every province row, past or present, with its code and name. The few rows are merged here.
    """
    blank = {
        "other_id": Value(None, output_field=BigIntegerField()),
        "label_code": Value(None, output_field=CharField()),
        "label_name": Value(None, output_field=CharField()),
    }
    counts = (
        _published_festivals(filters)
        .values(row_kind=Value(_COUNT), province_id=_province_of_host(), **blank)
        .annotate(festival_count=Count("pk"))
        .order_by()
    )
    today = timezone.localdate()
    successors = (
        UnitScope.objects.filter(
            Q(root__valid_from__isnull=True) | Q(root__valid_from__lte=today),
            Q(root__valid_to__isnull=True) | Q(root__valid_to__gte=today),
            root__level=UnitLevel.PROVINCE,
            unit__level=UnitLevel.PROVINCE,
        )
        .values(
            row_kind=Value(_SUCCESSOR),
            province_id=F("unit_id"),
            other_id=F("root_id"),
            label_code=F("root__code"),
            label_name=F("root__name"),
            festival_count=Value(0),
        )
        .order_by()
    )
    provinces = (
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
        .values(
            row_kind=Value(_PROVINCE),
            province_id=F("id"),
            other_id=blank["other_id"],
            label_code=F("code"),
            label_name=F("name"),
            festival_count=Value(0),
        )
        .order_by()
    )
    rows = list(counts.union(successors, provinces, all=True))

    own = {row["province_id"]: row for row in rows if row["row_kind"] == _PROVINCE}
    # Today's province of each province row: itself while it exists, else the one succeeding it.
    current = {}
    for row in rows:
        if row["row_kind"] == _SUCCESSOR and (
            row["province_id"] not in current or row["other_id"] == row["province_id"]
        ):
            current[row["province_id"]] = row
    merged = {}
    for row in rows:
        if row["row_kind"] != _COUNT:
            continue
        province = current.get(row["province_id"])
        is_today = province is not None
        province = province or own.get(row["province_id"]) or {"label_code": "", "label_name": ""}
        # Rows of one province share its official code (a closed row and today's row).
        entry = merged.setdefault(
            province["label_code"],
            {"province_code": province["label_code"], "province_name": "", "festival_count": 0},
        )
        if is_today or not entry["province_name"]:
            entry["province_name"] = province["label_name"]
        entry["festival_count"] += row["festival_count"]
    return sorted(
        merged.values(),
        key=lambda row: (
            -row["festival_count"],
            normalize_search_text(row["province_name"]),
            row["province_code"],
        ),
    )


def _rounded_average(total, count):
    """`total / count` rounded half up to a whole number; None without a count."""
    if not count:
        return None
    return (2 * total + count) // (2 * count)


def attendance_by_year(filters):
    """Rows {year, festival_count, reported_count, total_attendance, average_attendance}.

    The average is over the published festivals whose report gives an attendance, rounded to a
    whole number of people; None when no report of that year gives one."""
    rows = list(
        _published_festivals(filters)
        .values("year")
        .annotate(
            festival_count=Count("pk"),
            reported_count=Count("report__attendance"),
            total_attendance=Coalesce(Sum("report__attendance"), 0),
        )
        .order_by("year")
    )
    for row in rows:
        row["average_attendance"] = _rounded_average(row["total_attendance"], row["reported_count"])
    return rows


def awards_by_form(filters):
    """Rows {form_name, award_count}: awards presented at published festivals, by award form."""
    return list(
        Award.objects.filter(_published_q(filters, prefix="festival__"))
        .values("form_id")
        .annotate(form_name=F("form__name"), award_count=Count("pk"))
        .order_by("-award_count", "form__order", "form__name")
        .values("form_name", "award_count")
    )


def awards_by_authority(filters):
    """Rows {authority_position, award_count}: awards presented at published festivals, by the
    issuing authority of their decision."""
    return list(
        Award.objects.filter(_published_q(filters, prefix="festival__"))
        .values("decision__authority_id")
        .annotate(authority_position=F("decision__authority__position"), award_count=Count("pk"))
        .order_by("-award_count", "decision__authority__position", "decision__authority_id")
        .values("authority_position", "award_count")
    )


def models_by_category(filters):
    """Rows {category_name, model_count}: the active models of the public directory by category.

    With a year, the models started in or before that year (and those whose start is not
    recorded); with a province, the models of units under it, past and present."""
    models = MovementModel.objects.public()
    if filters.year:
        models = models.filter(
            Q(started_on__isnull=True) | Q(started_on__lt=datetime.date(filters.year + 1, 1, 1))
        )
    if filters.province is not None:
        models = models.filter(unit__in=AdministrativeUnit.objects.within([filters.province.pk]))
    return list(
        models.values("category_id")
        .annotate(category_name=F("category__name"), model_count=Count("pk"))
        .order_by("-model_count", "category__order", "category__name")
        .values("category_name", "model_count")
    )


# --- headline figures -----------------------------------------------------------------------------


def headline_figures():
    """Figures for the home page: {festival_count, total_attendance, award_count, model_count}
    over everything published (three queries)."""
    festivals = Festival.objects.filter(status=FestivalStatus.PUBLISHED).aggregate(
        festival_count=Count("pk"),
        total_attendance=Coalesce(Sum("report__attendance"), 0),
    )
    return {
        **festivals,
        "award_count": Award.objects.filter(festival__status=FestivalStatus.PUBLISHED).count(),
        "model_count": MovementModel.objects.public().count(),
    }
