from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Festivals")

    def ready(self):
        from auditlog.registry import auditlog

        from events.models import Festival, Organiser, ProgrammeItem

        auditlog.register(
            Festival,
            include_fields=[
                "host_unit",
                "year",
                "title",
                "starts_at",
                "ends_at",
                "venue",
                "address",
                "pilot_level",
                "plan_number",
                "expected_attendance",
                "description",
                "status",
            ],
        )
        auditlog.register(Organiser, include_fields=["name", "role", "order"])
        auditlog.register(
            ProgrammeItem, include_fields=["order", "part", "time", "kind", "title", "speaker_name"]
        )
