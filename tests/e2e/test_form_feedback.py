"""Feedback in view on the festival editor, on a phone (390 px) and a desktop (1280 px): a save
refused from the bottom of a long form brings the error summary into view and focus; an edit
conflict shows its message with a link to the saved version; "add a row" puts the focus in the
new row; leaving with unsaved changes asks first."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from attendees.services import DELEGATE_FIELDS
from events import services
from events.models import Festival
from tests.conftest import in_vietnamese
from tests.factories.accounts import PASSWORD
from tests.factories.events import make_festival

WIDTHS = [390, 1280]
# A server answer can take seconds on a busy test machine: the waits for one are generous.
ANSWER = 30_000
STALE = (
    "Someone else saved this festival while you were editing it. Nothing was saved: "
    "open it again to see their changes, then make yours."
)


@pytest.fixture
def long_draft(transactional_db, area, commune_official):
    """A draft of Phường Đông Sơn whose editor is several screens long."""
    return make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date.today() + datetime.timedelta(days=40),
        programme=12,
        delegates=12,
    )


def editor(browser, live_server, user, festival, width):
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.set_default_timeout(ANSWER)
    page.goto(live_server.url + reverse("login"))
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/manage/$"), timeout=ANSWER)
    page.goto(live_server.url + reverse("events:festival.edit", args=[festival.pk]))
    return context, page


def save_button(page):
    return page.get_by_test_id("festival-form").locator('.sticky-actions button[value="save"]')


def colleague_saves(festival, user, title):
    """Someone else saves the plan meanwhile (the version goes up)."""
    return services.festival_update(
        festival=festival,
        user=user,
        version=festival.version,
        data={**{f: getattr(festival, f) for f in services.FESTIVAL_FIELDS}, "title": title},
        organisers=[
            {"name": o.name, "role": o.role, "id": o.pk} for o in festival.organisers.all()
        ],
        programme=[
            {**{f: getattr(p, f) for f in services.PROGRAMME_FIELDS}, "id": p.pk}
            for p in festival.programme_items.all()
        ],
        delegates=[
            {**{f: getattr(d, f) for f in DELEGATE_FIELDS}, "id": d.pk}
            for d in festival.delegates.all()
        ],
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_save_from_the_bottom_with_end_before_start_focuses_the_error_summary(
    live_server, browser, long_draft, commune_official, width
):
    context, page = editor(browser, live_server, commune_official, long_draft, width)
    day = timezone.localtime(long_draft.starts_at).date()
    page.locator("#id_ends_at").fill(f"{day:%Y-%m-%d}T06:00")
    page.locator('[name="delegates-11-full_name"]').scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 800
    save_button(page).click()

    summary = page.get_by_test_id("error-summary")
    expect(summary).to_be_focused(timeout=ANSWER)
    expect(summary).to_be_in_viewport()
    link = summary.locator('a[href="#id_ends_at"]')
    expect(link).to_contain_text(in_vietnamese("The festival must end after it starts."))
    link.click()
    expect(page.locator("#id_ends_at")).to_be_focused()
    expect(page.locator("#id_ends_at")).to_be_in_viewport()
    long_draft.refresh_from_db()
    assert (long_draft.version, timezone.localtime(long_draft.ends_at).hour) == (1, 11)
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_edit_conflict_shows_its_message_with_a_link_to_the_saved_version(
    live_server, browser, long_draft, commune_official, width
):
    context, page = editor(browser, live_server, commune_official, long_draft, width)
    colleague_saves(long_draft, commune_official, "Bản của chị Lan")
    page.locator("#id_title").fill("Bản của tôi")
    page.locator('[name="delegates-11-full_name"]').scroll_into_view_if_needed()
    save_button(page).click()

    messages = page.get_by_test_id("messages")
    expect(messages).to_be_focused(timeout=ANSWER)
    expect(messages).to_be_in_viewport()
    expect(messages).to_contain_text(in_vietnamese(STALE))
    load_saved = messages.get_by_test_id("load-saved")
    expect(load_saved).to_be_visible()
    # What the user typed is still on the page; the link loads what the colleague saved, and
    # does not ask about the unsaved changes it is meant to throw away.
    expect(page.locator("#id_title")).to_have_value("Bản của tôi")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    load_saved.click()
    expect(page.locator("#id_title")).to_have_value("Bản của chị Lan", timeout=ANSWER)
    assert dialogs == []
    assert Festival.objects.get(pk=long_draft.pk).title == "Bản của chị Lan"
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_add_row_puts_the_focus_in_the_new_row_clear_of_the_save_bar(
    live_server, browser, long_draft, commune_official, width
):
    context, page = editor(browser, live_server, commune_official, long_draft, width)
    page.locator('button[value="add-programme"]').click()

    expect(page.get_by_test_id("programme-row")).to_have_count(13, timeout=ANSWER)
    new_field = page.locator('[name="programme-12-part"]')
    expect(new_field).to_be_focused()
    expect(new_field).to_be_in_viewport()
    assert_clear_of_save_bar(page, new_field)

    # Moving on with the keyboard past the bottom of the window keeps the field above the bar.
    page.locator('[name="delegates-0-full_name"]').focus()
    for _step in range(8):
        page.keyboard.press("Tab")
    assert_clear_of_save_bar(page, page.locator(":focus"))
    context.close()


def assert_clear_of_save_bar(page, field):
    # The page scrolls smoothly (Bootstrap's scroll-behavior): measure once it has come to rest.
    page.wait_for_function(
        "() => new Promise(done => { const y = scrollY; setTimeout(() => done(scrollY === y), 200); })"
    )
    bar = page.get_by_test_id("festival-form").locator(".sticky-actions").bounding_box()
    box = field.bounding_box()
    assert box["y"] + box["height"] <= bar["y"]


def test_leaving_with_unsaved_changes_asks_and_saving_does_not(
    live_server, browser, long_draft, commune_official
):
    context, page = editor(browser, live_server, commune_official, long_draft, 1280)
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        # Stay on the page the first time; let any later one through, for the last assertion.
        dialog.dismiss() if len(dialogs) == 1 else dialog.accept()

    page.on("dialog", answer)
    page.locator("#id_venue").fill("Sân vận động phường")
    with page.expect_event("dialog", timeout=ANSWER):
        page.locator("header nav a.navbar-brand").click(no_wait_after=True)
    assert dialogs == ["beforeunload"]
    expect(page).to_have_url(re.compile(rf"/manage/festivals/{long_draft.pk}/edit/$"))
    expect(page.locator("#id_venue")).to_have_value("Sân vận động phường")

    save_button(page).click()
    expect(page).to_have_url(re.compile(rf"/manage/festivals/{long_draft.pk}/$"), timeout=ANSWER)
    assert dialogs == ["beforeunload"]
    assert Festival.objects.get(pk=long_draft.pk).venue == "Sân vận động phường"
    context.close()
