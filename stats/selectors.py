"""Public statistics, from published data only: one query per table, on the summary tables
(stats.models) rather than over every festival and award.

Every table function takes a `StatsFilters` and returns a list of plain dicts (one per row), so
that the page, its charts and the CSV/XLSX downloads all read the same rows.
"""

import datetime
from dataclasses import dataclass

from django.db.models import BigIntegerField, CharField, Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.search import normalize_search_text
from events.enums import FestivalStatus
from events.models import Festival
from movements.models import MovementModel
from stats.models import AwardSummary, FestivalSummary, TributeSummary
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


def _summaries(model, filters, **conditions):
    """Rows of a summary table narrowed by `filters`. A province takes the summaries of every
    province row in its scope: itself, past and present, and the provinces it succeeded."""
    rows = model.objects.filter(**conditions)
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.province is not None:
        rows = rows.filter(
            province__in=UnitScope.objects.filter(
                root=filters.province, unit__level=UnitLevel.PROVINCE
            ).values("unit_id")
        )
    return rows


def _published(filters):
    return _summaries(FestivalSummary, filters, status=FestivalStatus.PUBLISHED)


def _every_year(rows, filters, **zero):
    """`rows` (by year, oldest first) with a row of `zero` values for each year after the first
    that has none, up to this year (a year without a festival reads 0, not missing); no rows
    when nothing counts at all."""
    by_year = {row["year"]: row for row in rows}
    if not by_year or filters.year:
        return list(rows)
    years = range(min(by_year), max(max(by_year), timezone.localdate().year) + 1)
    return [by_year.get(year) or {"year": year, **zero} for year in years]


# --- tables ---------------------------------------------------------------------------------------


def festivals_by_year(filters):
    """Rows {year, festival_count}, oldest year first; years without a festival count 0."""
    rows = (
        _published(filters)
        .values("year")
        .annotate(festival_count=Sum("festival_count"))
        .order_by("year")
    )
    return _every_year(list(rows), filters, festival_count=0)


# Row kinds of the festivals-by-province query.
_COUNT, _SUCCESSOR, _PROVINCE = 0, 1, 2


def festivals_by_province(filters):
    """Rows {province_code, province_name, festival_count}, most festivals first.

    A festival counts for the province its host unit belonged to through the parent chain (a 2023
    festival of a township of a former district counts for the province above the district), shown
    as that province is today: a province merged since then counts for its successor.

    One query, a UNION of: the summaries' counts by province id, the pairs (province, today's
    province holding it in its scope) and every province row, past or present, with its code and
    name. The few rows are merged here.
    """
    blank = {
        "other_id": Value(None, output_field=BigIntegerField()),
        "label_code": Value(None, output_field=CharField()),
        "label_name": Value(None, output_field=CharField()),
    }
    counts = (
        _published(filters)
        .values(row_kind=Value(_COUNT), province_key=F("province_id"), **blank)
        .annotate(festival_count=Sum("festival_count"))
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
            province_key=F("unit_id"),
            other_id=F("root_id"),
            label_code=F("root__code"),
            label_name=F("root__name"),
            festival_count=Value(0, output_field=BigIntegerField()),
        )
        .order_by()
    )
    provinces = (
        AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE)
        .values(
            row_kind=Value(_PROVINCE),
            province_key=F("id"),
            other_id=blank["other_id"],
            label_code=F("code"),
            label_name=F("name"),
            festival_count=Value(0, output_field=BigIntegerField()),
        )
        .order_by()
    )
    rows = list(counts.union(successors, provinces, all=True))

    own = {row["province_key"]: row for row in rows if row["row_kind"] == _PROVINCE}
    # Today's province of each province row: itself while it exists, else the one succeeding it.
    current = {}
    for row in rows:
        if row["row_kind"] == _SUCCESSOR and (
            row["province_key"] not in current or row["other_id"] == row["province_key"]
        ):
            current[row["province_key"]] = row
    merged = {}
    for row in rows:
        if row["row_kind"] != _COUNT:
            continue
        province = current.get(row["province_key"])
        is_today = province is not None
        province = province or own.get(row["province_key"]) or {"label_code": "", "label_name": ""}
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
    rows = (
        _published(filters)
        .values("year")
        .annotate(
            festival_count=Sum("festival_count"),
            reported_count=Sum("reported_count"),
            total_attendance=Sum("total_attendance"),
        )
        .order_by("year")
    )
    rows = _every_year(list(rows), filters, festival_count=0, reported_count=0, total_attendance=0)
    for row in rows:
        row["average_attendance"] = _rounded_average(row["total_attendance"], row["reported_count"])
    return rows


def awards_by_form(filters):
    """Rows {form_name, award_count}: awards presented at published festivals, by award form."""
    return list(
        _summaries(AwardSummary, filters)
        .values("form_id")
        .annotate(form_name=F("form__name"), award_count=Sum("award_count"))
        .order_by("-award_count", "form__order", "form__name")
        .values("form_name", "award_count")
    )


def awards_by_authority(filters):
    """Rows {authority_position, award_count}: awards presented at published festivals, by the
    issuing authority of their decision."""
    return list(
        _summaries(AwardSummary, filters)
        .values("authority_id")
        .annotate(authority_position=F("authority__position"), award_count=Sum("award_count"))
        .order_by("-award_count", "authority__position", "authority_id")
        .values("authority_position", "award_count")
    )


def tributes_by_year(filters):
    """Rows {year, tribute_count, total_quantity, total_value}: flowers, gifts and cash given at
    published festivals, oldest year first; years without one count 0."""
    rows = (
        _summaries(TributeSummary, filters)
        .values("year")
        .annotate(
            tribute_count=Sum("tribute_count"),
            total_quantity=Sum("total_quantity"),
            total_value=Sum("total_value"),
        )
        .order_by("year")
    )
    return _every_year(list(rows), filters, tribute_count=0, total_quantity=0, total_value=0)


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
    """Figures over everything published: {festival_count, total_attendance, award_count,
    tribute_count, model_count} (four queries, three of them on the summaries)."""
    festivals = FestivalSummary.objects.filter(status=FestivalStatus.PUBLISHED).aggregate(
        festival_count=Coalesce(Sum("festival_count"), 0),
        total_attendance=Coalesce(Sum("total_attendance"), 0),
    )
    return {
        **festivals,
        "award_count": AwardSummary.objects.aggregate(n=Coalesce(Sum("award_count"), 0))["n"],
        "tribute_count": TributeSummary.objects.aggregate(n=Coalesce(Sum("tribute_count"), 0))["n"],
        "model_count": MovementModel.objects.public().count(),
    }


def home_figures():
    """The home page's figures: {reports, attendance, upcoming} — published reports and the
    people they say attended, from the summaries, and the announcements not yet ended (two
    queries)."""
    figures = FestivalSummary.objects.filter(status=FestivalStatus.PUBLISHED).aggregate(
        reports=Coalesce(Sum("festival_count"), 0),
        attendance=Coalesce(Sum("total_attendance"), 0),
    )
    return {**figures, "upcoming": Festival.objects.announced().count()}
