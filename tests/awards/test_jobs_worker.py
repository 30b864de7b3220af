"""Large award exports and imports through a real Celery worker process on Redis
(tests/fixtures/celery.py): the page's transaction commits, the worker makes the file or imports
the list, and the job records it for the user who asked."""

import io

import pytest
from django.db import transaction
from openpyxl import load_workbook

from awards import exports, imports
from awards.catalogue import award_forms_ensure_defaults
from awards.models import Award, StagedImport
from core.models import Job
from tests.factories.awards import saved_awards, sheet_row, xlsx_upload
from tests.fixtures.celery import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    """The award forms, before the authorities that may issue them: a transactional test may
    follow one that emptied the tables."""
    award_forms_ensure_defaults()


def finished(job):
    return lambda: Job.objects.get(pk=job.pk).is_finished


def test_a_worker_writes_a_large_export_for_its_owner(
    celery_worker, recorded, district_staff, dong_son_festival, hac_thanh_festival
):
    filters = exports.awards_export_filters()

    with transaction.atomic():
        job = exports.awards_export_queue(
            user=district_staff, fmt="xlsx", filters=filters, label="Xuất khen thưởng"
        )
        # Sent once the transaction commits, not before.
        assert Job.objects.get(pk=job.pk).status == "queued"

    wait_for(finished(job), what="the export")
    job.refresh_from_db()
    assert (job.status, job.message, job.attempts) == ("done", "4 awards exported.", 1)
    assert (job.progress_done, job.progress_total) == (4, 4)
    assert job.file.name.startswith(f"private/jobs/{job.pk}/khen-thuong-loc-")
    assert (celery_worker["private"] / job.file.name.removeprefix("private/")).exists()
    with job.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        (
            1,
            "Bằng khen",
            "Cá nhân",
            "Lê Thị Hoa",
            "Tổ trưởng tổ ANTT",
            "Khu phố 3, phường Đông Sơn",
            None,
            1_500_000,
            f"{dong_son_festival.year}/phuong-dong-son",
        ),
        (
            2,
            "Cờ thi đua",
            "Tập thể",
            "Công an phường Đông Sơn",
            None,
            None,
            "Dẫn đầu phong trào thi đua",
            None,
            f"{dong_son_festival.year}/phuong-dong-son",
        ),
        (
            3,
            "Bằng khen",
            "Cá nhân",
            "Trần Văn Nam",
            None,
            None,
            None,
            2_000_000,
            f"{hac_thanh_festival.year}/phuong-hac-thanh",
        ),
        (4, "Bằng khen", "Hộ gia đình", "Hộ ông Nguyễn Văn Bình", None, None, None, 500_000, None),
    ]


def test_a_worker_imports_a_large_list_once(celery_worker, forms, decision, district_staff):
    upload = xlsx_upload(
        [sheet_row(n, "Bằng khen", "Cá nhân", f"Người nhận {n}") for n in range(1, 4)]
    )
    parsed = imports.awards_parse_upload(decision=decision, user=district_staff, upload=upload)
    assert parsed.ok, parsed.errors
    staged = imports.award_import_stage(
        decision=decision, user=district_staff, upload=upload, row_count=len(parsed.rows)
    )

    with transaction.atomic():
        job = imports.award_import_queue(
            staged_id=staged.pk, decision=decision, user=district_staff
        )
    again = imports.award_import_queue(staged_id=staged.pk, decision=decision, user=district_staff)

    wait_for(finished(job), what="the import")
    job.refresh_from_db()
    assert again == job
    assert (job.status, job.message) == (
        "done",
        "3 awards were imported into decision 125/QĐ-UBND.",
    )
    assert [name for _f, _k, name, *_rest in saved_awards(decision)] == [
        "Người nhận 1",
        "Người nhận 2",
        "Người nhận 3",
    ]
    assert StagedImport.objects.get(pk=staged.pk).status == "imported"
    assert Award.objects.count() == 3
