import re

from playwright.sync_api import expect

from demo.units import DEMO_PASSWORD


def test_district_staff_signs_in_and_switches_language(live_server, page, demo_data):
    page.goto(live_server.url + "/")
    # Vietnamese by default, although the browser asks for English.
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"
    )
    expect(page.get_by_test_id("count-communes")).to_have_text("3321")

    page.get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("demo-district")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page).to_have_url(re.compile(r"/manage/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Lê Thị Hồng Nhung")
    expect(page.get_by_text("Tỉnh Thanh Hóa").first).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Lê Thị Hồng Nhung")
    expect(page.get_by_role("link", name="Units", exact=True)).to_be_visible()

    page.get_by_role("button", name="Tiếng Việt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Lê Thị Hồng Nhung")


def test_wrong_password_is_explained_in_the_browser(live_server, page, demo_data):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("demo-commune")
    page.get_by_label("Mật khẩu").fill("not-the-password")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng")).to_be_visible()
