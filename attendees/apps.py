from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendeesConfig(AppConfig):
    name = "attendees"
    verbose_name = _("Delegates")

    def ready(self):
        from auditlog.registry import auditlog

        from attendees.models import Delegate
        from core.pagecache import watch_public_models

        auditlog.register(
            Delegate,
            include_fields=[
                "full_name",
                "position",
                "organisation",
                "category",
                "precedence",
                "status",
            ],
        )
        watch_public_models(Delegate)
