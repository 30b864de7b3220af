"""The statistics tables (stats/selectors.py) against figures counted in Python from the objects
the scenario built: only published festivals count, whatever else is in the database."""

import datetime
from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest

from events.enums import FestivalStatus
from events.models import Festival
from movements.enums import ModelStatus
from stats import selectors
from stats.selectors import StatsFilters
from stats.services import summaries_refresh
from units.enums import UnitLevel
from units.models import UnitSuccession
from units.services import units_rebuild_scope

# --- independent oracles --------------------------------------------------------------------------


def province_of(unit):
    """Walk up the parent chain in Python (the selector does it in SQL)."""
    while unit.level != UnitLevel.PROVINCE:
        unit = unit.parent
    return unit


def keep(scenario, *, year=None, province_code=None):
    """The published festivals of the scenario that match the filters.

    In the scenario, a festival lies under today's province exactly when the province found up its
    parent chain has the same official code (the closed row of Thanh Hóa was succeeded by today's).
    """
    festivals = scenario.published
    if year:
        festivals = [f for f in festivals if f.year == year]
    if province_code:
        festivals = [f for f in festivals if province_of(f.host_unit).code == province_code]
    return festivals


def report_attendance(festival):
    report = getattr(festival, "report", None)
    return report.attendance if report else None


def expected_attendance(festivals):
    by_year = defaultdict(list)
    for festival in festivals:
        by_year[festival.year].append(report_attendance(festival))
    rows = []
    for year in sorted(by_year):
        given = [a for a in by_year[year] if a is not None]
        average = (
            int((Decimal(sum(given)) / len(given)).quantize(Decimal(1), ROUND_HALF_UP))
            if given
            else None
        )
        rows.append(
            {
                "year": year,
                "festival_count": len(by_year[year]),
                "reported_count": len(given),
                "total_attendance": sum(given),
                "average_attendance": average,
            }
        )
    return rows


def with_festivals(rows):
    """The rows of years that have a published festival (the tables also list the years between
    them, and up to this year, at 0)."""
    return [row for row in rows if row["festival_count"]]


def expected_awards(scenario, festivals, key, order):
    ids = {f.pk for f in festivals}
    counts = Counter(key(a) for a in scenario.awards if a.festival_id in ids)
    return sorted(counts.items(), key=lambda item: (-item[1], order(item[0]), item[0]))


# --- whole tables ---------------------------------------------------------------------------------


def test_festivals_by_year_counts_published_festivals_only(scenario):
    rows = selectors.festivals_by_year(StatsFilters())

    expected = sorted(Counter(f.year for f in scenario.published).items())
    assert [(r["year"], r["festival_count"]) for r in with_festivals(rows)] == expected
    assert expected == [(2007, 1), (2023, 1), (2024, 2), (2025, 3)]
    assert Festival.objects.filter(year=2025).count() == 3 + len(FestivalStatus) - 1


def test_festivals_by_year_shows_the_years_without_a_festival_up_to_this_year(scenario):
    rows = selectors.festivals_by_year(StatsFilters())

    this_year = datetime.date.today().year
    assert [r["year"] for r in rows] == list(range(2007, this_year + 1))
    assert {r["year"]: r["festival_count"] for r in rows}[2008] == 0
    assert selectors.festivals_by_year(StatsFilters(year=2010)) == []
    attendance = {r["year"]: r for r in selectors.attendance_by_year(StatsFilters())}
    assert attendance[2015] == {
        "year": 2015,
        "festival_count": 0,
        "reported_count": 0,
        "total_attendance": 0,
        "average_attendance": None,
    }


def test_festivals_by_province_follows_the_parent_chain(scenario):
    rows = selectors.festivals_by_province(StatsFilters())

    # Province codes as found up the parent chain → today's province.
    today = {
        "38": ("38", "Tỉnh Thanh Hóa"),
        "40": ("40", "Tỉnh Nghệ An"),
        "28": ("01", "Thành phố Hà Nội"),
    }
    counted = Counter(today[province_of(f.host_unit).code] for f in scenario.published)
    expected = sorted(
        ((code, name, n) for (code, name), n in counted.items()),
        key=lambda row: (-row[2], row[1]),
    )
    assert [(r["province_code"], r["province_name"], r["festival_count"]) for r in rows] == expected
    assert expected == [
        ("38", "Tỉnh Thanh Hóa", 4),
        ("40", "Tỉnh Nghệ An", 2),
        ("01", "Thành phố Hà Nội", 1),
    ]


def test_festival_of_a_former_township_counts_for_the_province_above_its_former_district(
    area, scenario
):
    township = scenario.rung_thong_2023.host_unit
    assert township == area.rung_thong_township
    assert township.parent == area.dong_son_district
    assert area.dong_son_district.valid_to == datetime.date(2024, 11, 30)

    rows = selectors.festivals_by_province(StatsFilters(year=2023))

    assert rows == [{"province_code": "38", "province_name": "Tỉnh Thanh Hóa", "festival_count": 1}]


def test_closed_row_of_a_province_counts_under_todays_name(scenario):
    rows = selectors.festivals_by_province(StatsFilters(year=2024))

    assert [(r["province_code"], r["province_name"], r["festival_count"]) for r in rows] == [
        ("40", "Tỉnh Nghệ An", 1),
        ("38", "Tỉnh Thanh Hóa", 1),
    ]


def test_province_merged_since_counts_for_its_successor(scenario):
    rows = selectors.festivals_by_province(StatsFilters(year=2007))

    assert scenario.ha_tay.valid_to == datetime.date(2008, 7, 31)
    assert rows == [
        {"province_code": "01", "province_name": "Thành phố Hà Nội", "festival_count": 1}
    ]


def test_province_without_a_recorded_successor_keeps_its_own_name(scenario):
    UnitSuccession.objects.filter(predecessor=scenario.ha_tay).delete()
    units_rebuild_scope()

    rows = selectors.festivals_by_province(StatsFilters(year=2007))

    assert rows == [{"province_code": "28", "province_name": "Tỉnh Hà Tây", "festival_count": 1}]


def test_attendance_by_year_totals_and_averages_the_reported_attendance(scenario):
    rows = with_festivals(selectors.attendance_by_year(StatsFilters()))

    assert rows == expected_attendance(scenario.published)
    assert rows[-1] == {
        "year": 2025,
        "festival_count": 3,
        "reported_count": 2,
        "total_attendance": 551,
        "average_attendance": 276,  # 275.5 rounded half up
    }


def test_awards_by_form_counts_awards_of_published_festivals_only(scenario, forms):
    rows = selectors.awards_by_form(StatsFilters())

    expected = expected_awards(
        scenario,
        scenario.published,
        key=lambda a: a.form.name,
        order=lambda name: next(f.order for f in forms.values() if f.name == name),
    )
    assert [(r["form_name"], r["award_count"]) for r in rows] == expected
    assert expected == [("Bằng khen", 4), ("Giấy khen", 4), ("Cờ thi đua", 1)]


def test_awards_by_authority_counts_awards_of_published_festivals_only(scenario):
    rows = selectors.awards_by_authority(StatsFilters())

    expected = expected_awards(
        scenario,
        scenario.published,
        key=lambda a: a.decision.authority.position,
        order=lambda _position: 0,
    )
    assert [(r["authority_position"], r["award_count"]) for r in rows] == expected
    assert expected == [
        ("Chủ tịch UBND huyện Đông Sơn", 4),
        ("Chủ tịch UBND tỉnh Thanh Hóa", 3),
        ("Chủ tịch UBND tỉnh Nghệ An", 2),
    ]


def test_models_by_category_counts_active_models(scenario):
    rows = selectors.models_by_category(StatsFilters())

    active = [m for m in scenario.models if m.status == ModelStatus.ACTIVE]
    counts = Counter(m.category for m in active)
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0].order))
    assert [(r["category_name"], r["model_count"]) for r in rows] == [
        (c.name, n) for c, n in expected
    ]
    assert [r["model_count"] for r in rows] == [2, 1, 1]


# --- unpublished data -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [s for s in FestivalStatus if s != FestivalStatus.PUBLISHED])
def test_festival_in_another_status_is_never_counted(area, forms, status):
    from tests.factories.awards import (
        AwardFactory,
        DecisionFactory,
        IssuingAuthorityFactory,
        TributeFactory,
    )
    from tests.factories.events import FestivalFactory, FestivalReportFactory

    festival = FestivalFactory(host_unit=area.dong_son_ward, status=status)
    FestivalReportFactory(festival=festival, attendance=700)
    authority = IssuingAuthorityFactory(unit=area.thanh_hoa)
    AwardFactory(decision=DecisionFactory(authority=authority), festival=festival)
    TributeFactory(festival=festival)
    summaries_refresh()
    everything = StatsFilters()

    assert selectors.festivals_by_year(everything) == []
    assert selectors.festivals_by_province(everything) == []
    assert selectors.attendance_by_year(everything) == []
    assert selectors.awards_by_form(everything) == []
    assert selectors.awards_by_authority(everything) == []
    assert selectors.tributes_by_year(everything) == []
    assert selectors.headline_figures() == {
        "festival_count": 0,
        "total_attendance": 0,
        "award_count": 0,
        "tribute_count": 0,
        "model_count": 0,
    }


# --- filters --------------------------------------------------------------------------------------

FILTER_CASES = [
    {"year": 2025},
    {"year": 2023},
    {"province_code": "38"},
    {"province_code": "40"},
    {"year": 2024, "province_code": "38"},
    {"year": 2023, "province_code": "40"},
]


@pytest.mark.parametrize("case", FILTER_CASES)
def test_filters_apply_to_every_festival_table(area, scenario, forms, case):
    provinces = {"38": area.thanh_hoa, "40": area.other_province}
    filters = StatsFilters(year=case.get("year"), province=provinces.get(case.get("province_code")))
    festivals = keep(scenario, **case)

    by_year = selectors.festivals_by_year(filters)
    by_province = selectors.festivals_by_province(filters)
    attendance = selectors.attendance_by_year(filters)
    by_form = selectors.awards_by_form(filters)

    assert [(r["year"], r["festival_count"]) for r in with_festivals(by_year)] == sorted(
        Counter(f.year for f in festivals).items()
    )
    assert {r["province_code"]: r["festival_count"] for r in by_province} == Counter(
        province_of(f.host_unit).code for f in festivals
    )
    assert with_festivals(attendance) == expected_attendance(festivals)
    assert {(r["form_name"], r["award_count"]) for r in by_form} == set(
        expected_awards(scenario, festivals, key=lambda a: a.form.name, order=lambda _n: 0)
    )


def test_year_and_province_filters_narrow_the_figures(area, scenario):
    filters = StatsFilters(year=2025, province=area.thanh_hoa)

    assert selectors.festivals_by_year(filters) == [{"year": 2025, "festival_count": 2}]
    assert selectors.awards_by_authority(filters) == [
        {"authority_position": "Chủ tịch UBND huyện Đông Sơn", "award_count": 1},
        {"authority_position": "Chủ tịch UBND tỉnh Thanh Hóa", "award_count": 1},
    ]
    assert selectors.festivals_by_year(StatsFilters(year=2023, province=area.other_province)) == []


def test_models_filters_take_the_province_and_models_started_by_the_year(area, scenario):
    def counts(filters):
        return [
            (r["category_name"], r["model_count"]) for r in selectors.models_by_category(filters)
        ]

    assert counts(StatsFilters(province=area.thanh_hoa)) == [
        ("Camera an ninh trật tự", 2),
        ("Tổ dân phố tự quản về ANTT", 1),  # kept by the former township of Rừng Thông
    ]
    assert counts(StatsFilters(province=area.other_province)) == [
        ("Cổng trường an toàn giao thông", 1)
    ]
    # 2023: the camera started in 2022 and the model whose start is not recorded.
    assert counts(StatsFilters(year=2023)) == [
        ("Camera an ninh trật tự", 1),
        ("Tổ dân phố tự quản về ANTT", 1),
    ]


def test_headline_figures_sum_everything_published(scenario):
    published_ids = {f.pk for f in scenario.published}

    assert selectors.headline_figures() == {
        "festival_count": len(scenario.published),
        "total_attendance": sum(report_attendance(f) or 0 for f in scenario.published),
        "award_count": sum(1 for a in scenario.awards if a.festival_id in published_ids),
        "tribute_count": sum(1 for t in scenario.tributes if t.festival_id in published_ids),
        "model_count": sum(1 for m in scenario.models if m.status == ModelStatus.ACTIVE),
    }


def test_stats_provinces_lists_todays_provinces(area, scenario):
    assert [p.code for p in selectors.stats_provinces()] == ["01", "40", "38"]


def test_tributes_by_year_counts_tributes_of_published_festivals_only(scenario):
    rows = selectors.tributes_by_year(StatsFilters())

    # Two flower baskets and a gift of 2 packages worth 1,000,000 at the 2023 festival of Rừng
    # Thông, a basket in 2025; the tribute at a festival not published is left out.
    none = {"tribute_count": 0, "total_quantity": 0, "total_value": 0}
    assert rows == [
        {"year": 2023, "tribute_count": 3, "total_quantity": 4, "total_value": 1_000_000},
        {"year": 2024, **none},
        {"year": 2025, "tribute_count": 1, "total_quantity": 1, "total_value": 200_000},
        *[{"year": year, **none} for year in range(2026, datetime.date.today().year + 1)],
    ]
    assert selectors.tributes_by_year(StatsFilters(year=2024)) == []
