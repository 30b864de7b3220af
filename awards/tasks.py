"""Background work of the awards app (core.tasks)."""

from awards.exports import awards_export_run
from awards.imports import award_import_run, staged_imports_purge
from core.tasks import job_task


@job_task("awards.staged_imports_purge")
def staged_imports_purge_task(job):
    """Periodic (CELERY_BEAT_SCHEDULE): delete the staged imports nobody confirmed in time."""
    return f"{staged_imports_purge()} expired staged imports deleted."


@job_task("awards.export")
def awards_export_task(job, *, fmt, filters):
    """Write a large award export for the job's owner (awards.exports); its job holds the file."""
    return awards_export_run(job=job, fmt=fmt, filters=filters)


@job_task("awards.import")
def award_import_task(job, *, staged_id):
    """Import a large staged award list (awards.imports); its job says how it went."""
    return award_import_run(job=job, staged_id=staged_id)
