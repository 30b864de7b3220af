from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from auditlog.registry import auditlog

        from accounts.models import RoleAssignment, User

        auditlog.register(
            RoleAssignment, include_fields=["user", "role", "unit", "valid_from", "valid_to"]
        )
        auditlog.register(
            User,
            include_fields=[
                "username",
                "full_name",
                "position",
                "email",
                "is_active",
                "is_staff",
                "is_superuser",
            ],
        )
