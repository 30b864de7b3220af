"""The events' background work (Celery; eager with no broker, as under `make run`): making the
renditions of an uploaded photo."""

from core.tasks import job_task
from events.photos import festival_photo_renditions_make


@job_task("events.photo_renditions")
def photo_renditions_task(job, *, photo_id):
    """Make the renditions of the photo `photo_id` (events.photos); its job says how it went."""
    return festival_photo_renditions_make(photo_id=photo_id)
