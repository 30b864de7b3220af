"""Exporting the awards a user may see as .xlsx or .csv: a small export is answered at once by the
page; a large one (over EXPORT_SYNC_MAX_ROWS awards) becomes a background job (core.jobs) whose
file only the user who asked for it may download.

The filters travel to the worker as ids (JSON): the scope is applied again there, to the user
who started the job, so that a job never holds more than that user may see when it runs."""

import io
import tempfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards import selectors, spreadsheets
from core import jobs
from core.amounts import amount_format
from core.errors import ServiceError
from core.models import Job
from core.tasks import enqueue

EXPORT_JOB_KIND = "awards.export"
FORMATS = ("csv", "xlsx")
FILTER_KEYS = ("decision", "q", "year", "authority", "form", "festival")
# Progress is written every so many rows.
PROGRESS_EVERY = 2_000


def awards_export_filters(*, decision=None, **values):
    """The filters of an export as JSON values (ids for objects), for the job's task."""
    values = {"decision": decision, **values}
    filters = {}
    for key in FILTER_KEYS:
        value = values.get(key)
        filters[key] = getattr(value, "pk", value) if value not in ("", None) else None
    return filters


def awards_export_is_large(*, user, filters):
    """True when the export of `filters` holds more awards than one page answers at once."""
    return selectors.awards_export_exceeds(
        user, settings.EXPORT_SYNC_MAX_ROWS, **_selector_filters(filters)
    )


def awards_export_stream(*, user, filters):
    """The rows of a small export, streamed from the database (awards.spreadsheets writes them)."""
    return selectors.awards_for_export(user, **_selector_filters(filters))


def awards_export_file_name(*, fmt, decision_id=None):
    """The export's download name, e.g. khen-thuong-125-20260819-1030.xlsx."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return f"khen-thuong-{decision_id or 'loc'}-{stamp}.{fmt}"


@transaction.atomic
def awards_export_queue(*, user, fmt, filters, label):
    """Start a background export of `filters` (awards_export_filters) as `fmt` for `user`,
    described to them by `label`; returns its Job. A second request for the same export while
    the first is not finished (a double click) gets the same job."""
    if fmt not in FORMATS:
        raise ServiceError(_("Choose .xlsx or .csv."))
    # One request of this user at a time past this point: the check below and the new job
    # cannot interleave with another click's.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    label = str(label)[:255]
    waiting = (
        Job.objects.filter(owner=user, kind=EXPORT_JOB_KIND, label=label)
        .exclude(status__in=(Job.Status.DONE, Job.Status.FAILED))
        .order_by("-created_at")
        .first()
    )
    if waiting is not None:
        return waiting
    job = jobs.job_create(kind=EXPORT_JOB_KIND, label=label, owner=user)
    from awards.tasks import awards_export_task

    # Sent once this transaction commits; with no broker, the file is made here and now.
    enqueue(awards_export_task, job=job, fmt=fmt, filters=filters)
    job.refresh_from_db()
    return job


def awards_export_run(*, job, fmt, filters):
    """The work of an export job: write the file of the job owner's awards matching `filters`,
    with progress, and keep it with the job. Returns the message its owner reads."""
    if job is None or job.owner is None:
        raise ServiceError(_("This export has no owner any more; start it again."))
    if fmt not in FORMATS:
        raise ServiceError(_("Choose .xlsx or .csv."))
    user = job.owner
    rows = selectors.awards_export_rows(user, **_selector_filters(filters))
    total = rows.order_by().count()
    jobs.job_progress(job, done=0, total=total)
    source = _with_progress(job, rows.iterator(chunk_size=2000), total)
    name = awards_export_file_name(fmt=fmt, decision_id=filters.get("decision"))
    if fmt == "xlsx":
        handle = spreadsheets.awards_export_xlsx_file(source)
    else:
        handle = _csv_temporary_file(source)
    with handle:
        jobs.job_attach_file(job, file=File(handle), file_name=name)
    return ngettext("%(count)s award exported.", "%(count)s awards exported.", total) % {
        "count": amount_format(total)
    }


def _selector_filters(filters):
    return {key: filters.get(key) for key in FILTER_KEYS if filters.get(key) not in ("", None)}


def _with_progress(job, rows, total):
    """`rows`, recording every PROGRESS_EVERY rows how many were written (seen at the next
    poll of the job's page); closed with the rows (core.spreadsheets.closing_rows)."""
    done = 0
    try:
        for row in rows:
            yield row
            done += 1
            if done % PROGRESS_EVERY == 0:
                jobs.job_progress(job, done=done, total=max(total, done))
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def _csv_temporary_file(rows):
    """A temporary file holding the CSV export, at its start."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the caller
    try:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
        text.writelines(spreadsheets.awards_export_csv_lines(rows))
        text.flush()
        text.detach()
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle
