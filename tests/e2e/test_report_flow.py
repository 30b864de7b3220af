"""Issue 6's whole story in a browser: report, photos, return, resubmit, publish, public search."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from awards.models import AwardForm, IssuingAuthority
from awards.services import awards_replace, decision_create
from events.models import Festival
from events.showcase import festival_models_set
from movements.models import MovementModel
from tests.e2e.test_festival_planning import sign_in
from tests.images import image_bytes

SUMMARY = "Ngày hội diễn ra tại nhà văn hóa khu phố 3 với hơn 300 người tham dự."


def held_demo_festival():
    now = timezone.now()
    return Festival.objects.get(
        host_unit__code="16378",
        ends_at__lt=now - datetime.timedelta(days=90),
        ends_at__gt=now - datetime.timedelta(days=110),
    )


def test_report_is_written_returned_fixed_published_and_found(live_server, browser, demo_data):
    base = live_server.url
    festival = held_demo_festival()
    commune = User.objects.get(username="demo-commune")
    district = User.objects.get(username="demo-district")
    model = MovementModel.objects.get(name="Camera ANTT")
    festival_models_set(festival=festival, user=commune, models=[model])
    authority = IssuingAuthority.objects.get(position="Chủ tịch UBND tỉnh Thanh Hóa")
    decision = decision_create(
        user=district,
        data={"number": "77/QĐ-UBND", "date": timezone.localdate(), "authority": authority},
    )
    awards_replace(
        decision=decision,
        user=district,
        version=decision.version,
        rows=[
            {
                "form": AwardForm.objects.get(code="bang-khen"),
                "recipient_kind": "collective",
                "recipient_name": "Tổ an ninh khu phố 3",
                "festival": festival,
            }
        ],
    )

    # The commune writes the report and adds photos (one file is not a photo).
    page = browser.new_context(locale="vi-VN").new_page()
    sign_in(page, base, "demo-commune")
    page.goto(base + reverse("events:report.edit", args=[festival.pk]))
    page.locator("#id_summary").fill(SUMMARY)
    page.locator("#id_attendance").fill("320")
    page.locator("#id_author_credit").fill("Công an phường Đông Sơn")
    page.get_by_role("button", name="Lưu báo cáo").click()
    expect(page.get_by_text("Đã lưu báo cáo.")).to_be_visible()

    page.goto(base + reverse("photos:photo.list", args=[festival.pk]))
    page.locator("#id_photos").set_input_files(
        [
            {
                "name": "chao-co.jpg",
                "mimeType": "image/jpeg",
                "buffer": image_bytes("JPEG", size=(1200, 800)),
            },
            {"name": "hong.jpg", "mimeType": "image/jpeg", "buffer": b"khong phai anh " * 40},
            {
                "name": "van-nghe.png",
                "mimeType": "image/png",
                "buffer": image_bytes("PNG", size=(900, 600)),
            },
        ]
    )
    page.get_by_test_id("photo-upload-form").locator("button[type=submit]").click()
    results = page.get_by_test_id("upload-result")
    expect(results).to_have_count(3)
    expect(results.nth(1)).to_have_attribute("data-ok", "false")
    expect(page.get_by_test_id("photo-row")).to_have_count(2)
    texts = ["Lễ chào cờ khai mạc Ngày hội", "Tiết mục văn nghệ của khu phố 3"]
    for index, text in enumerate(texts):
        page.get_by_test_id("photo-form").nth(index).locator("[name$=alt_text]").fill(text)
    # One save keeps what was typed for every photo (issue 12 item 5).
    with page.expect_navigation():
        page.get_by_test_id("photos-save").click()
    expect(page.get_by_text("Đã lưu thông tin các ảnh.")).to_be_visible()
    expect(page.get_by_test_id("missing-alt-text")).to_have_count(0)
    assert sorted(festival.photos.values_list("alt_text", flat=True)) == sorted(texts)

    page.goto(base + festival.get_absolute_url())
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo để thẩm định.")).to_be_visible()

    # The district returns it with a reason.
    staff = browser.new_context(locale="vi-VN").new_page()
    sign_in(staff, base, "demo-district")
    staff.goto(base + festival.get_absolute_url())
    staff.get_by_text("Trả báo cáo về cho xã, phường").click()
    staff.locator("details[open] textarea[name=reason]").fill("Bổ sung kết quả so với năm trước.")
    staff.get_by_role("button", name="Trả lại với lý do này").click()
    expect(staff.get_by_text("Đã trả báo cáo về cho xã, phường.")).to_be_visible()

    # The commune sees why, fixes it and submits again.
    page.goto(base + reverse("events:report.edit", args=[festival.pk]))
    expect(page.get_by_test_id("review-notes")).to_contain_text("Bổ sung kết quả so với năm trước.")
    page.locator("#id_results").fill("Số vụ việc về trật tự xã hội giảm 15% so với năm trước.")
    page.get_by_role("button", name="Lưu báo cáo").click()
    expect(page.get_by_text("Đã lưu báo cáo.")).to_be_visible()
    page.goto(base + festival.get_absolute_url())
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_text("Đã gửi báo cáo để thẩm định.")).to_be_visible()

    # The district publishes it.
    staff.goto(base + festival.get_absolute_url())
    staff.get_by_role("link", name="Công bố báo cáo…").click()
    expect(staff.get_by_test_id("becomes-public")).to_be_visible()
    staff.get_by_role("button", name="Công bố báo cáo").click()
    expect(staff.get_by_text("Báo cáo đã được công bố trên trang công khai.")).to_be_visible()

    # A visitor finds it by a delegate's name without diacritics and sees everything.
    visitor = browser.new_context(locale="en-US").new_page()
    visitor.goto(base + "/festivals/?q=hoang+minh+duc")
    visitor.get_by_role("link", name=festival.title).click()
    expect(visitor.get_by_text(SUMMARY)).to_be_visible()
    gallery = visitor.get_by_test_id("gallery")
    expect(gallery.locator("img")).to_have_count(2)
    expect(gallery.locator("img").first).to_have_attribute("alt", "Lễ chào cờ khai mạc Ngày hội")
    expect(visitor.get_by_test_id("festival-models")).to_contain_text("Camera ANTT")
    expect(visitor.get_by_test_id("public-awards")).to_contain_text("Tổ an ninh khu phố 3")
    feed = visitor.request.get(base + "/feed/").text()
    assert festival.title in feed
