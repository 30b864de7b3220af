"""The statistics tables: what each one counts, its columns, and the selector giving its rows.

The page, its charts and the CSV/XLSX downloads all read the tables from `TABLES`, so a figure
reads the same wherever it is shown.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from stats import selectors
from stats.charts import BarChart, bar_chart

TEXT = "text"
YEAR = "year"
NUMBER = "number"


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise
    kind: str = NUMBER

    @property
    def is_number(self):
        return self.kind == NUMBER


@dataclass(frozen=True)
class StatsTable:
    slug: str
    title: Promise
    note: Promise
    columns: tuple[Column, ...]
    rows: Callable
    label_key: str
    value_key: str
    chart_title: Promise
    uses_festivals: bool = True
    # The page shows at most this many rows (the largest first) and its chart the same; the
    # downloads hold every row. None: all of them.
    page_rows: int | None = None

    def label(self, row):
        value = row[self.label_key]
        if self.label_key == "province_name" and not value:
            return str(_("Province not recorded"))
        return str(value)


TABLES = {
    table.slug: table
    for table in (
        StatsTable(
            slug="festivals-by-year",
            title=_("Festivals by year"),
            note=_("Published festival reports, by the year of the festival."),
            columns=(
                Column("year", _("Year"), YEAR),
                Column("festival_count", _("Published festivals")),
            ),
            rows=selectors.festivals_by_year,
            label_key="year",
            value_key="festival_count",
            chart_title=_("Published festivals per year"),
        ),
        StatsTable(
            slug="festivals-by-province",
            title=_("Festivals by province"),
            note=_(
                "Each festival counts for the province of its host unit, named as it is today; "
                "festivals of units merged or renamed since are included."
            ),
            columns=(
                Column("province_name", _("Province"), TEXT),
                Column("province_code", _("Code"), TEXT),
                Column("festival_count", _("Published festivals")),
            ),
            rows=selectors.festivals_by_province,
            label_key="province_name",
            value_key="festival_count",
            chart_title=_("Published festivals per province"),
        ),
        StatsTable(
            slug="attendance-by-year",
            title=_("Attendance by year"),
            note=_(
                "People attending, as given in the published reports; the average is over the "
                "reports that give an attendance."
            ),
            columns=(
                Column("year", _("Year"), YEAR),
                Column("festival_count", _("Published festivals")),
                Column("reported_count", _("Reports giving attendance")),
                Column("total_attendance", _("Total attendance")),
                Column("average_attendance", _("Average attendance")),
            ),
            rows=selectors.attendance_by_year,
            label_key="year",
            value_key="total_attendance",
            chart_title=_("Total attendance per year"),
        ),
        StatsTable(
            slug="awards-by-form",
            title=_("Awards by form"),
            note=_("Awards and commendations presented at published festivals."),
            columns=(
                Column("form_name", _("Award form"), TEXT),
                Column("award_count", _("Awards")),
            ),
            rows=selectors.awards_by_form,
            label_key="form_name",
            value_key="award_count",
            chart_title=_("Awards per award form"),
        ),
        StatsTable(
            slug="awards-by-authority",
            title=_("Awards by issuing authority"),
            note=_("Awards presented at published festivals, by the authority that decided them."),
            columns=(
                Column("authority_position", _("Issuing authority"), TEXT),
                Column("award_count", _("Awards")),
            ),
            rows=selectors.awards_by_authority,
            label_key="authority_position",
            value_key="award_count",
            chart_title=_("Awards per issuing authority"),
            # Every commune's and district's chairman across the country: thousands of rows.
            page_rows=25,
        ),
        StatsTable(
            slug="tributes-by-year",
            title=_("Tributes by year"),
            note=_(
                "Flower baskets, gifts and cash given at published festivals (not legal awards); "
                "the value is as recorded, in đồng."
            ),
            columns=(
                Column("year", _("Year"), YEAR),
                Column("tribute_count", _("Tributes")),
                Column("total_quantity", _("Items given")),
                Column("total_value", _("Value (VND)")),
            ),
            rows=selectors.tributes_by_year,
            label_key="year",
            value_key="tribute_count",
            chart_title=_("Tributes per year"),
        ),
        StatsTable(
            slug="models-by-category",
            title=_("Movement models by category"),
            note=_(
                "Active models of the public directory. With a year chosen: the models started "
                "in or before that year, and those whose start is not recorded."
            ),
            columns=(
                Column("category_name", _("Model category"), TEXT),
                Column("model_count", _("Active models")),
            ),
            rows=selectors.models_by_category,
            label_key="category_name",
            value_key="model_count",
            chart_title=_("Active movement models per category"),
            uses_festivals=False,
        ),
    )
}


def format_number(value):
    """1234 → "1.234" in Vietnamese, "1,234" in English; None → "—"."""
    if value is None:
        return "—"
    return f"{int(value):,}".replace(",", get_format("THOUSAND_SEPARATOR"))


@dataclass
class Section:
    """One table of the page: its rows (as display cells), its chart and its totals."""

    table: StatsTable
    rows: list
    chart: BarChart | None

    @property
    def shown_rows(self):
        """The rows the page shows: the first `page_rows` of them."""
        limit = self.table.page_rows
        return self.rows if limit is None else self.rows[:limit]

    @property
    def hidden_count(self):
        return len(self.rows) - len(self.shown_rows)

    @property
    def counts_display(self):
        """(rows shown, rows in all), written as numbers are in the visitor's language."""
        return format_number(len(self.shown_rows)), format_number(len(self.rows))

    @property
    def cells(self):
        return [
            [
                (format_number(row[c.key]) if c.is_number else (row[c.key] or "—"), c.is_number)
                for c in self.table.columns
            ]
            for row in self.shown_rows
        ]

    def total(self, key):
        return sum(row[key] or 0 for row in self.rows)


def stats_sections(filters):
    """Every table's rows and chart for `filters`: one query per table."""
    sections = []
    for table in TABLES.values():
        rows = table.rows(filters)
        shown = rows if table.page_rows is None else rows[: table.page_rows]
        chart = bar_chart(
            chart_id=f"chart-{table.slug}",
            title=str(table.chart_title),
            items=[(table.label(row), row[table.value_key] or 0) for row in shown],
            display=format_number,
        )
        sections.append(Section(table=table, rows=rows, chart=chart))
    return sections


def headline_from_sections(sections):
    """Totals for the figures at the top of the page, from rows already read (no query)."""
    by_slug = {section.table.slug: section for section in sections}
    return {
        "festival_count": by_slug["festivals-by-year"].total("festival_count"),
        "total_attendance": by_slug["attendance-by-year"].total("total_attendance"),
        "award_count": by_slug["awards-by-form"].total("award_count"),
        "tribute_count": by_slug["tributes-by-year"].total("tribute_count"),
        "model_count": by_slug["models-by-category"].total("model_count"),
    }
