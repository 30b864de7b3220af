"""The public gallery of a report: a thumbnail opens the lightbox (caption, credit, previous and
next, Esc), all of it by keyboard, and the focus goes back to the thumbnail; without JavaScript
the link opens the larger photo; long credits stay inside their column at 1280 px."""

import pytest
from playwright.sync_api import expect

from tests.conftest import in_vietnamese
from tests.factories.events import add_photo, publish_report
from tests.images import image_bytes

ANSWER = 30_000
CREDIT = "Trung tâm Văn hóa, Thông tin và Thể thao phường Đông Sơn"
PHOTOS = [
    ("Lễ chào cờ", "Đại biểu chào cờ"),
    ("Ký giao ước thi đua", "Các khu phố ký giao ước"),
    ("Văn nghệ", "Tiết mục văn nghệ của khu phố 3"),
]


@pytest.fixture
def report_with_photos(transactional_db, held, commune_official, district_staff):
    for caption, alt in PHOTOS:
        add_photo(
            held,
            commune_official,
            content=image_bytes("JPEG", size=(800, 600)),
            caption=caption,
            alt_text=alt,
            credit=CREDIT,
        )
    publish_report(held, commune_official, district_staff)
    held.refresh_from_db()
    return held


def visit(browser, live_server, festival, width, **options):
    context = browser.new_context(
        locale="vi-VN", viewport={"width": width, "height": 800}, **options
    )
    page = context.new_page()
    page.set_default_timeout(ANSWER)
    page.goto(live_server.url + festival.get_public_url())
    return context, page


def position(index, total):
    return (
        in_vietnamese("Photo {index} of {total}")
        .replace("{index}", str(index))
        .replace("{total}", str(total))
    )


@pytest.mark.parametrize("width", [390, 1280])
def test_lightbox_by_keyboard_shows_caption_credit_and_returns_focus(
    live_server, browser, report_with_photos, width
):
    context, page = visit(browser, live_server, report_with_photos, width)
    links = page.get_by_test_id("gallery").locator("[data-gallery-item]")
    expect(links).to_have_count(3)
    dialog = page.get_by_test_id("lightbox")
    expect(dialog).to_be_hidden()

    links.nth(0).focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#lightbox-title")).to_have_text(position(1, 3))
    expect(dialog.locator("[data-lightbox-caption]")).to_have_text("Lễ chào cờ")
    expect(dialog.locator("[data-lightbox-credit]")).to_have_text(
        in_vietnamese("Photo: %(credit)s", credit=CREDIT)
    )
    image = dialog.get_by_test_id("lightbox-image")
    expect(image).to_have_attribute("alt", "Đại biểu chào cờ")
    expect(image).to_have_attribute("src", links.nth(0).get_attribute("href"))

    page.keyboard.press("ArrowRight")
    expect(dialog.locator("[data-lightbox-caption]")).to_have_text("Ký giao ước thi đua")
    # The buttons by keyboard: Tab from "Close" reaches "Previous photo", then "Next photo".
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(dialog.locator("[data-lightbox-next]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog.locator("#lightbox-title")).to_have_text(position(3, 3))
    page.keyboard.press("ArrowRight")  # past the last: back to the first
    expect(dialog.locator("[data-lightbox-caption]")).to_have_text("Lễ chào cờ")
    page.keyboard.press("ArrowLeft")
    expect(dialog.locator("[data-lightbox-caption]")).to_have_text("Văn nghệ")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(links.nth(0)).to_be_focused()
    context.close()


def test_without_javascript_the_thumbnail_opens_the_larger_photo(
    live_server, browser, report_with_photos
):
    context, page = visit(browser, live_server, report_with_photos, 1280, java_script_enabled=False)
    link = page.get_by_test_id("gallery").locator("[data-gallery-item]").first
    href = link.get_attribute("href")
    assert href == report_with_photos.photos.order_by("order").first().large.url

    link.click()
    expect(page).to_have_url(live_server.url + href)
    context.close()


def test_long_credits_stay_inside_their_column_at_1280(live_server, browser, report_with_photos):
    context, page = visit(browser, live_server, report_with_photos, 1280)
    items = page.get_by_test_id("gallery").locator("figure.gallery-item")
    expect(items).to_have_count(3)
    for index in range(3):
        figure = items.nth(index).bounding_box()
        credit = items.nth(index).locator(".gallery-credit").bounding_box()
        assert credit["x"] + credit["width"] <= figure["x"] + figure["width"] + 0.5
    context.close()
