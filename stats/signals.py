"""What tells the summaries that published data changed: the saves and deletes of festivals,
reports, awards and tributes, and the bulk writes core.audit announces (`rows_written`)."""

from awards.models import Award, Tribute
from events.enums import FestivalStatus
from events.models import Festival, FestivalReport
from stats.services import summaries_refresh, summaries_refresh_later


def remember_loaded(sender, instance, **kwargs):
    """Keep what the summaries key on as it was loaded, to tell a change away from it."""
    if sender is Festival:
        instance._stats_loaded = instance.__dict__.get("status")
    else:
        instance._stats_loaded = instance.__dict__.get("festival_id")


def festival_changed(sender, instance, **kwargs):
    published = FestivalStatus.PUBLISHED
    if instance.status == published or getattr(instance, "_stats_loaded", None) == published:
        summaries_refresh_later(always=True)


def row_changed(sender, instance, **kwargs):
    summaries_refresh_later(
        festival_ids=[instance.festival_id, getattr(instance, "_stats_loaded", None)]
    )


def rows_written(sender, objects, **kwargs):
    if sender in (Award, Tribute, FestivalReport):
        summaries_refresh_later(
            festival_ids={o.festival_id for o in objects}
            | {getattr(o, "_stats_loaded", None) for o in objects}
        )


def rebuild_after_migrate(sender, using, plan=None, **kwargs):
    if plan is not None and not plan:
        return  # nothing was migrated
    summaries_refresh()
