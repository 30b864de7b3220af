"""What a notification says, in the active language: the line of the list and of the mail's
first paragraph, the mail's subject, what the recipient may do next, and the mail itself."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from notifications.enums import NotificationKind

K = NotificationKind

HEADLINES = {
    K.SUBMIT: gettext_lazy("%(actor)s submitted the plan “%(festival)s” for approval."),
    K.WITHDRAW: gettext_lazy("%(actor)s withdrew the plan “%(festival)s” before review."),
    K.APPROVE: gettext_lazy(
        "%(actor)s approved the plan “%(festival)s”: it is announced on the public site."
    ),
    K.RETURN: gettext_lazy("%(actor)s returned the plan “%(festival)s” to the commune."),
    K.CANCEL: gettext_lazy("%(actor)s cancelled the festival “%(festival)s”."),
    K.POSTPONE: gettext_lazy("%(actor)s postponed the festival “%(festival)s”."),
    K.RESCHEDULE: gettext_lazy("%(actor)s changed the date of the festival “%(festival)s”."),
    K.SUBMIT_REPORT: gettext_lazy("%(actor)s submitted the report of “%(festival)s” for review."),
    K.RETURN_REPORT: gettext_lazy(
        "%(actor)s returned the report of “%(festival)s” to the commune."
    ),
    K.PUBLISH: gettext_lazy("%(actor)s published the report of “%(festival)s” on the public site."),
    K.UNPUBLISH: gettext_lazy("%(actor)s took the report of “%(festival)s” off the public site."),
}

SUBJECTS = {
    K.SUBMIT: gettext_lazy("Plan to approve: %(festival)s"),
    K.WITHDRAW: gettext_lazy("Plan withdrawn: %(festival)s"),
    K.APPROVE: gettext_lazy("Plan approved: %(festival)s"),
    K.RETURN: gettext_lazy("Plan returned: %(festival)s"),
    K.CANCEL: gettext_lazy("Festival cancelled: %(festival)s"),
    K.POSTPONE: gettext_lazy("Festival postponed: %(festival)s"),
    K.RESCHEDULE: gettext_lazy("New date: %(festival)s"),
    K.SUBMIT_REPORT: gettext_lazy("Report to publish: %(festival)s"),
    K.RETURN_REPORT: gettext_lazy("Report returned: %(festival)s"),
    K.PUBLISH: gettext_lazy("Report published: %(festival)s"),
    K.UNPUBLISH: gettext_lazy("Report taken off the public site: %(festival)s"),
}

NEXT_STEPS = {
    K.SUBMIT: gettext_lazy("It waits for you: approve it, or return it with a reason."),
    K.RETURN: gettext_lazy("Address the reason, then submit the plan again."),
    K.APPROVE: gettext_lazy("Once the festival has taken place, write its report."),
    K.SUBMIT_REPORT: gettext_lazy("It waits for you: publish it, or return it with a reason."),
    K.RETURN_REPORT: gettext_lazy("Address the reason, then submit the report again."),
    K.UNPUBLISH: gettext_lazy("The report waits for review again."),
}


def _params(notification):
    return {
        "actor": notification.actor_name or _("Someone"),
        "festival": notification.festival.title,
    }


def notification_headline(notification):
    return HEADLINES[K(notification.kind)] % _params(notification)


def notification_subject(notification):
    return SUBJECTS[K(notification.kind)] % _params(notification)


def notification_next_step(notification):
    return str(NEXT_STEPS.get(K(notification.kind), ""))


def _local(text):
    moment = parse_datetime(text) if text else None
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def notification_new_dates(notification):
    """For a new date: "from … to …" (the new dates, then the old ones), else empty."""
    details = notification.details or {}
    if K(notification.kind) != K.RESCHEDULE or not details.get("new_starts_at"):
        return ""
    text = _("Now from %(starts)s to %(ends)s") % {
        "starts": _local(details["new_starts_at"]),
        "ends": _local(details.get("new_ends_at")),
    }
    if details.get("old_starts_at"):
        text += " " + _("(was from %(starts)s to %(ends)s)") % {
            "starts": _local(details["old_starts_at"]),
            "ends": _local(details.get("old_ends_at")),
        }
    return text + "."


def site_url(path):
    """`path` on the site, as an absolute address for a mail (settings.SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + path


def notification_mail(notification):
    """The mail of `notification` to its recipient, in the active language."""
    recipient = notification.recipient
    lines = [
        _("Hello %(name)s,") % {"name": recipient.get_full_name()},
        "",
        notification_headline(notification),
        f"{notification.festival.host_unit.name} · {notification.festival.year}",
    ]
    dates = notification_new_dates(notification)
    if dates:
        lines.append(dates)
    if notification.reason:
        lines.append(_("Reason: %(reason)s") % {"reason": notification.reason})
    next_step = notification_next_step(notification)
    if next_step:
        lines += ["", next_step]
    settings_url = site_url(reverse("notifications:notification.list"))
    lines += [
        "",
        _("Open the festival: %(url)s")
        % {"url": site_url(notification.festival.get_absolute_url())},
        _("All your notifications: %(url)s") % {"url": settings_url},
        "",
        "-- ",
        _(
            "You receive this mail because a step of a festival in your scope concerns you. "
            "To stop these mails, turn them off on your notifications page: %(url)s"
        )
        % {"url": settings_url},
    ]
    return EmailMessage(
        subject=notification_subject(notification),
        body="\n".join(lines) + "\n",
        to=[recipient.email],
    )
