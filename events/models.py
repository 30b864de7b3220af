from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from antq.search import SearchTextModel, normalize_search_text, search_filter
from events.enums import (
    FestivalStatus,
    OrganiserRole,
    PilotLevel,
    ProgrammeKind,
    ProgrammePart,
    TransitionAction,
)


class FestivalQuerySet(models.QuerySet):
    def for_user(self, user):
        """Festivals whose host unit lies in the user's scope; every staff view starts here."""
        from units.models import AdministrativeUnit

        return self.filter(host_unit__in=AdministrativeUnit.objects.for_user(user))

    def announced(self):
        """Approved festivals that have not ended yet: the public announcements."""
        return self.filter(status=FestivalStatus.SCHEDULED, ends_at__gte=timezone.now())

    def public(self):
        return self.filter(
            status__in=[FestivalStatus.SCHEDULED, FestivalStatus.HELD, FestivalStatus.PUBLISHED]
        )

    def search(self, query):
        return search_filter(self, query)


class Festival(SearchTextModel):
    host_unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("host unit"),
        on_delete=models.PROTECT,
        related_name="festivals",
    )
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    slug = models.SlugField(_("address name"), max_length=120, editable=False)
    title = models.CharField(_("title"), max_length=255)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    venue = models.CharField(
        _("venue"), max_length=255, blank=True, help_text=_("e.g. Nhà văn hóa khu phố 3")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    pilot_level = models.CharField(
        _("pilot level"),
        max_length=16,
        choices=PilotLevel.choices,
        default=PilotLevel.NONE,
        blank=True,
    )
    plan_number = models.CharField(
        _("plan document number"), max_length=60, blank=True, help_text=_("e.g. 45/KH-UBND")
    )
    expected_attendance = models.PositiveIntegerField(
        _("expected attendance"), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FestivalStatus.choices,
        default=FestivalStatus.DRAFT,
        db_index=True,
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
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

    objects = FestivalQuerySet.as_manager()

    class Meta:
        verbose_name = _("festival")
        verbose_name_plural = _("festivals")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "slug"], name="festival_year_slug_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gt=models.F("starts_at")),
                name="festival_ends_after_start",
                violation_error_message=_("The festival must end after it starts."),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["host_unit", "year"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:festival.detail", kwargs={"pk": self.pk})

    def get_public_url(self):
        return reverse("public:festival.detail", kwargs={"year": self.year, "slug": self.slug})

    @property
    def scope_unit(self):
        return self.host_unit

    @property
    def effective_status(self):
        """`held` once a scheduled festival has ended, whatever the stored status says."""
        if (
            self.status == FestivalStatus.SCHEDULED
            and self.ends_at
            and self.ends_at < timezone.now()
        ):
            return FestivalStatus.HELD
        return FestivalStatus(self.status)

    def get_effective_status_display(self):
        return self.effective_status.label

    def build_search_text(self):
        unit_names = []
        unit = self.host_unit
        while unit is not None:
            unit_names.append(unit.name)
            unit = unit.parent
        return normalize_search_text(" ".join([self.title, *unit_names, self.venue]))


class Organiser(models.Model):
    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="organisers")
    name = models.CharField(
        _("organisation"), max_length=255, help_text=_("e.g. Ban Chỉ đạo ANTT phường Đông Sơn")
    )
    role = models.CharField(
        _("role"), max_length=16, choices=OrganiserRole.choices, default=OrganiserRole.LEAD
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["festival", "order", "pk"]

    def __str__(self):
        return self.name


class ProgrammeItem(models.Model):
    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="programme_items")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    part = models.CharField(
        _("part"), max_length=16, choices=ProgrammePart.choices, default=ProgrammePart.CEREMONY
    )
    time = models.TimeField(_("time"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ProgrammeKind.choices)
    title = models.CharField(_("title"), max_length=255)
    speaker_name = models.CharField(_("speaker"), max_length=150, blank=True)
    speaker = models.ForeignKey(
        "attendees.Delegate",
        verbose_name=_("speaker (delegate)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_items",
    )

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["festival", "order", "pk"]

    def __str__(self):
        return self.title


class FestivalTransition(models.Model):
    """One step of a festival's lifecycle: who, when, from which state to which, and why."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=16, choices=TransitionAction.choices)
    from_status = models.CharField(
        _("from"), max_length=20, choices=FestivalStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=FestivalStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("festival history entry")
        verbose_name_plural = _("festival history")
        ordering = ["festival", "at", "pk"]

    def __str__(self):
        return f"{self.festival_id}: {self.from_status} → {self.to_status}"
