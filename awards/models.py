import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.selectors import units_for_user
from awards.enums import RecipientKind, TributeKind
from core.audit import AuditParentMixin
from core.search import SearchTextModel, search_filter
from core.storage import PRIVATE_PREFIX


class AwardForm(models.Model):
    """A form of commendation (Bằng khen, Giấy khen, Kỷ niệm chương…) and who may receive it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    allows_individual = models.BooleanField(_("for individuals"), default=True)
    allows_collective = models.BooleanField(_("for collectives"), default=True)
    allows_household = models.BooleanField(_("for households"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("award form")
        verbose_name_plural = _("award forms")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def allows(self, recipient_kind):
        return {
            RecipientKind.INDIVIDUAL: self.allows_individual,
            RecipientKind.COLLECTIVE: self.allows_collective,
            RecipientKind.HOUSEHOLD: self.allows_household,
        }.get(recipient_kind, False)

    @property
    def allowed_kinds(self):
        return [kind for kind in RecipientKind if self.allows(kind)]


class AuthorityQuerySet(models.QuerySet):
    def valid_on(self, day):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class IssuingAuthority(SearchTextModel):
    """A position at a unit that signs award decisions, e.g. "Chủ tịch UBND tỉnh Thanh Hóa"."""

    search_text_fields = ("position",)

    position = models.CharField(
        _("position"), max_length=255, help_text=_("e.g. Chủ tịch UBND tỉnh Thanh Hóa")
    )
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="authorities",
    )
    forms = models.ManyToManyField(
        AwardForm, verbose_name=_("forms it may issue"), related_name="authorities"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "unit"], name="authority_position_unit_unique"
            ),
        ]

    def __str__(self):
        return self.position

    def is_valid_on(self, day):
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class DecisionQuerySet(models.QuerySet):
    def for_user(self, user):
        """Decisions of authorities in the user's scope, or with an award presented at a festival
        in the user's scope."""

        units = units_for_user(user)
        # The authorities of the scope are a few hundred ids, tested without joining every
        # decision to its authority; the second condition reads the festival-decision index.
        authorities = IssuingAuthority.objects.filter(unit__in=units).values("pk")
        return self.filter(
            Q(authority_id__in=authorities)
            | Exists(
                Award.objects.filter(decision_id=OuterRef("pk"), festival__host_unit__in=units)
            )
        )


def _decision_path(instance, filename):
    # Private (the decision lists every recipient) and under a random name: the uploaded name
    # says what the file is to anyone who guesses it.
    year = instance.date.year if instance.date else "undated"
    return f"{PRIVATE_PREFIX}decisions/{year}/{uuid.uuid4().hex}.pdf"


class Decision(SearchTextModel):
    """A decision on commendation (quyết định khen thưởng), e.g. "1234/QĐ-UBND"."""

    search_text_fields = ("number", "signer_name")

    number = models.CharField(
        _("number and symbol"), max_length=60, help_text=_("e.g. 1234/QĐ-UBND")
    )
    date = models.DateField(_("date"))
    authority = models.ForeignKey(
        IssuingAuthority,
        verbose_name=_("issuing authority"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    signer_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=255, blank=True)
    file = models.FileField(_("PDF of the decision"), upload_to=_decision_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-date", "-pk"]
        constraints = [
            # Decree 30/2020: numbering restarts every year.
            models.UniqueConstraint(
                F("authority"),
                ExtractYear("date"),
                F("number"),
                name="decision_number_unique_per_authority_year",
                violation_error_message=_(
                    "This authority already has a decision with this number in this year."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["date"]),
            # The decision list's order (newest first): a page of ids is read from it in order.
            models.Index(fields=["-date", "-id"], name="decision_date_desc"),
        ]

    def __str__(self):
        return f"{self.number} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("awards:decision.detail", kwargs={"pk": self.pk})

    @property
    def scope_unit(self):
        return self.authority.unit


class AwardQuerySet(models.QuerySet):
    def search(self, query):
        return search_filter(self, query)


class Award(AuditParentMixin, SearchTextModel):
    # Searched by recipient (the staff list of decisions, the public festival search).
    search_text_fields = ("recipient_name",)
    audit_parent = "decision"

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="awards"
    )
    form = models.ForeignKey(
        AwardForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="awards"
    )
    recipient_kind = models.CharField(
        _("recipient kind"), max_length=16, choices=RecipientKind.choices
    )
    recipient_name = models.CharField(
        _("recipient"),
        max_length=255,
        help_text=_("As written on the decision, e.g. Nhân dân và cán bộ thị trấn Rừng Thông"),
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    citation = models.TextField(_("citation"), blank=True)
    amount = models.PositiveBigIntegerField(_("cash amount (VND)"), null=True, blank=True)
    festival = models.ForeignKey(
        "events.Festival",
        verbose_name=_("presented at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["decision", "order", "pk"]
        indexes = [
            # The decisions with an award at a festival in a scope, read from the index alone.
            models.Index(fields=["festival", "decision"], name="award_festival_decision"),
        ]

    def __str__(self):
        return f"{self.form} — {self.recipient_name}"


class Tribute(AuditParentMixin, models.Model):
    """Flowers, gifts or cash given at a festival: not a legal award, kept apart from them."""

    festival = models.ForeignKey(
        "events.Festival",
        verbose_name=_("festival"),
        on_delete=models.CASCADE,
        related_name="tributes",
    )
    giver = models.CharField(_("given by"), max_length=255, help_text=_("e.g. Tỉnh ủy Thanh Hóa"))
    recipient = models.CharField(_("given to"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=TributeKind.choices)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    value = models.PositiveBigIntegerField(_("value (VND)"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("tribute")
        verbose_name_plural = _("tributes")
        ordering = ["festival", "order", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.giver} → {self.recipient}"

    @property
    def scope_unit(self):
        return self.festival.host_unit


def _staged_import_path(instance, filename):
    extension = ".csv" if filename.lower().endswith(".csv") else ".xlsx"
    return f"{PRIVATE_PREFIX}award-imports/{instance.pk}{extension}"


class StagedImport(models.Model):
    """An uploaded award list waiting for its owner's confirmation (after the preview).

    A row of its own so that confirming is claimed once: any number of concurrent confirms
    import the list once, the others learn it was already imported (or is being imported, by a
    background job for a large list). Files of abandoned imports are deleted after `expires_at`
    (manage.py awards_purge_staged_imports)."""

    class Status(models.TextChoices):
        STAGED = "staged", _("waiting for confirmation")
        QUEUED = "queued", _("being imported")
        IMPORTED = "imported", _("imported")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="staged_imports")
    file = models.FileField(upload_to=_staged_import_path)
    row_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.STAGED)
    imported_count = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    imported_at = models.DateTimeField(null=True, blank=True)
    # A large list is imported in the background (awards.imports.award_import_queue): the job
    # its owner follows.
    job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("staged award import")
        verbose_name_plural = _("staged award imports")

    def __str__(self):
        return f"{self.decision} ({self.row_count})"

    @property
    def scope_unit(self):
        return self.decision.authority.unit
