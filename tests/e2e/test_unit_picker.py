import pytest
from playwright.sync_api import expect

from tests.e2e.test_festival_planning import sign_in


@pytest.mark.parametrize("width", [390, 1280])
def test_commune_official_finds_the_host_commune_by_typing_in_the_picker(
    live_server, browser, demo_data, width
):
    """Inside the festival editor (whose form selects its own part of every answer) the picker's
    options arrive for what is typed, without diacritics, found by a former name."""
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, live_server.url, "demo-commune")
    page.goto(live_server.url + "/manage/festivals/new/")

    host = page.locator("#id_host_unit")
    # Before typing only the chosen unit is there; the search answers with today's ward found
    # by its former name.
    expect(host.locator("option", has_text="Rừng Thông")).to_have_count(0)
    page.locator('[name="host_unit_search"]').press_sequentially("rung thong")
    found = host.locator("option", has_text="Rừng Thông")
    expect(found).to_have_count(1)
    expect(found).to_contain_text("Phường Đông Sơn")
    host.select_option(label=found.inner_text())
    # The editor is still there: the answer did not replace it with nothing.
    expect(page.locator('[data-testid="festival-form"]')).to_be_visible()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_festival_of_2023_is_recorded_at_the_township_the_picker_offers_for_its_date(
    live_server, browser, demo_data, width
):
    """The picker follows the date typed in the editor: for 18 August 2023 it offers thị trấn
    Rừng Thông, marked with what it is part of now, and the festival is saved there."""
    from events.models import Festival

    title = f"Ngày hội thị trấn Rừng Thông năm 2023 ({width})"
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    sign_in(page, live_server.url, "demo-commune")
    page.goto(live_server.url + "/manage/festivals/new/")
    page.locator("#id_year").fill("2023")
    page.locator("#id_title").fill(title)
    page.locator("#id_starts_at").fill("2023-08-18T07:30")
    page.locator("#id_ends_at").fill("2023-08-18T11:00")

    host = page.locator("#id_host_unit")
    page.locator('[name="host_unit_search"]').press_sequentially("rung thong")
    township = host.locator("option", has_text="Thị trấn Rừng Thông")
    expect(township).to_have_count(1)
    expect(township).to_contain_text("nay thuộc Phường Đông Sơn")
    expect(host.locator("option", has_text="Phường Đông Sơn (")).to_have_count(0)
    host.select_option(label=township.inner_text())
    page.get_by_role("button", name="Lưu lại").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    festival = Festival.objects.get(title=title)
    assert (festival.host_unit.name, festival.year) == ("Thị trấn Rừng Thông", 2023)
    context.close()
