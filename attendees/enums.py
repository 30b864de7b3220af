from django.db import models
from django.utils.translation import gettext_lazy as _


class DelegateCategory(models.TextChoices):
    LEADER = "leader", _("leader")
    GUEST = "guest", _("guest")
    DELEGATE = "delegate", _("delegate")
    ORGANISER = "organiser", _("organiser")
    RESIDENT = "resident", _("resident representative")


class DelegateStatus(models.TextChoices):
    INVITED = "invited", _("invited")
    CONFIRMED = "confirmed", _("confirmed")
    ATTENDED = "attended", _("attended")
