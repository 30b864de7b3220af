from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Administrative units")

    def ready(self):
        from auditlog.registry import auditlog

        from core.pagecache import watch_public_models
        from units.models import AdministrativeUnit, UnitSuccession

        auditlog.register(
            AdministrativeUnit,
            include_fields=["code", "name", "kind", "parent", "valid_from", "valid_to"],
        )
        auditlog.register(
            UnitSuccession,
            include_fields=["predecessor", "successor", "date", "kind", "legal_basis"],
        )
        watch_public_models(AdministrativeUnit, UnitSuccession)
