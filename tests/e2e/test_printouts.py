"""Printouts in a real Chromium under print emulation (issue 12 item 10): the masthead prints
(the site's bars do not), headings keep with what follows, the award list prints on landscape
sheets, and a page's print-only masthead stays off the screen."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from awards.models import Award, Decision
from demo.units import DEMO_PASSWORD
from events.models import Festival


def sign_in(page, base, username):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(re.compile(r"/manage/$"))


def printed(page):
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages


def sheets(page):
    """(width, height) in points of each page of the PDF Chromium prints."""
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in printed(page)
    ]


def page_lines(page):
    """The lines of text of each printed page."""
    return [[line for line in p.extract_text().splitlines() if line.strip()] for p in printed(page)]


A4_PORTRAIT, A4_LANDSCAPE = (595, 842), (842, 595)


def test_printouts_carry_their_masthead_and_print_wide_lists_across(
    live_server, browser, demo_data
):
    base = live_server.url
    festival = Festival.objects.filter(status="published").order_by("-starts_at").first()
    decision = max(Decision.objects.all(), key=lambda d: d.awards.count())
    first = decision.awards.order_by("order").first()
    # A long list, every award presented at the same festival: 34 rows, as the issue found.
    Award.objects.filter(decision=decision).update(festival=first.festival)
    Award.objects.bulk_create(
        Award(
            decision=decision,
            form=first.form,
            recipient_kind=first.recipient_kind,
            recipient_name=f"Tổ tự quản khu phố {i}",
            citation=first.citation,
            amount=400_000,
            festival=first.festival,
            order=100 + i,
        )
        for i in range(34 - decision.awards.count())
    )
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    sign_in(page, base, "demo-district")

    page.goto(base + f"/manage/festivals/{festival.pk}/print/")
    page.emulate_media(media="print")
    header = page.get_by_test_id("print-header")
    expect(header).to_be_visible()
    expect(header).to_contain_text(festival.title)
    expect(header).to_contain_text(festival.host_unit.full_name)
    expect(page.locator("body > header")).to_be_hidden()
    assert page.locator("h2").first.evaluate("h => getComputedStyle(h).breakAfter") == "avoid"
    assert set(sheets(page)) == {A4_PORTRAIT}

    page.emulate_media(media="screen")
    page.goto(base + f"/manage/awards/{decision.pk}/print/")
    page.emulate_media(media="print")
    header = page.get_by_test_id("print-header")
    expect(header).to_be_visible()
    expect(header).to_contain_text(decision.number)
    expect(header).to_contain_text(decision.authority.position)
    expect(header).to_contain_text("34 khen thưởng")
    expect(page.get_by_test_id("presented-at")).to_contain_text(first.festival.title)
    expect(page.locator("thead th", has_text="Trao tại")).to_have_count(0)
    expect(page.get_by_test_id("award-total-row")).to_be_visible()
    printed = sheets(page)
    assert set(printed) == {A4_LANDSCAPE}
    assert len(printed) <= 4

    # A page made for the screen: its masthead only on paper, the editor not at all.
    page.emulate_media(media="screen")
    page.goto(base + decision.get_absolute_url())
    expect(page.get_by_test_id("print-header")).to_be_hidden()
    expect(page.locator("#award-editor")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_test_id("print-header")).to_be_visible()
    expect(page.get_by_test_id("print-header")).to_contain_text(decision.authority.position)
    expect(page.locator("#award-editor")).to_be_hidden()
    expect(page.locator(".print-only table tbody tr")).to_have_count(35)
    context.close()

    visitor = browser.new_context(locale="vi-VN").new_page()
    visitor.goto(base + festival.get_public_url())
    visitor.emulate_media(media="print")
    expect(visitor.get_by_test_id("print-header")).to_be_visible()
    expect(visitor.get_by_test_id("print-header")).to_contain_text(festival.get_public_url())
    expect(visitor.get_by_role("heading", level=1)).to_have_text(festival.title)
    headings = set(visitor.locator("h2, h3").all_inner_texts())
    assert [lines[-1] for lines in page_lines(visitor) if lines[-1] in headings] == []

    # The statistics: every section (heading, note, chart, table) on one sheet, so each sheet
    # after the first starts with a section's heading.
    visitor.emulate_media(media="screen")
    visitor.goto(base + "/stats/")
    visitor.emulate_media(media="print")
    expect(visitor.get_by_test_id("print-header")).to_be_visible()
    expect(visitor.locator("form[aria-label]").first).to_be_hidden()
    titles = set(visitor.locator(".stats-section h2").all_inner_texts())
    pages = page_lines(visitor)
    assert len(pages) > 2
    assert [lines[0] for lines in pages[1:] if lines[0] not in titles] == []
