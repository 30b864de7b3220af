"""Every write to `Job` (core.models), the record of a piece of background work that its owner
sees: queued → running → done or failed, with progress and a message written for them.

The state moves by conditional updates, so that a message delivered twice (a worker lost
half-way, the broker redelivering) finds its job running or finished and does not start it
again (core.tasks)."""

import datetime

from django.db.models import F
from django.utils import timezone

from core.models import Job

# How long finished jobs (and the files they made) are kept for their owner to see.
JOB_RETENTION = datetime.timedelta(days=7)
# A job left "running" this long was lost with its worker: another attempt may take it.
JOB_LOST_AFTER = datetime.timedelta(hours=1)


def job_create(*, kind, label, owner=None, total=0):
    """A new queued job of `kind` ("awards.import"…) described by `label` for its `owner`."""
    owner = owner if getattr(owner, "pk", None) else None
    return Job.objects.create(kind=kind, label=str(label)[:255], owner=owner, progress_total=total)


def job_claim(job_id, *, now=None):
    """Mark the job running and return it, or None when there is nothing to do: it is finished,
    deleted, or running in another worker (unless that one was lost, JOB_LOST_AFTER ago)."""
    now = now or timezone.now()
    claimable = Job.objects.filter(pk=job_id).exclude(
        status__in=(Job.Status.DONE, Job.Status.FAILED)
    )
    claimable = claimable.exclude(status=Job.Status.RUNNING, started_at__gt=now - JOB_LOST_AFTER)
    if not claimable.update(status=Job.Status.RUNNING, started_at=now, attempts=F("attempts") + 1):
        return None
    return Job.objects.get(pk=job_id)


def job_progress(job, *, done, total=None):
    """Record that `done` of `total` items are done (seen by the owner's page at its next poll)."""
    job.progress_done = done
    fields = {"progress_done": done}
    if total is not None:
        job.progress_total = fields["progress_total"] = total
    Job.objects.filter(pk=job.pk).update(**fields)


def job_attach_file(job, *, file, file_name):
    """Keep `file` (a File) with the running `job`, for its owner to download as `file_name`
    once it is done (the function of a job_task attaches its file, then returns its message)."""
    if job.file:
        # An earlier attempt's file.
        job.file.storage.delete(job.file.name)
    job.file.save(file_name, file, save=False)
    job.file_name = file_name
    Job.objects.filter(pk=job.pk).update(file=job.file.name, file_name=job.file_name)


def job_requeue(job, *, message):
    """Put a job whose attempt failed for a passing reason back in the queue, saying so."""
    job.status, job.message = Job.Status.QUEUED, str(message)
    Job.objects.filter(pk=job.pk).update(status=job.status, message=job.message)


def job_done(job, *, message="", file=None, file_name=""):
    """Finish `job`; `file` (a File) is kept for its owner to download as `file_name`."""
    job.status, job.message, job.finished_at = Job.Status.DONE, str(message or ""), timezone.now()
    if file is not None:
        job.file.save(file_name or file.name, file, save=False)
        job.file_name = file_name or file.name
    job.progress_done = max(job.progress_done, job.progress_total)
    job.save(
        update_fields=["status", "message", "finished_at", "file", "file_name", "progress_done"]
    )


def job_fail(job, *, message):
    """Finish `job` as failed, telling its owner why in `message`."""
    job.status, job.message, job.finished_at = Job.Status.FAILED, str(message), timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status=job.status, message=job.message, finished_at=job.finished_at
    )


def jobs_purge(*, now=None):
    """Delete the jobs finished more than JOB_RETENTION ago, with their files; returns how many."""
    now = now or timezone.now()
    old = list(Job.objects.filter(finished_at__lt=now - JOB_RETENTION))
    for job in old:
        if job.file:
            job.file.storage.delete(job.file.name)
    Job.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)


def job_for_owner(user, job_id):
    """The job `job_id` if `user` started it, else None (another user's job does not exist)."""
    if not getattr(user, "pk", None):
        return None
    return Job.objects.filter(pk=job_id, owner=user).first()
