"""Importing an award list from Excel or CSV: upload → preview (every row, every error) →
confirm, all or nothing. The upload is staged as a row of its own (StagedImport), so that a
confirmation is claimed once however many times it is sent.

A list of more than IMPORT_SYNC_MAX_ROWS rows is imported by a background job (core.jobs) that
its owner follows on the job's page; a smaller one at once, by the page."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from awards import spreadsheets
from awards.models import StagedImport
from awards.services import awards_import
from core import jobs
from core.amounts import amount_format
from core.errors import ServiceError, require
from core.ids import parse_id
from core.models import Job
from core.tasks import enqueue
from events.models import Festival

STAGED_IMPORT_LIFETIME = datetime.timedelta(hours=2)
IMPORT_JOB_KIND = "awards.import"


class AlreadyImported(ServiceError):
    """The staged list was imported already (a second click on "Confirm")."""

    def __init__(self, staged):
        super().__init__(
            _("This list was imported already (%(count)s awards); nothing was imported again.")
            % {"count": staged.imported_count or 0}
        )
        self.staged = staged


def awards_parse_upload(*, decision, user, upload):
    """The rows of `upload` checked against the decision's authority and the festivals the user
    may see (festival codes "year/slug"); raises ValidationError for an unreadable file."""
    body = spreadsheets.awards_read_file(upload)
    codes = {cells[8].strip() for _n, cells in body if len(cells) > 8 and cells[8].strip()}
    years = {parse_id(code.split("/", 1)[0]) for code in codes} - {None}
    slugs = {code.split("/", 1)[1] for code in codes if "/" in code}
    festivals = (
        list(Festival.objects.for_user(user).filter(year__in=years, slug__in=slugs))
        if codes and years
        else []
    )
    return spreadsheets.awards_parse(
        body=body,
        authority=decision.authority,
        festivals=festivals,
        existing=decision.awards.values_list("recipient_name", "form_id"),
    )


def award_import_stage(*, decision, user, upload, row_count):
    """Keep `upload` (already previewed without errors) until its owner confirms it."""
    require(user, "awards.change_decision", decision, _("You may not change this decision."))
    staged = StagedImport(
        owner=user,
        decision=decision,
        row_count=row_count,
        expires_at=timezone.now() + STAGED_IMPORT_LIFETIME,
    )
    upload.seek(0)
    staged.file.save(upload.name or "import.xlsx", upload, save=False)
    staged.save()
    return staged


class AlreadyQueued(ServiceError):
    """The staged list is being imported by a background job (a second click on "Confirm")."""

    def __init__(self, staged):
        super().__init__(_("This list is being imported already; nothing was imported again."))
        self.staged = staged
        self.job = staged.job


def _expired():
    return ServiceError(_("This import has expired. Upload the file again."))


def _job_is_live(job):
    return job is not None and job.status != Job.Status.FAILED


def _staged_locked(*, staged_id, decision, user):
    """The staged import, locked until the transaction ends: a concurrent confirmation waits
    here, then finds it imported (AlreadyImported) or being imported."""
    staged = (
        StagedImport.objects.select_for_update()
        .filter(pk=staged_id, owner=user, decision=decision)
        .first()
    )
    if staged is None or (
        staged.status == StagedImport.Status.STAGED and staged.expires_at < timezone.now()
    ):
        raise _expired()
    if staged.status == StagedImport.Status.IMPORTED:
        raise AlreadyImported(staged)
    return staged


def _parse_staged(staged, *, decision, user):
    try:
        with staged.file.open("rb") as handle:
            return awards_parse_upload(decision=decision, user=user, upload=handle)
    except (ValidationError, OSError):
        raise _expired() from None


def _import_staged(staged, *, decision, user, parsed):
    """Import the checked rows of the locked `staged` and mark it imported; returns the count."""
    if not parsed.ok:
        raise ServiceError(_("The file has errors; nothing was imported."))
    created = awards_import(decision=decision, user=user, rows=parsed.rows)
    name = staged.file.name
    staged.status = StagedImport.Status.IMPORTED
    staged.imported_count = created
    staged.imported_at = timezone.now()
    staged.file = ""
    staged.save(update_fields=["status", "imported_count", "imported_at", "file"])
    transaction.on_commit(lambda: staged.file.storage.delete(name))
    return created


def staged_import_is_large(*, staged_id, decision, user):
    """True when the staged list has more rows than the page imports at once."""
    row_count = (
        StagedImport.objects.filter(pk=staged_id, owner=user, decision=decision)
        .values_list("row_count", flat=True)
        .first()
    )
    return row_count is not None and row_count > settings.IMPORT_SYNC_MAX_ROWS


@transaction.atomic
def award_import_confirm(*, staged_id, decision, user):
    """Import a staged list once, now: the staged row is locked, so a concurrent confirmation
    waits and then finds it imported (AlreadyImported) or queued (AlreadyQueued). Returns the
    number of awards created."""
    staged = _staged_locked(staged_id=staged_id, decision=decision, user=user)
    if staged.status == StagedImport.Status.QUEUED and _job_is_live(staged.job):
        raise AlreadyQueued(staged)
    parsed = _parse_staged(staged, decision=decision, user=user)
    return _import_staged(staged, decision=decision, user=user, parsed=parsed)


@transaction.atomic
def award_import_queue(*, staged_id, decision, user):
    """Hand a staged list to a background job and return the Job its owner follows; a
    confirmation sent again while it waits or runs gets the same job. (AlreadyImported once it
    is done.)"""
    staged = _staged_locked(staged_id=staged_id, decision=decision, user=user)
    if staged.status == StagedImport.Status.QUEUED and _job_is_live(staged.job):
        return staged.job
    job = jobs.job_create(
        kind=IMPORT_JOB_KIND,
        label=ngettext(
            "Import of %(count)s award into decision %(number)s",
            "Import of %(count)s awards into decision %(number)s",
            staged.row_count,
        )
        % {
            "count": amount_format(staged.row_count),
            "number": decision.number,
        },
        owner=user,
        total=2 * staged.row_count,
    )
    staged.status = StagedImport.Status.QUEUED
    staged.job = job
    staged.save(update_fields=["status", "job"])
    from awards.tasks import award_import_task

    # Sent once this transaction commits; with no broker, imported here and now.
    enqueue(award_import_task, job=job, staged_id=str(staged.pk))
    job.refresh_from_db()
    return job


def award_import_run(*, job, staged_id):
    """The work of an import job: check the staged list's rows again (progress: half way), then
    import them all or none under the staged row's lock, once however often the task is
    delivered. Returns the message its owner reads; a refusal puts the list back as it was
    before the confirmation."""
    staged = StagedImport.objects.select_related("decision", "owner").filter(pk=staged_id).first()
    if staged is None:
        raise _expired()
    decision, user = staged.decision, staged.owner
    if staged.status == StagedImport.Status.IMPORTED:
        return AlreadyImported(staged).messages[0]
    try:
        # Reading and checking the file needs no lock; the rows are checked again by the
        # import, under the decision's lock.
        parsed = _parse_staged(staged, decision=decision, user=user)
        if job is not None:
            jobs.job_progress(job, done=staged.row_count, total=2 * staged.row_count)
        with transaction.atomic():
            locked = _staged_locked(staged_id=staged_id, decision=decision, user=user)
            created = _import_staged(locked, decision=decision, user=user, parsed=parsed)
    except AlreadyImported as error:
        return error.messages[0]
    except ServiceError:
        StagedImport.objects.filter(pk=staged_id, status=StagedImport.Status.QUEUED).update(
            status=StagedImport.Status.STAGED
        )
        raise
    return ngettext(
        "%(count)s award was imported into decision %(number)s.",
        "%(count)s awards were imported into decision %(number)s.",
        created,
    ) % {"count": amount_format(created), "number": decision.number}


def staged_imports_purge(*, now=None):
    """Delete the staged imports past their expiry that were never confirmed (or whose
    background import failed), with their files; returns how many were deleted."""
    now = now or timezone.now()
    # A list handed to a background job is kept while its job waits or runs.
    given_up = Q(status=StagedImport.Status.QUEUED) & (
        Q(job__isnull=True) | Q(job__status__in=(Job.Status.DONE, Job.Status.FAILED))
    )
    expired = list(
        StagedImport.objects.filter(
            Q(status=StagedImport.Status.STAGED) | given_up, expires_at__lt=now
        )
    )
    for staged in expired:
        if staged.file:
            staged.file.storage.delete(staged.file.name)
    StagedImport.objects.filter(pk__in=[s.pk for s in expired]).delete()
    return len(expired)
