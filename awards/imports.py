"""Importing an award list from Excel or CSV: upload → preview (every row, every error) →
confirm, all or nothing. The upload is staged as a row of its own (StagedImport), so that a
confirmation is claimed once however many times it is sent."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import spreadsheets
from awards.models import StagedImport
from awards.services import awards_import
from core.errors import ServiceError, require
from core.ids import parse_id
from events.models import Festival

STAGED_IMPORT_LIFETIME = datetime.timedelta(hours=2)


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


@transaction.atomic
def award_import_confirm(*, staged_id, decision, user):
    """Import a staged list once: the staged row is locked, so a concurrent confirmation waits
    and then finds it imported (AlreadyImported). Returns the number of awards created."""
    staged = (
        StagedImport.objects.select_for_update()
        .filter(pk=staged_id, owner=user, decision=decision)
        .first()
    )
    if staged is None or (
        staged.status == StagedImport.Status.STAGED and staged.expires_at < timezone.now()
    ):
        raise ServiceError(_("This import has expired. Upload the file again."))
    if staged.status == StagedImport.Status.IMPORTED:
        raise AlreadyImported(staged)
    try:
        with staged.file.open("rb") as handle:
            parsed = awards_parse_upload(decision=decision, user=user, upload=handle)
    except (ValidationError, OSError):
        raise ServiceError(_("This import has expired. Upload the file again.")) from None
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


def staged_imports_purge(*, now=None):
    """Delete the staged imports past their expiry that were never confirmed, with their files;
    returns how many were deleted."""
    now = now or timezone.now()
    expired = list(
        StagedImport.objects.filter(status=StagedImport.Status.STAGED, expires_at__lt=now)
    )
    for staged in expired:
        if staged.file:
            staged.file.storage.delete(staged.file.name)
    StagedImport.objects.filter(pk__in=[s.pk for s in expired]).delete()
    return len(expired)
