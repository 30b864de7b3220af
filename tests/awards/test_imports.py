"""Staged imports (awards.imports): preview once, confirm once, however often "Confirm" is sent."""

import datetime
import threading

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone, translation

from accounts.models import User
from awards.catalogue import award_forms_ensure_defaults
from awards.imports import (
    AlreadyImported,
    award_import_confirm,
    award_import_queue,
    award_import_stage,
    awards_parse_upload,
    staged_imports_purge,
)
from awards.models import Award, StagedImport
from core.errors import ServiceError
from tests.factories.awards import sheet_row, xlsx_upload


def _list_of(count):
    return xlsx_upload(
        [sheet_row(n, "Bằng khen", "Cá nhân", f"Người nhận {n}") for n in range(1, count + 1)]
    )


def _stage(decision, user, count):
    upload = _list_of(count)
    parsed = awards_parse_upload(decision=decision, user=user, upload=upload)
    assert parsed.ok, parsed.errors
    return award_import_stage(decision=decision, user=user, upload=upload, row_count=count)


@pytest.fixture
def catalogue(transactional_db):
    """The award forms, before the authority that may issue them: a transactional test may
    follow one that emptied the tables."""
    award_forms_ensure_defaults()


@pytest.mark.django_db(transaction=True)
def test_three_concurrent_confirms_import_the_list_once(catalogue, decision, district_staff):
    staged = _stage(decision, district_staff, 40)
    barrier = threading.Barrier(3)
    outcomes = [None] * 3

    def confirm(index):
        try:
            barrier.wait()
            user = User.objects.get(pk=district_staff.pk)
            outcomes[index] = award_import_confirm(
                staged_id=staged.pk, decision=decision, user=user
            )
        except ServiceError as error:
            outcomes[index] = type(error).__name__
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes, key=str) == [40, "AlreadyImported", "AlreadyImported"]
    assert Award.objects.filter(decision=decision).count() == 40
    staged.refresh_from_db()
    assert (staged.status, staged.imported_count) == ("imported", 40)


@pytest.mark.django_db(transaction=True)
def test_three_concurrent_confirms_of_a_list_for_the_background_import_it_once(
    catalogue, decision, district_staff, settings
):
    settings.IMPORT_SYNC_MAX_ROWS = 10
    staged = _stage(decision, district_staff, 40)
    barrier = threading.Barrier(3)
    outcomes = [None] * 3

    def confirm(index):
        try:
            barrier.wait()
            user = User.objects.get(pk=district_staff.pk)
            with translation.override("en"):
                job = award_import_queue(staged_id=staged.pk, decision=decision, user=user)
            outcomes[index] = (job.status, job.message)
        except ServiceError as error:
            outcomes[index] = type(error).__name__
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # No broker: the first confirmation ran the job at once; the others waited for it.
    assert sorted(outcomes, key=str) == [
        ("done", "40 awards were imported into decision 125/QĐ-UBND."),
        "AlreadyImported",
        "AlreadyImported",
    ]
    assert Award.objects.filter(decision=decision).count() == 40
    staged.refresh_from_db()
    assert (staged.status, staged.imported_count, staged.job.status) == ("imported", 40, "done")


@pytest.mark.django_db
def test_confirm_after_import_raises_already_imported_with_the_count(
    forms, decision, district_staff
):
    staged = _stage(decision, district_staff, 2)
    assert award_import_confirm(staged_id=staged.pk, decision=decision, user=district_staff) == 2

    with pytest.raises(AlreadyImported) as again:
        award_import_confirm(staged_id=staged.pk, decision=decision, user=district_staff)

    assert again.value.staged.imported_count == 2
    assert Award.objects.filter(decision=decision).count() == 2


@pytest.mark.django_db
def test_expired_staged_import_is_refused_and_purged_with_its_file(forms, decision, district_staff):
    staged = _stage(decision, district_staff, 2)
    name = staged.file.name
    StagedImport.objects.filter(pk=staged.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    with pytest.raises(ServiceError) as refused:
        award_import_confirm(staged_id=staged.pk, decision=decision, user=district_staff)

    assert refused.value.messages == ["This import has expired. Upload the file again."]
    assert staged_imports_purge() == 1
    assert not StagedImport.objects.exists()
    assert not default_storage.exists(name)
    assert Award.objects.count() == 0


@pytest.mark.django_db
def test_purge_keeps_staged_imports_that_have_not_expired(forms, decision, district_staff):
    staged = _stage(decision, district_staff, 1)

    assert staged_imports_purge() == 0

    assert default_storage.exists(staged.file.name)
    assert list(StagedImport.objects.values_list("status", flat=True)) == ["staged"]
