import datetime

from django.utils import timezone
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from awards.models import Award, Decision
from awards.spreadsheets import HEADERS
from events.models import Festival
from events.pickers import festival_picker_label
from tests.e2e.test_festival_planning import sign_in


def award_rows(decision):
    return [
        (
            a.form.name,
            a.recipient_kind,
            a.recipient_name,
            a.position,
            a.organisation,
            a.citation,
            a.amount,
            a.festival_id,
        )
        for a in Award.objects.filter(decision=decision)
        .select_related("form")
        .order_by("order", "pk")
    ]


def new_decision(page, base, number):
    page.goto(base + "/manage/awards/new/")
    page.locator("#id_number").fill(number)
    page.locator("#id_date").fill(f"{timezone.localdate():%Y-%m-%d}")
    page.locator("#id_authority").select_option(label="Chủ tịch UBND tỉnh Thanh Hóa")
    page.locator("#id_signer_name").fill("Hoàng Minh Đức")
    page.get_by_role("button", name="Lưu lại").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Quyết định {number}")
    return Decision.objects.get(number=number)


def import_file(page, base, decision, path):
    page.goto(base + f"/manage/awards/{decision.pk}/import/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_test_id("import-ready")).to_be_visible()
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Quyết định {decision.number}")


def test_district_records_imports_exports_and_reimports_awards(
    live_server, browser, demo_data, tmp_path
):
    base = live_server.url
    festival = Festival.objects.filter(
        host_unit__code="16378", status="scheduled", ends_at__gte=timezone.now()
    ).get()
    festival_label = festival_picker_label(festival)
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    sign_in(page, base, "demo-district")

    decision = new_decision(page, base, "88/QĐ-UBND")
    for index in range(5):
        page.locator('button[value="add-awards"]').click()
        expect(page.locator('[data-testid="awards-row"]')).to_have_count(index + 1)
        page.locator(f'[name="awards-{index}-form"]').select_option(label="Bằng khen")
        page.locator(f'[name="awards-{index}-recipient_kind"]').select_option("individual")
        page.locator(f'[name="awards-{index}-recipient_name"]').fill(
            f"Nguyễn Văn Thành {index + 1}"
        )
        page.locator(f'[name="awards-{index}-organisation"]').fill("Công an phường Đông Sơn")
        page.locator(f'[name="awards-{index}-amount"]').fill("1500000")
        # The festival is found by typing (a search picker, not a list of every festival).
        page.locator(f'[name="awards-{index}-festival_search"]').press_sequentially("dong son")
        picker = page.locator(f'[name="awards-{index}-festival"]')
        expect(picker.locator("option", has_text=festival_label)).to_have_count(1)
        picker.select_option(label=festival_label)
    page.get_by_role("button", name="Lưu các khen thưởng").click()
    expect(page.get_by_text("Đã lưu các khen thưởng.")).to_be_visible()
    assert Award.objects.filter(decision=decision).count() == 5

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for n in range(1, 31):
        sheet.append(
            [
                n,
                "Bằng khen",
                "Tập thể" if n % 3 == 0 else "Cá nhân",
                f"Trần Thị Hương {n}",
                "Tổ trưởng",
                "Khu phố 3",
                "Có thành tích trong phong trào",
                f"{n * 100}.000",
                f"{festival.year}/{festival.slug}",
            ]
        )
    upload = tmp_path / "danh-sach.xlsx"
    workbook.save(upload)
    import_file(page, base, decision, upload)
    assert Award.objects.filter(decision=decision).count() == 35
    assert Award.objects.get(decision=decision, recipient_name="Trần Thị Hương 7").amount == 700_000

    page.goto(base + decision.get_absolute_url())
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất .xlsx").click()
    exported = tmp_path / "export.xlsx"
    download_info.value.save_as(exported)
    rows = list(load_workbook(exported).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert len(rows) == 36

    copy = new_decision(page, base, "89/QĐ-UBND")
    import_file(page, base, copy, exported)
    assert award_rows(copy) == award_rows(decision)
    assert len(award_rows(copy)) == 35
    context.close()


def test_public_festival_page_shows_awards_and_tributes(live_server, page, demo_data):
    festival = Festival.objects.get(year=2023)
    page.goto(live_server.url + festival.get_public_url())
    awards = page.get_by_test_id("public-awards")
    expect(awards.get_by_text("Nhân dân và cán bộ thị trấn Rừng Thông", exact=True)).to_be_visible()
    expect(page.get_by_test_id("public-tributes")).to_contain_text("Tỉnh ủy Thanh Hóa")
    assert datetime.date(2023, 8, 3) == timezone.localtime(festival.starts_at).date()
