import datetime
import re

from playwright.sync_api import expect

from accounts.models import User
from demo.units import DEMO_PASSWORD
from events.models import Festival
from events.showcase import festival_models_set
from movements.models import MovementModel

NAME = "Đội tuần tra thanh niên xung kích khu phố 7"


def sign_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/manage/$"))


def test_commune_adds_a_model_shown_at_its_festival_and_the_public_finds_it(
    live_server, browser, demo_data
):
    base = live_server.url

    commune = browser.new_context(locale="vi-VN")
    page = commune.new_page()
    sign_in(page, base, "demo-commune")
    page.goto(base + "/manage/models/")
    expect(page.get_by_test_id("count-camera-an-ninh")).to_have_text("1")
    page.locator('a[href="/manage/models/new/"]').click()

    # The official keeps one commune only, so it is already chosen.
    expect(page.locator("#id_unit option:checked")).to_contain_text("Phường Đông Sơn")
    page.locator("#id_name").fill(NAME)
    page.locator("#id_category").select_option(label="Tổ dân phố tự quản về ANTT")
    page.locator("#id_lead_organisation").fill("Đoàn Thanh niên phường Đông Sơn")
    page.locator("#id_partner_organisations").fill("Công an phường Đông Sơn\nKhu phố 7")
    page.locator("#id_started_on").fill("2024-03-26")
    page.locator("#id_description").fill("Tuần tra các tối thứ Sáu và thứ Bảy.")
    page.get_by_role("button", name="Lưu lại").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(NAME)
    model = MovementModel.objects.get(name=NAME)
    assert (model.unit.code, model.category.code, model.started_on) == (
        "16378",
        "to-dan-pho-tu-quan",
        datetime.date(2024, 3, 26),
    )
    commune.close()

    # Choosing models on the festival plan belongs to the festival form; the service is the same.
    festival = Festival.objects.get(
        host_unit__code="16378",
        title__startswith="Ngày hội toàn dân bảo vệ an ninh Tổ quốc phường Đông Sơn năm",
    )
    festival_models_set(
        festival=festival, user=User.objects.get(username="demo-commune"), models=[model]
    )

    visitor = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = visitor.new_page()
    page.goto(base + "/models/")
    page.locator("#m-q").fill("doi tuan tra thanh nien xung kich")
    page.locator('form[role="search"] button[type="submit"]').click()
    expect(page.get_by_test_id("result-count")).to_contain_text("1")
    page.get_by_role("link", name=NAME).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.get_by_test_id("model-festivals").get_by_role("link")).to_have_text(festival.title)
    page.get_by_role("link", name=festival.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(festival.title)
    visitor.close()
