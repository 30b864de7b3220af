"""What the staff printouts carry (issue 12 item 10): the issuing unit, the title and the date at
the top, the totals of an award list, "presented at" once when it is the same for every row."""

import datetime

from django.urls import reverse
from django.utils import formats, timezone, translation

from tests.factories.events import make_festival
from tests.printing import print_header_text


def printed_on():
    return f"In ngày {timezone.localdate():%d/%m/%Y}"


def long_date(moment):
    with translation.override("vi"):
        return formats.date_format(timezone.localtime(moment), "H:i, l d/m/Y")


def test_printable_programme_header_names_the_host_title_and_day(
    client, area, commune_official, district_staff
):
    festival = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date(2027, 8, 19),
        title="Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn năm 2027",
    )
    client.force_login(district_staff)

    page = client.get(reverse("events:festival.print", args=[festival.pk])).content.decode()

    assert print_header_text(page) == (
        "Phường Đông Sơn, Tỉnh Thanh Hóa "
        "Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn năm 2027 "
        f"{long_date(festival.starts_at)} · {festival.venue} "
        f"Kế hoạch {festival.plan_number} · {printed_on()}"
    )
    assert "<h1" in page.split('data-testid="print-header"')[1].split("</header>")[0]


def test_decision_print_header_carries_authority_number_date_and_totals(
    client, recorded, district_staff
):
    client.force_login(district_staff)

    response = client.get(reverse("awards:decision.print", args=[recorded.pk]))

    page = response.content.decode()
    day = recorded.date.strftime("%d/%m/%Y")
    assert print_header_text(page) == (
        "Chủ tịch UBND tỉnh Thanh Hóa "
        f"Danh sách khen thưởng theo Quyết định số 125/QĐ-UBND ngày {day} "
        "Người ký Đầu Thanh Tùng, Chủ tịch UBND tỉnh "
        f"4 khen thưởng · Tổng số tiền (đồng): 4.000.000 · {printed_on()}"
    )
    # Awards of several festivals (and none): each row says where it was presented.
    assert 'data-testid="presented-at"' not in page
    assert '<th scope="col">Trao tại</th>' in page
    total_row = page.split('data-testid="award-total-row"')[1].split("</tr>")[0]
    assert "4.000.000" in total_row
    # The landscape sheet is linked by the printout.
    assert "css/print-wide" in page


def test_decision_print_states_the_festival_once_when_every_award_shares_it(
    client, recorded, commune_official, dong_son_festival
):
    client.force_login(commune_official)

    response = client.get(reverse("awards:decision.print", args=[recorded.pk]))

    page = response.content.decode()
    header = print_header_text(page)
    festival_day = timezone.localtime(dong_son_festival.starts_at).strftime("%d/%m/%Y")
    assert f"Trao tại: {dong_son_festival.title} ({festival_day})" in header
    assert header.endswith(f"2 khen thưởng · Tổng số tiền (đồng): 1.500.000 · {printed_on()}")
    assert '<th scope="col">Trao tại</th>' not in page
    table = page.split("<table")[1]
    assert dong_son_festival.title not in table


def test_decision_page_prints_its_awards_as_a_list_in_place_of_the_editor(
    client, recorded, district_staff
):
    client.force_login(district_staff)

    response = client.get(recorded.get_absolute_url())

    page = response.content.decode()
    assert response.context["formset"] is not None
    assert print_header_text(page) == f"Chủ tịch UBND tỉnh Thanh Hóa {printed_on()}"
    printed = page.split('<div class="print-only">')[1].split("</table>")[0]
    for name in ("Lê Thị Hoa", "Công an phường Đông Sơn", "Trần Văn Nam", "Hộ ông Nguyễn Văn Bình"):
        assert name in printed
    assert "4.000.000" in printed.split('data-testid="award-total-row"')[1]
    assert '<div id="award-editor" class="no-print">' in page


def test_staff_festival_page_prints_the_host_at_the_top(client, area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.rung_thong_township)
    client.force_login(commune_official)

    page = client.get(festival.get_absolute_url()).content.decode()

    assert print_header_text(page) == (
        f"Thị trấn Rừng Thông, Huyện Đông Sơn, Tỉnh Thanh Hóa {printed_on()}"
    )
    assert page.index('data-testid="print-header"') < page.index("<h1")
