from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMMUNE_OFFICIAL = "commune_official", _("commune official")
    DISTRICT_STAFF = "district_staff", _("district staff")
    ADMINISTRATOR = "administrator", _("administrator")
