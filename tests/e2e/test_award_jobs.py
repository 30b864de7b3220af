"""Large award exports and imports in the browser: the job's page shows the work waiting, asks
again by itself (htmx) and shows the outcome once a worker has done it."""

import pytest
from django.utils.translation import ngettext, override
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from accounts.models import User
from awards import selectors
from awards.models import Award, Decision
from awards.spreadsheets import HEADERS
from awards.tasks import awards_export_task
from core.models import Job
from tests.conftest import in_vietnamese
from tests.e2e.test_festival_planning import sign_in


@pytest.fixture
def small_limits(settings):
    settings.EXPORT_SYNC_MAX_ROWS = 2
    settings.IMPORT_SYNC_MAX_ROWS = 2


def test_a_large_export_waits_then_its_page_offers_the_file(
    live_server, browser, demo_data, small_limits, tasks_held, tmp_path
):
    base = live_server.url
    district = User.objects.get(username="demo-district")
    expected = [row.recipient_name for row in selectors.awards_for_export(district)]
    assert len(expected) > 2
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    sign_in(page, base, "demo-district")
    page.goto(base + "/manage/awards/")

    page.get_by_role("link", name="Xuất .xlsx").click()
    expect(page.get_by_test_id("export-large")).to_be_visible()
    page.get_by_role("button", name=in_vietnamese("Make the file")).click()

    status = page.get_by_test_id("job-status")
    expect(status).to_have_attribute("data-state", "queued")
    expect(page.get_by_test_id("job-state")).to_contain_text(
        in_vietnamese("Waiting for its turn: the work starts in a moment.")
    )
    job = Job.objects.get(kind="awards.export")
    # The worker's part, as the broker delivers it; the page finds out by asking again.
    awards_export_task.apply(
        kwargs={"job_id": str(job.pk), "language": "vi", "fmt": "xlsx", "filters": {}}
    )
    expect(status).to_have_attribute("data-state", "done", timeout=10_000)
    with page.expect_download() as download_info:
        page.get_by_test_id("job-download").click()
    exported = tmp_path / "export.xlsx"
    download_info.value.save_as(exported)
    rows = list(load_workbook(exported).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [row[3] for row in rows[1:]] == expected
    context.close()


def test_with_a_worker_a_long_list_is_imported_and_its_page_says_so(
    live_server, browser, demo_data, small_limits, celery_worker, tmp_path
):
    base = live_server.url
    decision = Decision.objects.filter(authority__position="Chủ tịch UBND tỉnh Thanh Hóa").first()
    before = Award.objects.filter(decision=decision).count()
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for n in range(1, 6):
        workbook.active.append([n, "Bằng khen", "Cá nhân", f"Lê Văn Tâm {n}", "", "", "", 500_000])
    upload = tmp_path / "danh-sach.xlsx"
    workbook.save(upload)
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    sign_in(page, base, "demo-district")
    page.goto(base + f"/manage/awards/{decision.pk}/import/")
    page.locator("#id_file").set_input_files(str(upload))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_test_id("import-ready")).to_be_visible()

    page.get_by_role("button", name="Xác nhận nhập").click()

    status = page.get_by_test_id("job-status")
    expect(status).to_have_attribute("data-state", "done", timeout=30_000)
    with override("vi"):
        result = ngettext(
            "%(count)s award was imported into decision %(number)s.",
            "%(count)s awards were imported into decision %(number)s.",
            5,
        ) % {"count": 5, "number": decision.number}
    expect(page.get_by_test_id("job-state")).to_contain_text(result)
    assert Award.objects.filter(decision=decision).count() == before + 5
    back = in_vietnamese("Back to decision %(number)s", number=decision.number)
    page.get_by_role("link", name=back).last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Quyết định {decision.number}")
    context.close()
