"""Every write of the statistics: the summary tables (stats.models), rebuilt from the published
data when it changes.

Writes elsewhere ask for a refresh through `summaries_refresh_later` (stats.signals connects the
models' signals to it); the refresh runs once per transaction, after the commit, through
`summaries_refresh_if_needed` — the function a task queue runs instead when there is one."""

from django.db import connections, router, transaction
from django.db.models import Case, Count, F, Sum, When
from django.db.models.functions import Coalesce

from awards.models import Award, Tribute
from core.deferred import on_commit_once
from core.pagecache import public_pages_changed
from core.tasks import enqueue
from events.enums import FestivalStatus
from events.models import Festival
from stats.models import AwardSummary, FestivalSummary, TributeSummary
from units.enums import UnitLevel

# An item of a refresh request meaning "refresh, whatever the festivals" (festival ids start at 1).
ALWAYS = 0


def province_of_host(prefix=""):
    """The id of the host unit's province: the first level-1 unit up its parent chain (the host
    itself, its parent, or its parent's parent), worked out in the database; `prefix` reaches the
    festival from another model."""
    host = f"{prefix}host_unit"
    return Case(
        When(**{f"{host}__level": UnitLevel.PROVINCE}, then=F(f"{host}_id")),
        When(**{f"{host}__parent__level": UnitLevel.PROVINCE}, then=F(f"{host}__parent_id")),
        When(
            **{f"{host}__parent__parent__level": UnitLevel.PROVINCE},
            then=F(f"{host}__parent__parent_id"),
        ),
    )


def _summaries():
    """(summary model, {column: alias}, the aggregate query naming its columns by the aliases)."""
    published = FestivalStatus.PUBLISHED
    festivals = (
        Festival.objects.order_by()
        .values(s_year=F("year"), s_province=province_of_host(), s_status=F("status"))
        .annotate(
            s_festivals=Count("pk"),
            s_reported=Count("report__attendance"),
            s_attendance=Coalesce(Sum("report__attendance"), 0),
        )
    )
    awards = (
        Award.objects.filter(festival__status=published)
        .order_by()
        .values(
            s_year=F("festival__year"),
            s_province=province_of_host("festival__"),
            s_authority=F("decision__authority_id"),
            s_form=F("form_id"),
        )
        .annotate(s_awards=Count("pk"))
    )
    tributes = (
        Tribute.objects.filter(festival__status=published)
        .order_by()
        .values(s_year=F("festival__year"), s_province=province_of_host("festival__"))
        .annotate(
            s_tributes=Count("pk"),
            s_quantity=Coalesce(Sum("quantity"), 0),
            s_value=Coalesce(Sum("value"), 0),
        )
    )
    return [
        (
            FestivalSummary,
            {
                "year": "s_year",
                "province_id": "s_province",
                "status": "s_status",
                "festival_count": "s_festivals",
                "reported_count": "s_reported",
                "total_attendance": "s_attendance",
            },
            festivals,
        ),
        (
            AwardSummary,
            {
                "year": "s_year",
                "province_id": "s_province",
                "authority_id": "s_authority",
                "form_id": "s_form",
                "award_count": "s_awards",
            },
            awards,
        ),
        (
            TributeSummary,
            {
                "year": "s_year",
                "province_id": "s_province",
                "tribute_count": "s_tributes",
                "total_quantity": "s_quantity",
                "total_value": "s_value",
            },
            tributes,
        ),
    ]


def summaries_refresh(*, using=None):
    """Rebuild every summary table from the festivals, reports, awards and tributes, in one
    transaction (readers see the old rows until it commits): one INSERT … SELECT per table, so
    that no row passes through Python whatever the size of the data."""
    database = using or router.db_for_write(FestivalSummary)
    connection = connections[database]
    quote = connection.ops.quote_name
    with transaction.atomic(using=database):
        for model, columns, queryset in _summaries():
            model.objects.using(database).all().delete()
            sql, params = queryset.query.sql_with_params()
            connection.cursor().execute(
                f"INSERT INTO {quote(model._meta.db_table)} "
                f"({', '.join(quote(column) for column in columns)}) "
                f"SELECT {', '.join(quote(alias) for alias in columns.values())} "
                f"FROM ({sql}) summary",
                params,
            )
        public_pages_changed(database)


def summaries_refresh_if_needed(items):
    """Refresh the summaries if `items` holds ALWAYS or the id of a published festival: a change
    to a draft's awards changes no figure."""
    items = set(items)
    if ALWAYS in items or (
        Festival.objects.filter(pk__in=items, status=FestivalStatus.PUBLISHED).exists()
    ):
        summaries_refresh()


def summaries_refresh_later(*, festival_ids=(), always=False):
    """Ask for a refresh once the transaction commits: `always`, or if one of `festival_ids` is
    published then."""
    items = {ALWAYS} if always else {pk for pk in festival_ids if pk is not None}
    if items:
        on_commit_once(_summaries_refresh_queue, items)


def _summaries_refresh_queue(items):
    """Hand the rebuild to a worker (a full rebuild takes close to a minute at national scale);
    with no broker it runs here."""
    from stats.tasks import summaries_refresh_task

    if ALWAYS in items:
        enqueue(summaries_refresh_task, always=True)
    else:
        enqueue(summaries_refresh_task, festival_ids=sorted(items))
