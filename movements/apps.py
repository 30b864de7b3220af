from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "movements"
    verbose_name = _("Security-movement models")

    def ready(self):
        from auditlog.registry import auditlog

        from core.pagecache import watch_public_models
        from movements.models import ModelCategory, MovementModel

        # The festivals a model is shown at are audited by `events.showcase.festival_models_set`.
        auditlog.register(
            MovementModel,
            include_fields=[
                "unit",
                "name",
                "category",
                "lead_organisation",
                "partner_organisations",
                "started_on",
                "status",
                "status_changed_on",
                "description",
                "results",
                "cover_photo",
            ],
            mapping_fields={"festivals": _("festivals where shown")},
        )
        auditlog.register(ModelCategory, include_fields=["name", "code", "order"])
        watch_public_models(MovementModel, ModelCategory)
