from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Festivals")

    def ready(self):
        from auditlog.registry import auditlog

        from core.pagecache import watch_public_models
        from events.models import (
            Direction,
            Festival,
            FestivalDocument,
            FestivalPhoto,
            FestivalReport,
            Organiser,
            ProgrammeItem,
        )

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
        auditlog.register(
            FestivalReport,
            include_fields=[
                "summary",
                "results",
                "attendance",
                "organisations_present",
                "highlights",
                "author_credit",
                "review_notes",
            ],
        )
        auditlog.register(Direction, include_fields=["text", "owner", "due_on", "order"])
        auditlog.register(
            FestivalPhoto,
            include_fields=[
                "image",
                "caption",
                "alt_text",
                "credit",
                "order",
                "is_public",
                "review_state",
                "review_reason",
                "pending_changes",
            ],
        )
        auditlog.register(
            FestivalDocument,
            include_fields=[
                "kind",
                "title",
                "number",
                "date",
                "issuer",
                "file",
                "is_public",
                "review_state",
                "review_reason",
            ],
        )
        # Public pages show these: a change leaves the kept pages behind (core.pagecache).
        watch_public_models(
            Festival,
            Organiser,
            ProgrammeItem,
            FestivalPhoto,
            FestivalDocument,
            FestivalReport,
            Direction,
        )
