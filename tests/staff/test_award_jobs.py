"""Large award exports and imports as background jobs (awards.exports, awards.imports, the job
pages of staff/views/jobs.py): the pages a user sees, eagerly (no broker) and while the job
waits for a worker (`tasks_held`); only the user who started a job sees it or its file."""

import csv
import io
import re

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import ngettext
from openpyxl import load_workbook

from awards.models import Award, StagedImport
from awards.tasks import award_import_task, awards_export_task
from core.models import Job
from tests.conftest import in_vietnamese
from tests.factories.accounts import UserFactory
from tests.factories.awards import saved_awards, sheet_row, xlsx_upload

DONE = "Done."
WAITING = "Waiting for its turn: the work starts in a moment."


def plural_in_vietnamese(singular, plural, n, /, **params):
    with translation.override("vi"):
        return ngettext(singular, plural, n) % params


def export_url(fmt="xlsx", **query):
    url = reverse("awards:award.export", args=[fmt])
    return f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}" if query else url


def job_urls(job):
    return [
        reverse("jobs:job.detail", args=[job.pk]),
        reverse("jobs:job.status", args=[job.pk]),
        reverse("jobs:job.download", args=[job.pk]),
    ]


def workbook_names(content):
    sheet = load_workbook(io.BytesIO(content)).active
    return [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]


def download(client, job):
    response = client.get(reverse("jobs:job.download", args=[job.pk]))
    return response, b"".join(response.streaming_content)


@pytest.fixture
def small_limits(settings):
    settings.EXPORT_SYNC_MAX_ROWS = 2
    settings.IMPORT_SYNC_MAX_ROWS = 2


# --- export ---------------------------------------------------------------------------------


def test_export_below_the_limit_is_answered_at_once(client, recorded, district_staff, settings):
    settings.EXPORT_SYNC_MAX_ROWS = 4
    client.force_login(district_staff)

    response = client.get(export_url())

    assert response["Content-Disposition"].startswith('attachment; filename="khen-thuong-loc-')
    assert workbook_names(b"".join(response.streaming_content)) == [
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
        "Trần Văn Nam",
        "Hộ ông Nguyễn Văn Bình",
    ]
    assert not Job.objects.exists()


def test_large_export_is_made_in_the_background_and_downloaded_from_its_page(
    client, recorded, district_staff, small_limits
):
    client.force_login(district_staff)

    offer = client.get(export_url(year=2026))

    assert offer.status_code == 200
    page = offer.content.decode()
    label = (
        in_vietnamese("Export of awards (.%(format)s)", format="xlsx")
        + ": "
        + (in_vietnamese("year %(year)s", year=2026))
    )
    assert f'<h1 class="h3">{escape(label)}</h1>' in page
    assert 'data-testid="export-large"' in page
    assert f'action="{reverse("awards:award.export", args=["xlsx"])}?year=2026"' in page
    assert not Job.objects.exists()

    started = client.post(export_url(year=2026))

    job = Job.objects.get()
    assert started["Location"] == reverse("jobs:job.detail", args=[job.pk])
    assert (job.owner, job.kind, job.label, job.status) == (
        district_staff,
        "awards.export",
        label,
        "done",
    )
    assert (job.progress_done, job.progress_total) == (4, 4)
    shown = client.get(started["Location"]).content.decode()
    assert in_vietnamese(DONE) in shown
    assert (
        plural_in_vietnamese("%(count)s award exported.", "%(count)s awards exported.", 4, count=4)
        in shown
    )
    assert 'data-state="done"' in shown and "hx-trigger" not in shown
    assert f'href="{reverse("jobs:job.download", args=[job.pk])}"' in shown
    response, content = download(client, job)
    assert re.fullmatch(
        r"attachment; filename\*=UTF-8''khen-thuong-loc-\d{8}-\d{4}\.xlsx",
        response["Content-Disposition"],
    )
    assert response["Cache-Control"] == "private, no-store"
    assert workbook_names(content) == [
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
        "Trần Văn Nam",
        "Hộ ông Nguyễn Văn Bình",
    ]


def test_large_csv_export_of_a_commune_official_holds_only_its_awards(
    client, recorded, commune_official, settings
):
    settings.EXPORT_SYNC_MAX_ROWS = 1
    client.force_login(commune_official)

    client.post(export_url("csv", decision=recorded.pk))

    job = Job.objects.get()
    assert job.file_name.startswith(f"khen-thuong-{recorded.pk}-")
    _response, content = download(client, job)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row[3] for row in rows] == [
        "Tên cá nhân, tập thể, hộ gia đình",
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
    ]


def test_a_second_click_on_a_waiting_export_gets_the_same_job(
    client, recorded, district_staff, small_limits, tasks_held
):
    client.force_login(district_staff)

    first = client.post(export_url())
    second = client.post(export_url())
    other_filters = client.post(export_url(year=2026))

    assert first["Location"] == second["Location"] != other_filters["Location"]
    assert Job.objects.count() == 2


def test_the_job_page_polls_while_the_export_waits_then_offers_the_file(
    client, recorded, district_staff, small_limits, tasks_held
):
    client.force_login(district_staff)
    client.post(export_url("csv"))
    job = Job.objects.get()
    status_url = reverse("jobs:job.status", args=[job.pk])

    waiting = client.get(reverse("jobs:job.detail", args=[job.pk])).content.decode()

    assert job.status == "queued"
    assert in_vietnamese(WAITING) in waiting
    assert f'hx-get="{status_url}" hx-trigger="every 2s"' in waiting
    assert reverse("jobs:job.download", args=[job.pk]) not in waiting
    assert client.get(reverse("jobs:job.download", args=[job.pk])).status_code == 404

    # The worker's part, as the broker would deliver it.
    awards_export_task.apply(
        kwargs={"job_id": str(job.pk), "language": "vi", "fmt": "csv", "filters": {}}
    )

    answer = client.get(status_url).content.decode()
    assert 'data-state="done"' in answer and "hx-trigger" not in answer
    assert reverse("jobs:job.download", args=[job.pk]) in answer
    _response, content = download(client, job)
    assert len(content.decode("utf-8-sig").splitlines()) == 5


def test_a_failed_export_says_why_on_its_page(client, recorded, district_staff, tasks_held):
    client.force_login(district_staff)
    job = Job.objects.create(kind="awards.export", label="Xuất khen thưởng", owner=district_staff)

    awards_export_task.apply(
        kwargs={"job_id": str(job.pk), "language": "vi", "fmt": "pdf", "filters": {}}
    )

    page = client.get(reverse("jobs:job.detail", args=[job.pk])).content.decode()
    assert 'data-state="failed"' in page and "hx-trigger" not in page
    assert in_vietnamese("This work could not be finished.") in page
    assert in_vietnamese("Choose .xlsx or .csv.") in page
    assert reverse("jobs:job.download", args=[job.pk]) not in page


def test_another_user_gets_404_for_the_job_page_its_state_and_its_file(
    client, recorded, district_staff, other_commune_official, small_limits
):
    client.force_login(district_staff)
    client.post(export_url())
    job = Job.objects.get()
    assert job.file

    client.force_login(other_commune_official)
    assert [client.get(url).status_code for url in job_urls(job)] == [404, 404, 404]
    # Nor does the address of the stored file lead to it, for anyone.
    assert client.get(job.file.url).status_code == 404
    client.force_login(district_staff)
    assert client.get(job.file.url).status_code == 404
    client.logout()
    assert [client.get(url).status_code for url in job_urls(job)] == [302, 302, 302]
    client.force_login(UserFactory())  # signed in, no role: not a staff member
    assert [client.get(url).status_code for url in job_urls(job)] == [403, 403, 403]


def test_an_unknown_job_is_404(client, district_staff):
    client.force_login(district_staff)

    response = client.get(reverse("jobs:job.detail", args=["6f1c9b1e-0000-4000-8000-000000000000"]))

    assert response.status_code == 404


def test_the_job_state_polled_reads_the_job_in_one_query(
    client, recorded, district_staff, small_limits, django_assert_num_queries
):
    client.force_login(district_staff)
    client.post(export_url())
    job = Job.objects.get()
    client.get(reverse("jobs:job.detail", args=[job.pk]))

    # The session and its user, the user's roles, the job; and the request's savepoint and its
    # release (ATOMIC_REQUESTS inside the test's transaction).
    with django_assert_num_queries(6):
        client.get(reverse("jobs:job.status", args=[job.pk]))


# --- import ---------------------------------------------------------------------------------


def three_rows():
    return xlsx_upload(
        [
            sheet_row(1, "Bằng khen", "Cá nhân", "Phạm Thị Thu", amount="1.500.000"),
            sheet_row(2, "Cờ thi đua", "Tập thể", "Công an phường Hạc Thành", amount=3_000_000),
            sheet_row(3, "Bằng khen", "Hộ gia đình", "Hộ bà Lê Thị Lan", amount=""),
        ]
    )


def preview_then_confirm(client, decision):
    url = reverse("awards:decision.import", args=[decision.pk])
    token = str(client.post(url, {"file": three_rows()}).context["token"])
    return token, client.post(url, {"token": token})


IMPORTED = [
    ("Bằng khen", "individual", "Phạm Thị Thu", "", "", "", 1_500_000, None),
    ("Cờ thi đua", "collective", "Công an phường Hạc Thành", "", "", "", 3_000_000, None),
    ("Bằng khen", "household", "Hộ bà Lê Thị Lan", "", "", "", None, None),
]


def test_large_import_is_confirmed_by_a_job_whose_page_gives_the_result(
    client, decision, district_staff, small_limits, django_capture_on_commit_callbacks
):
    client.force_login(district_staff)

    with django_capture_on_commit_callbacks(execute=True):
        token, confirmed = preview_then_confirm(client, decision)

    job = Job.objects.get()
    assert confirmed["Location"] == reverse("jobs:job.detail", args=[job.pk])
    assert saved_awards(decision) == IMPORTED
    staged = StagedImport.objects.get(pk=token)
    assert (staged.status, staged.imported_count, staged.job, staged.file.name) == (
        "imported",
        3,
        job,
        "",
    )
    assert (job.kind, job.status, job.progress_done, job.progress_total) == (
        "awards.import",
        "done",
        6,
        6,
    )
    page = client.get(confirmed["Location"]).content.decode()
    assert (
        escape(
            plural_in_vietnamese(
                "Import of %(count)s award into decision %(number)s",
                "Import of %(count)s awards into decision %(number)s",
                3,
                count=3,
                number=decision.number,
            )
        )
        in page
    )
    assert (
        escape(
            plural_in_vietnamese(
                "%(count)s award was imported into decision %(number)s.",
                "%(count)s awards were imported into decision %(number)s.",
                3,
                count=3,
                number=decision.number,
            )
        )
        in page
    )
    assert f'href="{decision.get_absolute_url()}"' in page
    assert reverse("jobs:job.download", args=[job.pk]) not in page

    again = client.post(reverse("awards:decision.import", args=[decision.pk]), {"token": token})

    assert again["Location"] == decision.get_absolute_url()
    assert Award.objects.filter(decision=decision).count() == 3


def test_large_import_waiting_for_a_worker_is_confirmed_once_however_often_sent(
    client, decision, district_staff, small_limits, tasks_held
):
    client.force_login(district_staff)
    token, first = preview_then_confirm(client, decision)
    second = client.post(reverse("awards:decision.import", args=[decision.pk]), {"token": token})

    job = Job.objects.get()
    assert first["Location"] == second["Location"] == reverse("jobs:job.detail", args=[job.pk])
    assert StagedImport.objects.get(pk=token).status == "queued"
    assert Award.objects.count() == 0
    page = client.get(first["Location"]).content.decode()
    assert in_vietnamese(WAITING) in page and "hx-trigger" in page

    # What the broker delivers (core.tasks.enqueue): the job, the page's language, the list.
    kwargs = {"job_id": str(job.pk), "language": "vi", "staged_id": token}
    award_import_task.apply(kwargs=kwargs)
    award_import_task.apply(kwargs=kwargs)  # delivered again

    assert saved_awards(decision) == IMPORTED
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 1)


def test_large_import_whose_file_is_gone_fails_with_a_clear_message_and_can_be_sent_again(
    client, decision, district_staff, small_limits, tasks_held
):
    client.force_login(district_staff)
    token, confirmed = preview_then_confirm(client, decision)
    staged = StagedImport.objects.get(pk=token)
    staged.file.storage.delete(staged.file.name)
    job = Job.objects.get()

    award_import_task.apply(kwargs={"job_id": str(job.pk), "language": "vi", "staged_id": token})

    page = client.get(confirmed["Location"]).content.decode()
    assert 'data-state="failed"' in page
    assert in_vietnamese("This import has expired. Upload the file again.") in page
    assert StagedImport.objects.get(pk=token).status == "staged"
    assert Award.objects.count() == 0


def test_another_user_gets_404_for_an_import_job(
    client, decision, district_staff, commune_official, small_limits
):
    client.force_login(district_staff)
    preview_then_confirm(client, decision)
    job = Job.objects.get()

    client.force_login(commune_official)

    assert [client.get(url).status_code for url in job_urls(job)] == [404, 404, 404]


def test_small_import_stays_on_the_page(client, decision, district_staff, settings):
    settings.IMPORT_SYNC_MAX_ROWS = 3
    client.force_login(district_staff)

    _token, confirmed = preview_then_confirm(client, decision)

    assert confirmed["Location"] == decision.get_absolute_url()
    assert not Job.objects.exists()
    shown = client.get(confirmed["Location"])
    assert [(m.level, str(m)) for m in shown.context["messages"]] == [
        (messages.SUCCESS, in_vietnamese("%(count)s awards were imported.", count=3))
    ]
