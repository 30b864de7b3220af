from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications import messages
from notifications.enums import NotificationKind


class Notification(models.Model):
    """`recipient` is told that `actor` took the step `kind` of `festival` (with the step's
    reason and, for a new date, the dates in `details`). Written by notifications.services only;
    the recipient's unread count (accounts.User.unread_notifications) follows `read_at`."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=NotificationKind.choices)
    # By name only: the festival app calls this one, never the other way round (DESIGN.md §10).
    festival = models.ForeignKey(
        "events.Festival",
        verbose_name=_("festival"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # As the actor was called then (kept when the account is renamed or deleted).
    actor_name = models.CharField(_("taken by"), max_length=150, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # A user's list, newest first, read a page at a time from the index.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.festival_id} → {self.recipient_id}"

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def headline(self):
        return messages.notification_headline(self)

    @property
    def next_step(self):
        return messages.notification_next_step(self)

    @property
    def new_dates(self):
        return messages.notification_new_dates(self)
