"""Background work of the awards app (core.tasks)."""

from awards.imports import staged_imports_purge
from core.tasks import job_task


@job_task("awards.staged_imports_purge")
def staged_imports_purge_task(job):
    """Periodic (CELERY_BEAT_SCHEDULE): delete the staged imports nobody confirmed in time."""
    return f"{staged_imports_purge()} expired staged imports deleted."
