from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards and commendations")

    def ready(self):
        from auditlog.registry import auditlog

        from awards.models import Award, AwardForm, Decision, IssuingAuthority, Tribute
        from core.pagecache import watch_public_models

        auditlog.register(AwardForm)
        auditlog.register(IssuingAuthority, exclude_fields=["search_text"], m2m_fields={"forms"})
        auditlog.register(
            Decision,
            include_fields=["number", "date", "authority", "signer_name", "signer_title", "file"],
        )
        auditlog.register(
            Award,
            include_fields=[
                "decision",
                "form",
                "recipient_kind",
                "recipient_name",
                "position",
                "organisation",
                "citation",
                "amount",
                "festival",
            ],
        )
        auditlog.register(
            Tribute, include_fields=["giver", "recipient", "kind", "quantity", "value"]
        )
        watch_public_models(Award, AwardForm, Decision, IssuingAuthority, Tribute)
