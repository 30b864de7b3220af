"""Every write to notifications: telling the users a festival step concerns (in-app, and by mail
after the commit), reading them, and the user's mail preference.

A user's unread count (accounts.User.unread_notifications, read by the navigation at no cost)
moves in the same transaction as the rows it counts: raised by one for each notification made,
lowered by the number of rows a read actually turned from unread to read, so that two clicks at
once lower it once."""

import logging
from smtplib import SMTPRecipientsRefused

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone, translation

from accounts.models import User
from accounts.selectors import users_in_charge_of
from core.deferred import on_commit_once
from core.tasks import enqueue
from notifications.enums import NotificationKind
from notifications.messages import notification_mail
from notifications.models import Notification

logger = logging.getLogger(__name__)


def notifications_send(*, kind, festival, actor, roles, reason="", details=None):
    """Tell every user holding one of `roles` over the festival's host unit (its scope, history
    included), the `actor` aside, that the step `kind` was taken: one unread notification each,
    their unread counts raised; once the transaction commits, a mail to those who want mail.
    Three queries whatever the number of recipients. Returns the notifications made."""
    kind = NotificationKind(kind)
    recipients = users_in_charge_of(festival.host_unit_id, roles=roles)
    if actor is not None:
        recipients = recipients.exclude(pk=actor.pk)
    recipients = list(recipients.only("pk", "email", "notify_by_mail").order_by("pk"))
    if not recipients:
        return []
    now = timezone.now()
    actor_name = actor.get_full_name() if actor is not None else ""
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=recipient,
                kind=kind,
                festival=festival,
                actor=actor,
                actor_name=actor_name[:150],
                reason=reason or "",
                details=details or {},
                created_at=now,
            )
            for recipient in recipients
        ]
    )
    User.objects.filter(pk__in=[r.pk for r in recipients]).update(
        unread_notifications=F("unread_notifications") + 1
    )
    to_mail = [
        n.pk for n, r in zip(notifications, recipients, strict=True) if r.notify_by_mail and r.email
    ]
    if to_mail:
        # Not before the commit (a rolled-back step tells no one, and the worker must find the
        # rows); one task for all the steps of the transaction.
        on_commit_once(_mail_later, to_mail)
    return notifications


def _mail_later(notification_ids):
    from notifications.tasks import notifications_mail_task

    enqueue(notifications_mail_task, notification_ids=sorted(notification_ids))


def _lower_unread(user, count):
    if count:
        User.objects.filter(pk=user.pk).update(
            unread_notifications=Greatest(F("unread_notifications") - count, Value(0))
        )


@transaction.atomic
def notification_mark_read(*, notification, user):
    """Mark `user`'s `notification` read (nothing if it already is or is someone else's)."""
    changed = Notification.objects.filter(
        pk=notification.pk, recipient=user, read_at__isnull=True
    ).update(read_at=timezone.now())
    _lower_unread(user, changed)
    return changed


@transaction.atomic
def notifications_mark_all_read(*, user):
    """Mark every unread notification of `user` read; returns how many were unread."""
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _lower_unread(user, changed)
    return changed


def notification_preferences_save(*, user, notify_by_mail, language):
    """Whether `user` gets mail about hand-offs, and in which language (empty: Vietnamese)."""
    user.notify_by_mail = bool(notify_by_mail)
    user.language = language or ""
    user.save(update_fields=["notify_by_mail", "language"])
    return user


def notifications_mail(*, notification_ids):
    """Send the mail of each of `notification_ids` not mailed yet, to a recipient who still wants
    mail and has an address, in the recipient's language (Vietnamese when they chose none).

    A notification is marked mailed before its mail leaves, by a conditional update, so that a
    task delivered twice sends it once; when the mail server fails, the mark is taken back and
    the error raised, for the task to try again later. Returns how many mails were sent."""
    notifications = (
        Notification.objects.filter(pk__in=notification_ids, mailed_at__isnull=True)
        .select_related("recipient", "festival__host_unit")
        .order_by("pk")
    )
    sent = 0
    connection = None
    for notification in notifications:
        recipient = notification.recipient
        if not (recipient.is_active and recipient.notify_by_mail and recipient.email):
            continue
        claimed = Notification.objects.filter(pk=notification.pk, mailed_at__isnull=True).update(
            mailed_at=timezone.now()
        )
        if not claimed:
            continue
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            message = notification_mail(notification)
        connection = connection or get_connection()
        message.connection = connection
        try:
            message.send()
        except SMTPRecipientsRefused:
            # The address is wrong, not the server: trying again would not help.
            logger.warning("Mail of notification %s refused for %s", notification.pk, recipient)
            continue
        except Exception:
            Notification.objects.filter(pk=notification.pk).update(mailed_at=None)
            raise
        sent += 1
    return sent
