"""The statistics page and its downloads (portal/views/stats.py), through the test client."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from stats.selectors import StatsFilters
from stats.services import summaries_refresh
from stats.tables import TABLES

SVG = "{http://www.w3.org/2000/svg}"


class TableParser(HTMLParser):
    """The text of every cell of the tables of a page, by the tables' data-testid."""

    def __init__(self):
        super().__init__()
        self.tables, self._table, self._row, self._cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("data-testid", "").startswith("table-"):
            self._table = self.tables.setdefault(attrs["data-testid"][6:], [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(response):
    parser = TableParser()
    parser.feed(response.content.decode())
    return parser.tables


def svgs(response):
    return [
        ET.fromstring(markup)
        for markup in re.findall(r"<svg\b.*?</svg>", response.content.decode(), flags=re.S)
    ]


def download(client, table, fmt, **params):
    return client.get(reverse("stats:download", kwargs={"table": table, "fmt": fmt}), params)


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


# --- the page -------------------------------------------------------------------------------------


def test_page_shows_every_table_with_the_published_figures(english, scenario):
    response = english.get(reverse("stats:index"))

    assert response.status_code == 200
    tables = page_tables(response)
    assert set(tables) == set(TABLES)
    counts = {2007: 1, 2023: 1, 2024: 2, 2025: 3}
    years = range(2007, datetime.date.today().year + 1)
    # Years without a festival read 0 (issue 12, item 18).
    assert tables["festivals-by-year"] == [
        ["Year", "Published festivals"],
        *[[str(year), str(counts.get(year, 0))] for year in years],
    ]
    assert tables["festivals-by-province"][1:] == [
        ["Tỉnh Thanh Hóa", "38", "4"],
        ["Tỉnh Nghệ An", "40", "2"],
        ["Thành phố Hà Nội", "01", "1"],
    ]
    attendance = [row for row in tables["attendance-by-year"][1:] if row[1] != "0"]
    assert attendance == [
        ["2007", "1", "1", "120", "120"],
        ["2023", "1", "1", "500", "500"],
        ["2024", "2", "1", "80", "80"],
        ["2025", "3", "2", "551", "276"],
    ]
    assert tables["attendance-by-year"][2] == ["2008", "0", "0", "0", "—"]
    assert tables["tributes-by-year"][1] == ["2023", "3", "4", "1,000,000"]
    content = response.content.decode()
    assert 'data-testid="figure-festivals">7<' in content
    assert 'data-testid="figure-attendance">1,251<' in content
    assert 'data-testid="figure-awards">9<' in content
    assert 'data-testid="figure-tributes">4<' in content
    assert 'data-testid="figure-models">4<' in content
    assert 'data-testid="empty"' not in content


def test_page_formats_large_numbers_the_vietnamese_way_by_default(client, scenario):
    response = client.get(reverse("stats:index"))

    assert response["Content-Language"] == "vi"
    assert 'data-testid="figure-attendance">1.251<' in response.content.decode()


def test_charts_are_well_formed_svg_with_a_title_and_a_description(english, scenario):
    response = english.get(reverse("stats:index"))

    charts = svgs(response)
    assert len(charts) == len(TABLES)
    sections = {s.table.slug: s for s in response.context["sections"]}
    for chart in charts:
        slug = chart.get("data-testid").removeprefix("chart-")
        section = sections[slug]
        title, desc = chart.find(f"{SVG}title"), chart.find(f"{SVG}desc")
        assert chart.tag == f"{SVG}svg"
        assert chart.get("role") == "img"
        assert chart.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert title.text == str(section.table.chart_title)
        assert desc.text.startswith("Horizontal bar chart.")
        assert chart.get("style") is None
        assert not [e for e in chart.iter() if e.get("style") is not None]
        assert len(chart.findall(f".//{SVG}rect")) == len(section.rows)
        labels = [t.text for t in chart.iter(f"{SVG}text") if t.get("class") == "stats-bar-label"]
        values = [t.text for t in chart.iter(f"{SVG}text") if t.get("class") == "stats-bar-value"]
        assert labels == [section.table.label(row) for row in section.rows]
        assert values == [f"{row[section.table.value_key]:,}" for row in section.rows]


def test_chart_bars_are_proportional_to_the_values(english, scenario):
    response = english.get(reverse("stats:index"))

    chart = next(c for c in svgs(response) if c.get("data-testid") == "chart-festivals-by-year")
    widths = [float(rect.get("width")) for rect in chart.iter(f"{SVG}rect")]
    # 2007: 1, 2008–2022: 0, 2023: 1, 2024: 2, 2025: 3 festivals.
    assert widths[18] == pytest.approx(widths[0] * 3, abs=0.2)
    assert widths[17] == pytest.approx(widths[0] * 2, abs=0.2)
    assert widths[1] == 0


def test_page_has_no_inline_script_or_style(english, scenario):
    content = english.get(reverse("stats:index")).content.decode()
    main = content[content.index("<main") : content.index("</main>")]

    assert "<script" not in main
    assert "<style" not in main
    assert " style=" not in main


def test_filters_narrow_every_table_and_the_download_links(english, area, scenario):
    response = english.get(reverse("stats:index"), {"year": 2025, "province": "38"})

    tables = page_tables(response)
    assert tables["festivals-by-year"][1:] == [["2025", "2"]]
    assert tables["festivals-by-province"][1:] == [["Tỉnh Thanh Hóa", "38", "2"]]
    assert tables["attendance-by-year"][1:] == [["2025", "2", "2", "551", "276"]]
    assert tables["awards-by-form"][1:] == [["Giấy khen", "1"], ["Cờ thi đua", "1"]]
    assert tables["models-by-category"][1:] == [
        ["Camera an ninh trật tự", "2"],
        ["Tổ dân phố tự quản về ANTT", "1"],  # start not recorded
    ]
    content = response.content.decode()
    assert "Showing 2025 in Tỉnh Thanh Hóa." in content
    assert '/stats/awards-by-form.xlsx?year=2025&amp;province=38"' in content


def test_nothing_published_for_the_filters_shows_the_empty_state(english, scenario):
    response = english.get(reverse("stats:index"), {"year": 2023, "province": "40"})

    content = response.content.decode()
    assert 'data-testid="empty"' in content
    assert "No festival report is published for these filters yet." in content
    for slug in ["festivals-by-year", "festivals-by-province", "awards-by-authority"]:
        assert f'data-testid="empty-{slug}"' in content
    assert svgs(response) == []


def test_empty_database_shows_the_empty_state(client, db):
    response = client.get(reverse("stats:index"))

    assert response.status_code == 200
    with translation.override("vi"):
        message = gettext(
            "No festival report is published for these filters yet. Try another year or "
            "province, or clear the filters."
        )
    assert message in response.content.decode()
    assert page_tables(response) == {}


@pytest.mark.parametrize(
    ("params", "field"), [({"year": "abc"}, "year"), ({"province": "999"}, "province")]
)
def test_invalid_filter_is_shown_and_left_out(english, scenario, params, field):
    response = english.get(reverse("stats:index"), params)

    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="s-{field}-error"' in content
    assert 'aria-invalid="true"' in content
    assert [row for row in page_tables(response)["festivals-by-year"][1:] if row[1] != "0"] == [
        ["2007", "1"],
        ["2023", "1"],
        ["2024", "2"],
        ["2025", "3"],
    ]


# --- downloads ------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", list(TABLES))
def test_csv_download_holds_the_page_table(english, scenario, slug):
    page = page_tables(english.get(reverse("stats:index"), {"year": 2025}))[slug]

    response = download(english, slug, "csv", year=2025)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="antq-{slug}-2025.csv"'
    rows = csv_rows(response)
    assert rows[0] == page[0]
    # The file holds plain numbers where the page groups thousands ("200,000").
    assert [[cell or "—" for cell in row] for row in rows[1:]] == [
        [cell.replace(",", "") for cell in row] for row in page[1:]
    ]


@pytest.mark.parametrize("slug", list(TABLES))
def test_xlsx_download_holds_the_table_rows(english, area, scenario, slug):
    response = download(english, slug, "xlsx", province="38")

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="antq-{slug}-38.xlsx"'
    table = TABLES[slug]
    expected_rows = table.rows(StatsFilters(province=area.thanh_hoa))
    # The reader drops empty cells at the end of a row (an unknown average).
    width = len(table.columns)
    rows = [row + [None] * (width - len(row)) for row in xlsx_rows(response)]
    assert rows[0] == [str(c.header) for c in table.columns]
    assert rows[1:] == [[row[c.key] for c in table.columns] for row in expected_rows]


def test_xlsx_download_of_attendance_keeps_numbers_as_numbers(english, scenario):
    rows = [row for row in xlsx_rows(download(english, "attendance-by-year", "xlsx")) if row[1]]

    assert rows == [
        [
            "Year",
            "Published festivals",
            "Reports giving attendance",
            "Total attendance",
            "Average attendance",
        ],
        [2007, 1, 1, 120, 120],
        [2023, 1, 1, 500, 500],
        [2024, 2, 1, 80, 80],
        [2025, 3, 2, 551, 276],
    ]


def test_csv_download_leaves_an_unknown_average_empty(english, scenario):
    rows = csv_rows(download(english, "attendance-by-year", "csv", province="40"))

    assert rows[1:] == [
        ["2024", "1", "0", "0", ""],
        ["2025", "1", "0", "0", ""],
        *[[str(year), "0", "0", "0", ""] for year in range(2026, datetime.date.today().year + 1)],
    ]


@pytest.mark.parametrize("path", ["/stats/festivals-by-month.csv", "/stats/nothing.xlsx"])
def test_unknown_table_is_a_404(client, db, path):
    assert client.get(path).status_code == 404


def test_unknown_format_is_a_404(client, db):
    assert client.get("/stats/festivals-by-year.pdf").status_code == 404


def test_download_with_an_invalid_filter_is_a_400_with_the_reason(english, db):
    response = download(english, "festivals-by-year", "csv", year="20x5")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Year: Enter a whole number." in response.content.decode()


def test_download_of_text_starting_with_a_formula_sign_stays_text(english, area, forms):
    from tests.factories.awards import AwardFactory, DecisionFactory, IssuingAuthorityFactory
    from tests.factories.events import FestivalFactory

    authority = IssuingAuthorityFactory(position="=HYPERLINK(1)", unit=area.thanh_hoa)
    festival = FestivalFactory(host_unit=area.dong_son_ward)
    AwardFactory(decision=DecisionFactory(authority=authority), festival=festival)
    summaries_refresh()

    assert csv_rows(download(english, "awards-by-authority", "csv"))[1] == ["'=HYPERLINK(1)", "1"]
    assert xlsx_rows(download(english, "awards-by-authority", "xlsx"))[1] == ["=HYPERLINK(1)", 1]


def test_a_table_of_thousands_of_authorities_shows_the_largest_and_downloads_all(
    english, area, forms
):
    """Every commune's chairman across the country: the page shows the 25 largest (and charts
    them), says how many there are, and the download holds every row."""
    from tests.factories.awards import AwardFactory, DecisionFactory, IssuingAuthorityFactory
    from tests.factories.events import FestivalFactory

    festival = FestivalFactory(host_unit=area.dong_son_ward)
    for n in range(1, 31):
        authority = IssuingAuthorityFactory(
            position=f"Chủ tịch UBND xã {n:02}", unit=area.thanh_hoa
        )
        AwardFactory.create_batch(
            n, decision=DecisionFactory(authority=authority), festival=festival
        )
    summaries_refresh()

    page = english.get(reverse("stats:index"))
    rows = page_tables(page)["awards-by-authority"][1:]
    assert len(rows) == 25
    assert rows[0] == ["Chủ tịch UBND xã 30", "30"]
    assert rows[-1] == ["Chủ tịch UBND xã 06", "6"]
    assert "The 25 largest of 30 are shown; the downloads hold every row." in page.content.decode()
    assert len(csv_rows(download(english, "awards-by-authority", "csv"))) == 31
