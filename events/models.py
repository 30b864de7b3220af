from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.selectors import units_for_user
from core.audit import AuditParentMixin
from core.search import (
    COUNT_CAP,
    SearchResults,
    SearchTextModel,
    SearchWords,
    normalize_search_text,
    search_arm,
)
from core.storage import PRIVATE_PREFIX
from events.enums import (
    DocumentKind,
    FestivalStatus,
    OrganiserRole,
    PilotLevel,
    ProgrammeKind,
    ProgrammePart,
    RenditionState,
    ReviewState,
    TransitionAction,
)
from events.states import PUBLIC, effective_status, effective_status_q
from units.selectors import unit_current_successors


class FestivalQuerySet(models.QuerySet):
    def for_user(self, user):
        """Festivals whose host unit lies in the user's scope; every staff view starts here."""

        return self.filter(host_unit__in=units_for_user(user))

    def in_status(self, status):
        """Festivals in `status` as a person sees it (a scheduled festival that ended is held)."""
        return self.filter(effective_status_q(status))

    def announced(self):
        """Approved festivals that have not ended yet: the public announcements."""
        return self.filter(status=FestivalStatus.SCHEDULED, ends_at__gte=timezone.now())

    def public(self):
        """What the public reads: announcements of upcoming festivals and published reports."""
        return self.filter(
            Q(status=FestivalStatus.SCHEDULED, ends_at__gte=timezone.now())
            | Q(status=FestivalStatus.PUBLISHED)
        )

    def search(self, query):
        """Festivals that hold every word of `query` (core.search) in their own search text
        (title, venue, units) or in the name of one of their delegates or award recipients, who
        are searched through their own rows: a union of three index scans."""
        words = SearchWords.of(query)
        if not words:
            return self
        return self.filter(pk__in=_festival_ids_matching(words))

    def search_results(self, query, *, order, page_queryset, cap=COUNT_CAP):
        """The festivals of this queryset that `search` finds, for a paginator: the exact
        phrase first (in the festival's own text or in a delegate's or recipient's name), then
        the phrase with its last word as a prefix, then the others, each group in `order`; each
        page loaded from `page_queryset` (core.search.SearchResults)."""
        return SearchResults(
            rows=self,
            arms=_festival_arms(query),
            order=order,
            page_queryset=page_queryset,
            cap=cap,
        )


def _festival_arms(query):
    """Where a festival's words are: its own text, its delegates' names, its recipients' names."""
    # The delegates' and awards' models, reached through the relations (they live in apps above).
    delegates = Festival._meta.get_field("delegates").related_model
    awards = Festival._meta.get_field("awards").related_model
    return [
        search_arm(Festival.objects.all(), query),
        search_arm(delegates.objects.all(), query, match_id="festival_id"),
        search_arm(awards.objects.filter(festival__isnull=False), query, match_id="festival_id"),
    ]


def _festival_ids_matching(query):
    """Ids of festivals matching `query` by their own text, a delegate's or a recipient's name."""
    first, *others = [arm.values("match_id") for arm in _festival_arms(query)]
    return first.union(*others)


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
    showcased_models = models.ManyToManyField(
        "movements.MovementModel",
        verbose_name=_("movement models showcased"),
        related_name="festivals",
        blank=True,
        # The table made when the relation was declared on the movement model.
        db_table="movements_movementmodel_festivals",
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
            models.Index(fields=["status", "year"]),
            models.Index(fields=["host_unit", "year"]),
            # The lists' order (newest first): a page of ids is read from the index in order.
            models.Index(fields=["-starts_at", "-id"], name="festival_starts_desc"),
            # The public list reads its two halves (reports, announcements) in its order from
            # these (events.selectors.festivals_public_ids).
            models.Index(
                fields=["-starts_at", "-id"],
                name="festival_published_order",
                condition=Q(status=FestivalStatus.PUBLISHED),
            ),
            models.Index(
                fields=["-starts_at", "-id"],
                name="festival_scheduled_order",
                condition=Q(status=FestivalStatus.SCHEDULED),
            ),
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
        return effective_status(self.status, self.ends_at)

    @property
    def is_public(self):
        """True when the public site shows this festival (an announcement or a report)."""
        return self.effective_status in PUBLIC

    def get_effective_status_display(self):
        return self.effective_status.label

    def build_search_text(self):
        """Title, venue, the host unit as it was and as it is now (delegates and award recipients
        are searched through their own rows: FestivalQuerySet.search)."""
        names = [self.title, self.venue]
        units = [self.host_unit]
        if self.host_unit_id and not self.host_unit.is_current:
            units += unit_current_successors(self.host_unit)
        for unit in units:
            while unit is not None:
                names.append(unit.name)
                unit = unit.parent
        return normalize_search_text(" ".join(dict.fromkeys(n for n in names if n)))


class Organiser(AuditParentMixin, models.Model):
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


class ProgrammeItem(AuditParentMixin, models.Model):
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


class FestivalReport(AuditParentMixin, models.Model):
    """The report written after the festival (báo cáo kết quả)."""

    festival = models.OneToOneField(Festival, on_delete=models.CASCADE, related_name="report")
    summary = models.TextField(_("summary"), blank=True)
    results = models.TextField(_("results since last year"), blank=True)
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    organisations_present = models.TextField(
        _("organisations present"), blank=True, help_text=_("One per line.")
    )
    highlights = models.TextField(_("highlights"), blank=True)
    author_credit = models.CharField(_("written by"), max_length=255, blank=True)
    review_notes = models.TextField(_("review notes"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("festival report")
        verbose_name_plural = _("festival reports")

    def __str__(self):
        return str(self.festival)

    @property
    def scope_unit(self):
        return self.festival.host_unit

    def organisations_list(self):
        return [line.strip() for line in self.organisations_present.splitlines() if line.strip()]


class Direction(AuditParentMixin, models.Model):
    """A direction or task given by a leader at the festival."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="directions")
    text = models.TextField(_("direction"))
    owner = models.CharField(_("owner"), max_length=255, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["festival", "order", "pk"]

    def __str__(self):
        return self.text[:80]


def _photo_path(instance, filename):
    return f"festivals/{instance.festival_id}/photos/{filename}"


class ReviewedByDistrict(models.Model):
    """A photo or document the commune added or changed after the report was published waits
    for the district's approval (events.reviews); the public sees only approved rows."""

    review_state = models.CharField(
        _("review"),
        max_length=10,
        choices=ReviewState.choices,
        default=ReviewState.APPROVED,
        db_index=True,
    )
    review_reason = models.TextField(
        _("reason not approved"),
        blank=True,
        help_text=_("Why the district did not approve the addition or the changes."),
    )

    class Meta:
        abstract = True

    @property
    def waits_for_review(self):
        return self.review_state == ReviewState.PENDING or bool(
            getattr(self, "pending_changes", None)
        )

    @property
    def is_approved(self):
        return self.review_state == ReviewState.APPROVED


def _photo_original_path(instance, filename):
    # Private: the file as uploaded (with its metadata), kept until the renditions are made.
    return f"{PRIVATE_PREFIX}festivals/{instance.festival_id}/originals/{filename}"


class FestivalPhoto(AuditParentMixin, ReviewedByDistrict, models.Model):
    """A photo of a held festival. The upload is kept as `original` (private) until a worker
    has made the three renditions (events.photos, events.tasks); until then `image`, `large` and
    `thumbnail` are empty and the photo is shown to no visitor."""

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="photos")
    # The width and height are those of `image`, set when the renditions are made.
    image = models.ImageField(_("photo"), upload_to=_photo_path, blank=True)
    large = models.ImageField(_("large rendition"), upload_to=_photo_path, blank=True)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=_photo_path, blank=True)
    original = models.FileField(
        _("uploaded file"),
        upload_to=_photo_original_path,
        blank=True,
        max_length=255,
        editable=False,
    )
    # The background work that makes the renditions: its state and, when it failed, the
    # message for the uploader.
    renditions_job = models.ForeignKey(
        "core.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the photo shows, for people who cannot see it. Required before publishing."
        ),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_public = models.BooleanField(_("public"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Texts and public flag the commune asked for on an approved photo, shown to the public
    # only once the district approves them: {"caption": "…", "is_public": true}.
    pending_changes = models.JSONField(_("changes waiting for review"), default=dict, blank=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["festival", "order", "pk"]

    def __str__(self):
        return self.caption or self.image.name or self.original.name

    @property
    def renditions_state(self):
        """RenditionState: ready once the three files exist; failed when the work that makes
        them failed (or is gone); processing while it is queued or running."""
        if self.image and self.large and self.thumbnail:
            return RenditionState.READY
        job = self.renditions_job
        if job is None or job.status == job.Status.FAILED:
            return RenditionState.FAILED
        return RenditionState.PROCESSING

    @property
    def renditions_failure(self):
        """Why the renditions could not be made, for the uploader ("" unless failed)."""
        if self.renditions_state != RenditionState.FAILED:
            return ""
        job = self.renditions_job
        return (job.message if job is not None else "") or _("The photo could not be processed.")


def _document_path(instance, filename):
    # Private: served only by the permission-checked file view (core.storage).
    return f"{PRIVATE_PREFIX}festivals/{instance.festival_id}/documents/{filename}"


class FestivalDocument(AuditParentMixin, ReviewedByDistrict, models.Model):
    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=255)
    number = models.CharField(_("number"), max_length=60, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    file = models.FileField(_("PDF file"), upload_to=_document_path)
    is_public = models.BooleanField(_("public"), default=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["festival", "date", "pk"]

    def __str__(self):
        return self.title
