from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.search import SearchTextModel, search_filter
from units.enums import KIND_LEVEL, SuccessionKind, UnitKind, UnitLevel


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day, *more_days):
        """Units that existed on `day` (or on any of `more_days`)."""
        condition = models.Q()
        for each in (day, *more_days):
            condition |= (models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=each)) & (
                models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=each)
            )
        return self.filter(condition)

    def current(self):
        return self.valid_on(timezone.localdate())

    def search(self, query):
        return search_filter(self, query)

    def within(self, root_ids):
        """Units in the scope of any of `root_ids`: their subtrees and the units they succeeded."""
        return self.filter(id__in=UnitScope.objects.filter(root_id__in=root_ids).values("unit_id"))

    def in_scope(self, scope):
        """The units of a scope (anything with `everything` and `root_unit_ids`, such as
        accounts' UserScope); `accounts.selectors.units_for_user` is the staff views' start."""
        if scope.everything:
            return self
        return self.within(scope.root_unit_ids)


class AdministrativeUnit(SearchTextModel):
    """A unit as it stood during [valid_from, valid_to]; old rows are closed, never re-parented."""

    search_text_fields = ("name", "code")

    code = models.CharField(_("official code"), max_length=10, db_index=True)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("Full name, e.g. Phường Đông Sơn")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=UnitKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=UnitLevel.choices, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty when the start is not recorded.")
    )
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Empty while current.")
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["level", "code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=models.Q(valid_to__isnull=True),
                name="unit_current_code_unique",
                violation_error_message=_("A current unit of this level already has this code."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
                violation_error_message=_("The end of validity must not be before its start."),
            ),
        ]
        indexes = [
            models.Index(fields=["parent", "level"]),
            # Lists ordered by unit names (the models by province and commune) walk it.
            models.Index(fields=["search_text"], name="unit_search_text"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.level = KIND_LEVEL[UnitKind(self.kind)]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("units:unit.detail", kwargs={"pk": self.pk})

    @property
    def is_current(self):
        return self.is_valid_on(timezone.localdate())

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    @property
    def full_name(self):
        """ "Phường Đông Sơn, Tỉnh Thanh Hóa" (select_related the parents to avoid queries)."""
        names, unit = [], self
        while unit is not None:
            names.append(unit.name)
            unit = unit.parent
        return ", ".join(names)


class UnitSuccession(models.Model):
    """`predecessor` was merged, split, renamed or upgraded into `successor` on `date`; a divided
    unit has one succession per successor, one of them marked `is_default`."""

    predecessor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("predecessor"),
        on_delete=models.CASCADE,
        related_name="successions_out",
    )
    successor = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("successor"),
        on_delete=models.CASCADE,
        related_name="successions_in",
    )
    date = models.DateField(_("effective date"))
    kind = models.CharField(_("kind"), max_length=16, choices=SuccessionKind.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    is_default = models.BooleanField(
        _("default successor"),
        default=False,
        help_text=_(
            "For a unit divided between several successors: the one that carries on most of it."
        ),
    )

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="succession_unique_pair",
                violation_error_message=_("This succession is already recorded."),
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="succession_not_self",
                violation_error_message=_("A unit cannot succeed itself."),
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.date:%d/%m/%Y})"


class UnitScope(models.Model):
    """Closure of the unit graph: `unit` lies in the scope of `root`.

    A unit's scope holds itself, its subtree (as the tree stood for each row) and, transitively, the
    units it succeeded and their subtrees. Rebuilt by `units.services.units_rebuild_scope` whenever
    units or successions change, so that scope checks are one indexed join.
    """

    root = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(AdministrativeUnit, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["root", "unit"], name="unit_scope_unique")]
        indexes = [models.Index(fields=["unit", "root"])]

    def __str__(self):
        return f"{self.unit_id} ∈ {self.root_id}"
