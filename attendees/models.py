from django.db import models
from django.utils.translation import gettext_lazy as _

from attendees.enums import DelegateCategory, DelegateStatus
from core.audit import AuditParentMixin
from core.search import SearchTextModel


class Delegate(AuditParentMixin, SearchTextModel):
    """A person invited to a festival, with the position they held on the day."""

    # Searched by the public festival search (FestivalQuerySet.search): the name only.
    search_text_fields = ("full_name",)

    festival = models.ForeignKey(
        "events.Festival",
        verbose_name=_("festival"),
        on_delete=models.CASCADE,
        related_name="delegates",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position on the day"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    category = models.CharField(
        _("category"),
        max_length=16,
        choices=DelegateCategory.choices,
        default=DelegateCategory.DELEGATE,
    )
    precedence = models.PositiveSmallIntegerField(
        _("order of precedence"), default=0, help_text=_("1 is introduced first.")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=DelegateStatus.choices, default=DelegateStatus.INVITED
    )

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["festival", "precedence", "pk"]

    def __str__(self):
        return self.full_name

    @property
    def scope_unit(self):
        return self.festival.host_unit
