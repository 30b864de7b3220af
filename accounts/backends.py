import rules
from django.contrib.auth import backends as auth_backends

from accounts.selectors import user_scope


class AdministratorRoleBackend:
    """An active administrator role gives every permission, as a superuser flag would."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        # Object rules (which also look at an object's state) stay with the rules backend.
        if rules.perm_exists(perm):
            return False
        return user_obj.is_active and user_scope(user_obj).everything

    def has_module_perms(self, user_obj, app_label):
        return user_obj.is_active and user_scope(user_obj).everything


class ModelBackend(auth_backends.ModelBackend):
    """Django's password and model-permission backend, which leaves the project's object rules
    (checked by the rules backend) alone instead of loading the user's model permissions for them."""

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)
