import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from demo.units import DEMO_PASSWORD
from events.models import Festival

TITLE = "Ngày hội toàn dân bảo vệ ANTQ khu phố Rừng Thông"


def sign_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/manage/$"))


def fill_row(page, prefix, index, values):
    for field, value in values.items():
        locator = page.locator(f'[name="{prefix}-{index}-{field}"]')
        if locator.evaluate("el => el.tagName") == "SELECT":
            locator.select_option(value)
        else:
            locator.fill(value)


def test_commune_plans_district_approves_public_finds_it(live_server, browser, demo_data):
    base = live_server.url
    day = timezone.localdate() + datetime.timedelta(days=30)

    commune = browser.new_context(locale="vi-VN")
    page = commune.new_page()
    sign_in(page, base, "demo-commune")
    page.get_by_role("link", name="Kế hoạch").first.click()
    page.get_by_role("link", name="Ngày hội mới").click()

    page.locator("#id_year").fill(str(day.year))
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_starts_at").fill(f"{day:%Y-%m-%d}T07:30")
    page.locator("#id_ends_at").fill(f"{day:%Y-%m-%d}T11:00")
    page.locator("#id_venue").fill("Sân văn hóa khu phố 5")

    programme = [
        {"kind": "flag_salute", "title": "Chào cờ", "time": "07:30"},
        {
            "kind": "report",
            "title": "Báo cáo kết quả phong trào",
            "time": "07:45",
            "speaker_name": "Đỗ Văn Nam",
        },
        {"kind": "performance", "title": "Văn nghệ", "time": "09:00", "part": "festivities"},
    ]
    for index, row in enumerate(programme):
        page.locator('button[value="add-programme"]').click()
        expect(page.locator('[data-testid="programme-row"]')).to_have_count(index + 1)
        fill_row(page, "programme", index, row)
    delegates = [
        {"full_name": "Đỗ Văn Nam", "position": "Trưởng Công an phường", "category": "organiser"},
        {"full_name": "Vũ Thị Hoa", "position": "Chủ tịch Hội Phụ nữ phường", "category": "guest"},
    ]
    for index, row in enumerate(delegates):
        page.locator('button[value="add-delegates"]').click()
        expect(page.locator('[data-testid="delegates-row"]')).to_have_count(index + 1)
        fill_row(page, "delegates", index, row)
    # Adding rows kept what was typed above.
    expect(page.locator('[name="programme-0-title"]')).to_have_value("Chào cờ")
    page.get_by_role("button", name="Lưu lại").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    festival = Festival.objects.get(title=TITLE)
    assert festival.programme_items.count() == 3
    assert festival.delegates.count() == 2
    assert festival.programme_items.get(order=2).speaker.full_name == "Đỗ Văn Nam"
    page.get_by_role("button", name="Gửi phê duyệt").click()
    expect(page.get_by_text("Ngày hội đã được gửi phê duyệt.")).to_be_visible()
    commune.close()

    district = browser.new_context(locale="vi-VN")
    page = district.new_page()
    sign_in(page, base, "demo-district")
    page.get_by_test_id("needs-action").get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="Phê duyệt và công bố…").click()
    expect(page.get_by_test_id("becomes-public")).to_contain_text("3 mục chương trình")
    page.get_by_role("button", name="Phê duyệt và công bố").click()
    expect(page.get_by_text("Ngày hội đã được phê duyệt và công bố công khai.")).to_be_visible()
    district.close()

    visitor = browser.new_context(locale="en-US")
    page = visitor.new_page()
    page.goto(base + "/festivals/")
    page.get_by_label("Tìm kiếm", exact=True).fill("phuong dong son")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_text("Chào cờ", exact=True)).to_be_visible()
    expect(page.get_by_text("Vũ Thị Hoa")).to_be_visible()

    ics = page.request.get(base + "/calendar.ics").text()
    assert "SUMMARY:Ngày hội toàn dân bảo vệ ANTQ khu phố Rừng Thông" in ics.replace("\r\n ", "")
    assert f"DTSTART;TZID=Asia/Ho_Chi_Minh:{day:%Y%m%d}T073000" in ics
    visitor.close()


def test_form_errors_are_shown_without_losing_rows(live_server, browser, demo_data):
    base = live_server.url
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    sign_in(page, base, "demo-commune")
    page.goto(base + "/manage/festivals/new/")
    page.locator("#id_title").fill("Ngày hội có lỗi")
    page.locator("#id_starts_at").fill("2026-12-28T11:00")
    page.locator("#id_ends_at").fill("2026-12-28T07:00")
    page.locator('button[value="add-programme"]').click()
    expect(page.locator('[data-testid="programme-row"]')).to_have_count(1)
    fill_row(page, "programme", 0, {"kind": "opening", "title": "Khai mạc"})
    page.get_by_role("button", name="Lưu lại").click()
    message = "Thời gian kết thúc phải sau thời gian bắt đầu."
    # Beside the field, and as a link to it in the error summary at the top.
    expect(page.get_by_text(message, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=f"Kết thúc: {message}")).to_be_visible()
    expect(page.locator('[name="programme-0-title"]')).to_have_value("Khai mạc")
    assert not Festival.objects.filter(title="Ngày hội có lỗi").exists()
    context.close()
