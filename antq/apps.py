from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AntqConfig(AppConfig):
    name = "antq"
    verbose_name = _("ANTQ Festival")
