"""The notifications' background work: their mail, sent by a worker once the step that made
them has committed (Celery; eager with no broker, as under `make run`)."""

from smtplib import SMTPException

from core.tasks import job_task
from notifications.services import notifications_mail


@job_task("notifications.mail", retry_on=(SMTPException,))
def notifications_mail_task(job, *, notification_ids=()):
    """Mail the notifications of `notification_ids` that are not mailed yet."""
    sent = notifications_mail(notification_ids=list(notification_ids))
    return f"{sent} notification mails sent."
