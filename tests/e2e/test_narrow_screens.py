"""Phones (issue 12, item 11): at 390 px no page scrolls sideways, an editor's rows are stacked cards
of labelled fields, the public list's filters fold away, the delegates read as cards."""

from django.urls import reverse
from playwright.sync_api import expect

from awards.models import Decision
from events.enums import FestivalStatus
from events.models import Festival
from movements.models import MovementModel
from tests.e2e.test_festival_planning import sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def new_page(browser, viewport, username=None, base=None):
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(30_000)
    if username:
        sign_in(page, base, username)
    return context, page


def test_no_page_scrolls_sideways_on_a_phone(live_server, browser, demo_data):
    base = live_server.url
    published = Festival.objects.filter(status=FestivalStatus.PUBLISHED).first()
    draft = Festival.objects.get(status=FestivalStatus.DRAFT)
    decision = Decision.objects.first()
    model = MovementModel.objects.first()
    public = [
        "/",
        reverse("public:festival.list"),
        published.get_public_url(),
        reverse("models:model.list"),
        model.get_public_url(),
        reverse("stats:index"),
    ]
    commune = [
        "/manage/",
        reverse("events:festival.list"),
        draft.get_absolute_url(),
        reverse("events:festival.edit", args=[draft.pk]),
        reverse("events:festival.create"),
        reverse("movements:model.list"),
        reverse("units:unit.list"),
    ]
    district = [
        "/manage/",
        reverse("awards:decision.list"),
        decision.get_absolute_url(),
        reverse("awards:decision.edit", args=[decision.pk]),
        reverse("awards:decision.create"),
        reverse("movements:model.create"),
    ]
    wide = {}
    context, page = new_page(browser, PHONE)
    for path in public:
        page.goto(base + path)
        wide[path] = page_width(page)
    context.close()
    for username, paths in (("demo-commune-other", commune), ("demo-district", district)):
        context, page = new_page(browser, PHONE, username, base)
        for path in paths:
            response = page.goto(base + path)
            assert response.status == 200, path
            wide[path] = page_width(page)
        context.close()
    assert {path: width for path, width in wide.items() if width > PHONE["width"]} == {}


def test_the_editors_rows_are_stacked_labelled_cards_on_a_phone(live_server, browser, demo_data):
    base = live_server.url
    draft = Festival.objects.get(status=FestivalStatus.DRAFT)
    context, page = new_page(browser, PHONE, "demo-commune-other", base)
    page.goto(base + reverse("events:festival.edit", args=[draft.pk]))
    page.locator('button[value="add-programme"]').click()
    rows = page.get_by_test_id("programme-row")
    new_row = rows.last
    # Each field of the new row has its label shown above it and lies inside the screen.
    title = new_row.locator('[name$="-title"]')
    expect(new_row.get_by_text("Nội dung", exact=True)).to_be_visible()
    box = title.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    title.fill("Trao giấy khen cho tập thể")
    assert page_width(page) <= PHONE["width"]
    # The table's headings are not shown on a phone, the cards are.
    expect(page.get_by_test_id("programme-table").locator("thead")).not_to_be_in_viewport()
    context.close()

    context, page = new_page(browser, DESKTOP, "demo-commune-other", base)
    page.goto(base + reverse("events:festival.edit", args=[draft.pk]))
    # On a desktop the row is a table row again: its labels are for screen readers only.
    expect(page.get_by_test_id("programme-table").locator("th").first).to_be_visible()
    first_label = page.get_by_test_id("programme-row").first.locator("label").first
    assert first_label.bounding_box()["width"] <= 1
    context.close()


def test_the_public_lists_filters_fold_away_on_a_phone(live_server, browser, demo_data):
    base = live_server.url
    context, page = new_page(browser, PHONE)
    page.goto(base + reverse("public:festival.list"))
    province = page.get_by_label("Tỉnh, thành phố")
    expect(province).to_be_hidden()
    expect(page.get_by_label("Tìm kiếm", exact=True)).to_be_visible()
    page.get_by_test_id("filters-toggle").click()
    expect(province).to_be_visible()
    province.select_option(label="Tỉnh Thanh Hóa")
    page.get_by_role("button", name="Tìm", exact=True).click()
    # A filter in use keeps them open and says so.
    expect(province).to_be_visible()
    expect(page.get_by_test_id("filters-toggle")).to_contain_text("đang dùng")
    context.close()

    context, page = new_page(browser, DESKTOP)
    page.goto(base + reverse("public:festival.list"))
    expect(page.get_by_label("Tỉnh, thành phố")).to_be_visible()
    expect(page.get_by_test_id("filters-toggle")).to_be_hidden()
    context.close()


def test_the_delegates_read_as_cards_on_a_phone(live_server, browser, demo_data):
    base = live_server.url
    published = Festival.objects.filter(status=FestivalStatus.PUBLISHED, delegates__isnull=False)
    festival = published.distinct().first()
    delegate = festival.delegates.order_by("precedence", "id").first()
    context, page = new_page(browser, PHONE)
    page.goto(base + festival.get_public_url())
    table = page.get_by_test_id("delegates-table")
    first = table.locator("tbody tr").first
    expect(first.locator("td").first).to_be_hidden()  # the number column
    name = first.get_by_text(delegate.full_name, exact=True)
    expect(name).to_be_visible()
    position = first.locator('td[data-label="Chức vụ"]')
    expect(position).to_have_text(delegate.position)
    # The label is shown beside the value, and the card fits the screen.
    name_box, position_box = name.bounding_box(), position.bounding_box()
    assert position_box["y"] > name_box["y"]
    assert position_box["x"] + position_box["width"] <= PHONE["width"]
    assert page_width(page) <= PHONE["width"]
    context.close()
