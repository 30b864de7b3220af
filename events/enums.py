from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FestivalStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for approval")
    SCHEDULED = "scheduled", _("scheduled")
    HELD = "held", _("held")
    REPORT_SUBMITTED = "report_submitted", _("report submitted")
    PUBLISHED = "published", _("published")
    CANCELLED = "cancelled", _("cancelled")
    POSTPONED = "postponed", _("postponed")


class TransitionAction(models.TextChoices):
    CREATE = "create", _("created")
    SUBMIT = "submit", _("submitted")
    APPROVE = "approve", _("approved")
    RETURN = "return", pgettext_lazy("festival action", "returned")
    CANCEL = "cancel", _("cancelled")
    POSTPONE = "postpone", _("postponed")
    RESCHEDULE = "reschedule", _("date changed")
    SUBMIT_REPORT = "submit_report", _("report submitted")
    RETURN_REPORT = "return_report", _("report returned")
    PUBLISH = "publish", _("report published")
    WITHDRAW = "withdraw", _("plan withdrawn before review")
    UNPUBLISH = "unpublish", _("report withdrawn from the public site")
    HELD = "held", _("held (its date has passed)")


class PilotLevel(models.TextChoices):
    NONE = "", _("not a pilot")
    PROVINCE = "province", _("provincial pilot")
    DISTRICT = "district", _("district pilot")
    COMMUNE = "commune", _("commune pilot")


class OrganiserRole(models.TextChoices):
    DIRECTING = "directing", _("directing")
    LEAD = "lead", _("lead")
    CO_ORGANISER = "co_organiser", _("co-organiser")


class ProgrammePart(models.TextChoices):
    CEREMONY = "ceremony", _("ceremony")
    FESTIVITIES = "festivities", _("festivities")


class ProgrammeKind(models.TextChoices):
    OPENING = "opening", _("opening")
    FLAG_SALUTE = "flag_salute", _("flag salute")
    DELEGATES = "delegates", _("introduction of delegates")
    REPORT = "report", _("report on results")
    SPEECH = "speech", _("speech")
    DISCUSSION = "discussion", _("discussion")
    AWARDS = "awards", _("awards ceremony")
    PLEDGE = "pledge", _("pledge signing")
    PERFORMANCE = "performance", _("performance")
    SPORT = "sport", _("sport")
    CLOSING = "closing", _("closing")


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("plan")
    REPORT = "report", _("report")
    DECISION = "decision", _("decision")
    SPEECH = "speech", _("speech")
    MINUTES = "minutes", _("minutes")


class ReviewState(models.TextChoices):
    """Where a photo or document added after publication stands with the district."""

    APPROVED = "approved", _("approved")
    PENDING = "pending", _("waiting for review")
    REJECTED = "rejected", _("not approved")


class RenditionState(models.TextChoices):
    """Where a photo's renditions stand: a worker makes them after the upload (events.tasks)."""

    PROCESSING = "processing", _("processing")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")
