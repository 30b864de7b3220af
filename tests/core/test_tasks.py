"""Background work (core.tasks, core.jobs, antq/celery.py): the job a user sees, retries with
backoff, refusals, idempotence; eagerly without a broker, and through a real Celery worker."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone

from antq.celery import app as celery_app
from awards.models import StagedImport
from awards.tasks import staged_imports_purge_task
from core import jobs
from core.errors import ServiceError
from core.models import Job
from core.tasks import enqueue, job_task, jobs_purge_task, retry_countdown, tasks_run_eagerly
from tests.factories.accounts import UserFactory
from tests.fixtures.celery import wait_for

attempts = []


@job_task("tests.count_to")
def count_to(job, *, total):
    for done in range(1, total + 1):
        jobs.job_progress(job, done=done, total=total)
    return f"Counted to {total}."


@job_task("tests.refuse")
def refuse(job):
    attempts.append("refuse")
    raise ServiceError("The list has 3 errors; nothing was imported.")


@job_task("tests.flaky", max_retries=3)
def flaky(job, *, failures):
    attempts.append("flaky")
    if len(attempts) <= failures:
        raise OperationalError("the database is restarting")
    return "Done at last."


@job_task("tests.broken")
def broken(job):
    raise ZeroDivisionError


@pytest.fixture(autouse=True)
def _no_attempts():
    attempts.clear()


@pytest.fixture
def owner(db):
    return UserFactory()


def _job(owner, kind="tests"):
    return jobs.job_create(kind=kind, label="A test job", owner=owner)


def test_tasks_run_eagerly_without_a_broker():
    assert tasks_run_eagerly() is True


def test_a_job_done_eagerly_has_its_progress_and_message(owner):
    job = _job(owner)

    enqueue(count_to, job=job, total=3)

    job.refresh_from_db()
    assert (job.status, job.message) == ("done", "Counted to 3.")
    assert (job.progress_done, job.progress_total, job.percent, job.attempts) == (3, 3, 100, 1)
    assert job.started_at is not None and job.finished_at is not None


def test_a_refusal_fails_the_job_with_its_message_and_is_not_retried(owner):
    job = _job(owner)

    enqueue(refuse, job=job)

    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "The list has 3 errors; nothing was imported.")
    assert attempts == ["refuse"]


def test_a_passing_failure_is_retried_until_it_succeeds(owner):
    job = _job(owner)

    enqueue(flaky, job=job, failures=2)

    job.refresh_from_db()
    assert attempts == ["flaky"] * 3
    assert (job.status, job.message, job.attempts) == ("done", "Done at last.", 3)


def test_a_failure_that_lasts_fails_the_job_after_the_last_retry(owner):
    job = _job(owner)

    enqueue(flaky, job=job, failures=10)

    job.refresh_from_db()
    assert attempts == ["flaky"] * 4  # the first attempt and three retries
    assert job.status == "failed"
    assert job.message.startswith("The work could not be finished because of an error")


def test_an_unexpected_error_fails_the_job_with_a_clear_message(owner):
    job = _job(owner)

    enqueue(broken, job=job)

    job.refresh_from_db()
    assert job.status == "failed"
    assert "tell the administrator if it happens again" in job.message


def test_a_message_delivered_again_does_nothing(owner):
    job = _job(owner)
    enqueue(count_to, job=job, total=2)

    count_to.apply(kwargs={"job_id": str(job.pk), "total": 5})

    job.refresh_from_db()
    assert (job.message, job.progress_total, job.attempts) == ("Counted to 2.", 2, 1)


def test_a_job_running_elsewhere_is_not_started_twice_unless_its_worker_was_lost(owner):
    job = _job(owner)
    assert jobs.job_claim(job.pk) is not None

    assert jobs.job_claim(job.pk) is None
    later = timezone.now() + jobs.JOB_LOST_AFTER + datetime.timedelta(minutes=1)
    assert jobs.job_claim(job.pk, now=later).attempts == 2


def test_retries_back_off_exponentially_within_a_ceiling():
    assert [retry_countdown(n) <= 5 * 2**n for n in range(4)] == [True] * 4
    assert max(retry_countdown(20) for _ in range(50)) <= 600


def test_the_job_belongs_to_its_owner_only(owner):
    job = _job(owner)
    assert jobs.job_for_owner(owner, job.pk) == job
    assert jobs.job_for_owner(UserFactory(), job.pk) is None


def test_finished_jobs_are_purged_after_a_week_with_their_files(owner):
    old, recent, running = _job(owner), _job(owner), _job(owner)
    jobs.job_done(old, message="", file=ContentFile(b"a;b\n", name="export.csv"))
    jobs.job_done(recent, message="")
    name = old.file.name
    assert name.startswith(f"private/jobs/{old.pk}/")
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - datetime.timedelta(days=8))

    assert jobs.jobs_purge() == 1

    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not old.file.storage.exists(name)


def test_a_file_attached_again_replaces_the_earlier_attempts_file(owner):
    job = _job(owner)
    jobs.job_attach_file(job, file=ContentFile(b"first"), file_name="khen-thuong.csv")
    first = job.file.name

    jobs.job_attach_file(job, file=ContentFile(b"second"), file_name="khen-thuong.csv")
    jobs.job_done(job, message="Done.")

    job = Job.objects.get(pk=job.pk)
    assert (job.status, job.file_name) == ("done", "khen-thuong.csv")
    with job.file.open("rb") as handle:
        assert handle.read() == b"second"
    # The earlier file was removed first, so the new one has its name (and no copy is left).
    assert job.file.name == first == f"private/jobs/{job.pk}/khen-thuong.csv"


def test_every_periodic_job_names_a_task_that_exists():
    celery_app.loader.import_default_modules()
    schedule = celery_app.conf.beat_schedule
    assert {entry["task"] for entry in schedule.values()} <= set(celery_app.tasks)
    assert {entry["task"] for entry in schedule.values()} == {
        "awards.staged_imports_purge",
        "core.jobs_purge",
    }


# Through a real worker --------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_worker_runs_a_job_and_records_it_for_its_owner(celery_worker):
    owner = UserFactory()
    finished = jobs.job_create(kind="tests", label="old", owner=owner)
    jobs.job_done(finished)
    Job.objects.filter(pk=finished.pk).update(finished_at=timezone.now() - datetime.timedelta(30))
    job = jobs.job_create(kind="core.jobs_purge", label="Purge", owner=owner)

    with transaction.atomic():
        enqueue(jobs_purge_task, job=job)
        # Sent once the transaction commits, not before.
        assert Job.objects.get(pk=job.pk).status == "queued"

    wait_for(lambda: Job.objects.get(pk=job.pk).is_finished)
    job.refresh_from_db()
    assert (job.status, job.message, job.attempts) == ("done", "1 finished jobs deleted.", 1)
    assert not Job.objects.filter(pk=finished.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_a_worker_purges_expired_staged_imports_with_their_files(celery_worker, decision):
    from django.core.files.storage import default_storage

    staged = StagedImport(
        owner=UserFactory(),
        decision=decision,
        row_count=1,
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    staged.file.save("list.xlsx", ContentFile(b"not really a workbook"), save=False)
    staged.save()
    name = staged.file.name
    assert (celery_worker["private"] / name.removeprefix("private/")).exists()

    enqueue(staged_imports_purge_task)

    wait_for(lambda: not StagedImport.objects.exists())
    assert not default_storage.exists(name)
