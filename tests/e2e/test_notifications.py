"""Hand-offs nobody misses (issue 12 item 8), at a phone's width and a desktop's: a commune
submits its plan; the district staff sees the unread count in the navigation (folded menu or
not), opens the notifications, follows the one about the plan to the festival, and the count
goes down."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import User
from events.enums import FestivalStatus
from events.models import Festival
from tests.e2e.test_festival_planning import sign_in


@pytest.mark.parametrize("width", [390, 1280])
def test_the_district_is_told_of_a_submitted_plan_and_follows_it(
    live_server, browser, demo_data, width
):
    base = live_server.url
    viewport = {"width": width, "height": 900}
    festival = Festival.objects.get(host_unit__name="Phường Hạc Thành", status=FestivalStatus.DRAFT)

    commune = browser.new_context(locale="vi-VN", viewport=viewport)
    page = commune.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, "demo-commune-other")
    page.goto(base + festival.get_absolute_url())
    page.get_by_role("button", name="Gửi phê duyệt").click()
    expect(page.get_by_text("Ngày hội đã được gửi phê duyệt.")).to_be_visible()
    commune.close()

    unread = User.objects.get(username="demo-district").unread_notifications
    assert unread >= 1
    district = browser.new_context(locale="vi-VN", viewport=viewport)
    page = district.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, "demo-district")
    badge = page.get_by_test_id("unread-count")
    expect(badge).to_have_text(f"{unread} chưa đọc")
    expect(badge).to_be_in_viewport()
    if width == 390:
        page.screenshot(path=f"var/screenshots/notifications-nav-{width}.png")
    page.get_by_test_id("notifications-link").click()
    expect(page).to_have_url(re.compile(r"/manage/notifications/$"))
    expect(page.get_by_role("heading", name="Thông báo", exact=True)).to_be_visible()
    newest = page.get_by_test_id("notification").first
    expect(newest).to_contain_text(festival.title)
    expect(newest).to_contain_text("gửi kế hoạch")
    expect(newest.get_by_test_id("unread")).to_be_visible()
    if width == 390:
        page.screenshot(path=f"var/screenshots/notifications-list-{width}.png", full_page=True)
    newest.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/manage/festivals/{festival.pk}/$"))
    expect(page.get_by_role("heading", name=festival.title)).to_be_visible()
    if unread > 1:
        expect(page.get_by_test_id("unread-count")).to_have_text(f"{unread - 1} chưa đọc")
    else:
        expect(page.get_by_test_id("unread-count")).to_have_count(0)
    district.close()
