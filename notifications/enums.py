from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NotificationKind(models.TextChoices):
    """The festival steps someone is told about; the values are those of the steps
    (events.enums.TransitionAction), so that the lifecycle passes its own."""

    SUBMIT = "submit", _("plan submitted")
    WITHDRAW = "withdraw", _("plan withdrawn before review")
    APPROVE = "approve", _("plan approved")
    RETURN = "return", pgettext_lazy("notification", "plan returned")
    CANCEL = "cancel", _("festival cancelled")
    POSTPONE = "postpone", _("festival postponed")
    RESCHEDULE = "reschedule", _("date changed")
    SUBMIT_REPORT = "submit_report", _("report submitted")
    RETURN_REPORT = "return_report", _("report returned")
    PUBLISH = "publish", _("report published")
    UNPUBLISH = "unpublish", _("report withdrawn from the public site")
