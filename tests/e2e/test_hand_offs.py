"""Hand-offs between the district and the commune (issue 12, items 6, 7 and 9), at a phone's
width and a desktop's: the district takes a published report off the public site after a
confirmation, finds it waiting for review, returns it with a reason; the commune finds it marked
returned on its dashboard and reads the reason at the top of the festival page."""

import pytest
from playwright.sync_api import expect

from events.enums import FestivalStatus
from events.models import Festival
from tests.e2e.test_festival_planning import sign_in

UNPUBLISH_REASON = "Một ảnh chưa được người trong ảnh đồng ý đăng."
RETURN_REASON = "Bổ sung số người tham dự theo danh sách điểm danh."


@pytest.mark.parametrize("width", [390, 1280])
def test_district_unpublishes_and_returns_a_report_the_commune_sees_why(
    live_server, browser, demo_data, width
):
    base = live_server.url
    festival = Festival.objects.get(year=2023, status=FestivalStatus.PUBLISHED)
    viewport = {"width": width, "height": 900}

    district = browser.new_context(locale="vi-VN", viewport=viewport)
    page = district.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, "demo-district")
    page.goto(base + festival.get_absolute_url())
    page.get_by_role("link", name="Gỡ báo cáo khỏi trang công khai…").click()
    expect(page.get_by_test_id("becomes-public")).to_contain_text("trang công khai")
    page.get_by_label("Lý do").fill(UNPUBLISH_REASON)
    page.get_by_role("button", name="Gỡ khỏi trang công khai").click()
    expect(page.get_by_text("Đã gỡ báo cáo khỏi trang công khai")).to_be_visible()
    assert Festival.objects.get(pk=festival.pk).status == FestivalStatus.REPORT_SUBMITTED

    page.goto(base + "/manage/")
    waiting = page.get_by_test_id("waiting-report_to_publish")
    expect(waiting).to_contain_text(festival.title)
    waiting.get_by_role("link", name=festival.title).click()
    page.get_by_text("Trả báo cáo về cho xã, phường").click()
    page.get_by_label("Lý do").fill(RETURN_REASON)
    page.get_by_role("button", name="Trả lại với lý do này").click()
    expect(page.get_by_text("Đã trả báo cáo về cho xã, phường.")).to_be_visible()
    district.close()

    commune = browser.new_context(locale="vi-VN", viewport=viewport)
    page = commune.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, "demo-commune")
    returned = page.get_by_test_id("waiting-report_returned")
    expect(returned).to_contain_text(RETURN_REASON)
    expect(returned.get_by_test_id("returned-badge")).to_be_visible()
    returned.get_by_role("link", name=festival.title).click()
    banner = page.get_by_test_id("return-reason")
    expect(banner).to_contain_text(RETURN_REASON)
    expect(banner).to_be_in_viewport()
    commune.close()
