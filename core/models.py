"""The kernel's one table of its own: `Job`, the state of a piece of background work for the user
who started it (core.jobs writes it, core.tasks runs the work)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import PRIVATE_PREFIX


def _job_file_path(instance, filename):
    # Private: handed out only to the job's owner (the job's download view).
    return f"{PRIVATE_PREFIX}jobs/{instance.pk}/{filename}"


class Job(models.Model):
    """A piece of background work someone started (an import, an export, a photo's renditions):
    queued, running, done or failed, with a message for them, its progress and, for an export,
    the file made."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=60)
    label = models.CharField(_("what"), max_length=255)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    message = models.TextField(_("message"), blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=_job_file_path, blank=True, max_length=255)
    file_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["owner", "-created_at"], name="core_job_owner_idx")]

    def __str__(self):
        return self.label

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        """How far the work is, 0–100 (0 while its size is unknown)."""
        if not self.progress_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.progress_done * 100 // self.progress_total)
