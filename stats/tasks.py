"""The statistics' background work: rebuilding the summary tables after a change that shows on
the public figures (Celery; eager with no broker, as under `make run`)."""

from core.tasks import job_task
from stats.services import ALWAYS, summaries_refresh_if_needed


@job_task("stats.summaries_refresh")
def summaries_refresh_task(job, *, festival_ids=(), always=False):
    """Rebuild the summaries if `always` or one of `festival_ids` is published by now."""
    summaries_refresh_if_needed({ALWAYS} if always else set(festival_ids))
