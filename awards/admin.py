from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import AwardForm, IssuingAuthority


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    """The catalogue of commendation forms. A form in use on awards is retired (not "in use")
    rather than deleted: awards protect it."""

    list_display = [
        "name",
        "code",
        "allows_individual",
        "allows_collective",
        "allows_household",
        "order",
        "is_active",
    ]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class ValidityFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "valid"

    def lookups(self, request, model_admin):
        return [("now", _("Valid today")), ("past", _("No longer valid"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "now":
            return queryset.valid_on(today)
        if self.value() == "past":
            return queryset.filter(valid_to__lt=today)
        return queryset


@admin.register(IssuingAuthority)
class IssuingAuthorityAdmin(admin.ModelAdmin):
    """The catalogue of positions that sign award decisions. An authority that ceased (a district
    abolished in 2025, say) gets a "valid to" date: it is then no longer offered for new decisions,
    while its past decisions keep it."""

    list_display = ["position", "unit", "valid_from", "valid_to"]
    list_filter = [ValidityFilter]
    list_select_related = ["unit"]
    search_fields = ["position"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["forms"]
    list_per_page = 50
