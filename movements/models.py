from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.selectors import units_for_user
from core.search import SearchTextModel, normalize_search_text, search_filter
from movements.enums import ModelStatus
from units.enums import UnitLevel


class ModelCategory(models.Model):
    """A kind of movement model (a catalogue kept by administrators in the admin site)."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_en = models.CharField(
        _("name in English"),
        max_length=150,
        blank=True,
        help_text=_("Shown to visitors who chose English; the Vietnamese name when left empty."),
    )
    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("Used in addresses, e.g. camera-antt")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("model category")
        verbose_name_plural = _("model categories")
        ordering = ["order", "name"]

    def __str__(self):
        # The Vietnamese name: what the audit trail records, whatever language the editor uses.
        return self.name

    @property
    def label(self):
        """The name in the active language, for pages."""
        if self.name_en and get_language() == "en":
            return self.name_en
        return self.name


class MovementModelQuerySet(models.QuerySet):
    def for_user(self, user):
        """Models kept by units in the user's scope; every staff view starts here."""

        return self.filter(unit__in=units_for_user(user))

    def public(self, status=ModelStatus.ACTIVE):
        """What the public directory lists: active models, or those of `status` (None: all)."""
        return self.filter(status=status) if status else self

    def search(self, query):
        return search_filter(self, query)


def cover_photo_path(_instance, filename):
    return f"models/{filename}"


class MovementModel(SearchTextModel):
    """A security-movement model (mô hình) kept by a commune-level unit."""

    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("commune or ward"),
        on_delete=models.PROTECT,
        related_name="movement_models",
        limit_choices_to={"level": UnitLevel.COMMUNE},
    )
    name = models.CharField(_("name"), max_length=255)
    category = models.ForeignKey(
        ModelCategory,
        verbose_name=_("model category"),
        on_delete=models.PROTECT,
        related_name="movement_models",
    )
    lead_organisation = models.CharField(
        _("lead organisation"), max_length=255, help_text=_("e.g. Công an phường Đông Sơn")
    )
    partner_organisations = models.TextField(
        _("partner organisations"),
        blank=True,
        help_text=_("One per line, e.g. Hội Cựu chiến binh phường"),
    )
    started_on = models.DateField(
        _("started on"), null=True, blank=True, help_text=_("Empty when the start is not recorded.")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ModelStatus.choices,
        default=ModelStatus.ACTIVE,
        db_index=True,
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    results = models.TextField(_("results"), blank=True)
    cover_photo = models.ImageField(
        _("cover photo"),
        upload_to=cover_photo_path,
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MovementModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("movement model")
        verbose_name_plural = _("movement models")
        ordering = ["category__order", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="movement_model_unit_name_unique",
                violation_error_message=_("This commune already has a model with this name."),
            ),
        ]
        indexes = [models.Index(fields=["status", "category"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("movements:model.detail", kwargs={"pk": self.pk})

    def get_public_url(self):
        return reverse("models:model.detail", kwargs={"pk": self.pk})

    @property
    def scope_unit(self):
        return self.unit

    @property
    def partner_list(self):
        return [line.strip() for line in self.partner_organisations.splitlines() if line.strip()]

    def build_search_text(self):
        unit_names = []
        unit = self.unit
        while unit is not None:
            unit_names.append(unit.name)
            unit = unit.parent
        return normalize_search_text(
            " ".join([self.name, self.category.name, *unit_names, self.lead_organisation])
        )
