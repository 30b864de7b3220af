from django.db import models
from django.utils.translation import gettext_lazy as _


class ModelStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    ENDED = "ended", _("ended")
