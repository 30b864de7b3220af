from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel: shared plumbing (search text, images, files, audit, rows, errors,
    spreadsheets, middleware, template tags). It imports no package of the project."""

    name = "core"
    verbose_name = _("ANTQ Festival")
