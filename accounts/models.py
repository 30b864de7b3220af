from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from units.enums import UnitLevel


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    position = models.CharField(
        _("position"),
        max_length=200,
        blank=True,
        help_text=_("Position or title, e.g. Chủ tịch UBND phường"),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the mail the site sends you; Vietnamese when empty."),
    )
    notify_by_mail = models.BooleanField(
        _("mail about hand-offs"),
        default=True,
        help_text=_("Also send by mail the notifications of festival steps that concern you."),
    )
    # Kept by notifications.services in the transaction that adds or reads notifications, so
    # that the navigation's unread badge costs no query (the user row is loaded anyway).
    unread_notifications = models.PositiveIntegerField(
        _("unread notifications"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username

    def get_short_name(self):
        return self.get_full_name()


class RoleAssignmentQuerySet(models.QuerySet):
    def active_on(self, day):
        return self.filter(
            models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def active(self):
        return self.active_on(timezone.localdate())


class RoleAssignment(models.Model):
    """`user` acts as `role` for `unit` and everything under it, during [valid_from, valid_to]."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text=_("Empty only for an administrator of the whole country."),
    )
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["user", "role", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="role_valid_range",
                violation_error_message=_(
                    "The end of the assignment must not be before its start."
                ),
            ),
        ]

    def __str__(self):
        where = self.unit.name if self.unit_id else _("whole country")
        return f"{self.get_role_display()} — {where}"

    def clean(self):
        if self.role in (Role.COMMUNE_OFFICIAL, Role.DISTRICT_STAFF) and not self.unit_id:
            raise ValidationError({"unit": _("Choose the unit this role is for.")})
        if self.role == Role.COMMUNE_OFFICIAL and self.unit.level != UnitLevel.COMMUNE:
            raise ValidationError(
                {"unit": _("A commune official belongs to a commune-level unit.")}
            )
        if self.role == Role.DISTRICT_STAFF and self.unit.level == UnitLevel.COMMUNE:
            raise ValidationError(
                {
                    "unit": _(
                        "District staff belong to a unit above commune level (a district or province)."
                    )
                }
            )
