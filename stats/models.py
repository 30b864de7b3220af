"""Summary tables: the public statistics counted once, when what they count changes, instead of
over every festival and award on every request (stats.services.summaries_refresh).

Each row is keyed by the festival's year and the province its host unit belonged to on the day
(the first province up the host's parent chain; none when the chain reaches no province). The
pages map that province to today's province through the unit scope closure, so that a merger of
provinces needs no refresh."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.enums import FestivalStatus


class FestivalSummary(models.Model):
    """Festivals of a year and province in one status, with the attendance their reports give."""

    year = models.PositiveSmallIntegerField(_("year"))
    province = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.CASCADE, null=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=FestivalStatus.choices)
    festival_count = models.PositiveIntegerField(default=0)
    reported_count = models.PositiveIntegerField(default=0)  # reports giving an attendance
    total_attendance = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("festival summary")
        verbose_name_plural = _("festival summaries")
        indexes = [models.Index(fields=["status", "year", "province"])]

    def __str__(self):
        return f"{self.year} {self.province_id} {self.status}: {self.festival_count}"


class AwardSummary(models.Model):
    """Awards presented at published festivals of a year and province, by issuing authority and
    award form."""

    year = models.PositiveSmallIntegerField(_("year"))
    province = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.CASCADE, null=True, related_name="+"
    )
    authority = models.ForeignKey(
        "awards.IssuingAuthority", on_delete=models.CASCADE, related_name="+"
    )
    form = models.ForeignKey("awards.AwardForm", on_delete=models.CASCADE, related_name="+")
    award_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("award summary")
        verbose_name_plural = _("award summaries")
        indexes = [models.Index(fields=["year", "province"])]

    def __str__(self):
        return (
            f"{self.year} {self.province_id} {self.authority_id} {self.form_id}: {self.award_count}"
        )


class TributeSummary(models.Model):
    """Tributes given at published festivals of a year and province."""

    year = models.PositiveSmallIntegerField(_("year"))
    province = models.ForeignKey(
        "units.AdministrativeUnit", on_delete=models.CASCADE, null=True, related_name="+"
    )
    tribute_count = models.PositiveIntegerField(default=0)
    total_quantity = models.PositiveBigIntegerField(default=0)
    total_value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("tribute summary")
        verbose_name_plural = _("tribute summaries")
        indexes = [models.Index(fields=["year", "province"])]

    def __str__(self):
        return f"{self.year} {self.province_id}: {self.tribute_count}"
