from django.db import models
from django.utils.translation import gettext_lazy as _


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("individual")
    COLLECTIVE = "collective", _("collective")
    HOUSEHOLD = "household", _("household")


class TributeKind(models.TextChoices):
    FLOWER_BASKET = "flower_basket", _("flower basket")
    GIFT = "gift", _("gift")
    CASH = "cash", _("cash")
    OTHER = "other", _("other")
