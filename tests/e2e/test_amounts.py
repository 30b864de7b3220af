"""Amounts typed into the award editor the way people write them (issue 12, item 1: "3.000.000"
was saved as 3 đồng), at a phone's width and a desktop's."""

import pytest
from playwright.sync_api import expect

from awards.models import Award
from tests.e2e.test_award_decisions import new_decision
from tests.e2e.test_festival_planning import sign_in


@pytest.mark.parametrize("width", [390, 1280])
def test_award_editor_saves_three_million_typed_with_dots(live_server, browser, demo_data, width):
    base = live_server.url
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, "demo-district")
    decision = new_decision(page, base, f"90/QĐ-UBND-{width}")

    page.locator('button[value="add-awards"]').click()
    expect(page.locator('[data-testid="awards-row"]')).to_have_count(1)
    page.locator('[name="awards-0-form"]').select_option(label="Bằng khen")
    page.locator('[name="awards-0-recipient_kind"]').select_option("individual")
    page.locator('[name="awards-0-recipient_name"]').press_sequentially("Lê Văn Tâm")
    amount = page.locator('[name="awards-0-amount"]')
    amount.press_sequentially("3.000000")
    page.get_by_role("button", name="Lưu các khen thưởng").click()
    # Beside the field, and in the error summary at the top of the form.
    expect(
        page.locator('[data-testid="awards-row"]').get_by_text("“3.000000” có phần thập phân")
    ).to_be_visible()
    expect(page.locator(".error-summary").get_by_text("có phần thập phân")).to_be_visible()
    assert Award.objects.filter(decision=decision).count() == 0

    amount = page.locator('[name="awards-0-amount"]')
    amount.fill("")
    amount.press_sequentially("3.000.000")
    page.get_by_role("button", name="Lưu các khen thưởng").click()
    expect(page.get_by_text("Đã lưu các khen thưởng.")).to_be_visible()

    assert list(Award.objects.filter(decision=decision).values_list("amount", flat=True)) == [
        3_000_000
    ]
    expect(page.locator('[name="awards-0-amount"]')).to_have_value("3.000.000")
    expect(page.get_by_test_id("amount-total")).to_contain_text("3.000.000")
    context.close()
