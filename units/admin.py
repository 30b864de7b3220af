from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.search import search_filter
from units.models import AdministrativeUnit, UnitSuccession
from units.services import units_rebuild_scope


class RebuildScopeMixin:
    """Keep the scope closure in step with edits made in the admin."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(units_rebuild_scope)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(units_rebuild_scope)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(units_rebuild_scope)


class SuccessionInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ["predecessor"]
    verbose_name = _("predecessor")
    verbose_name_plural = _("predecessors")


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(RebuildScopeMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "kind", "valid_to"]
    list_select_related = ["parent"]
    search_fields = ["search_text"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]
    list_per_page = 50

    def get_search_results(self, request, queryset, search_term):
        # "rung thong" and "Rừng Thông" find the same rows.
        if not search_term:
            return queryset, False
        return search_filter(queryset, search_term), False

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        transaction.on_commit(units_rebuild_scope)


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(RebuildScopeMixin, admin.ModelAdmin):
    list_display = ["predecessor", "successor", "date", "kind", "is_default", "legal_basis"]
    list_filter = ["kind", "date", "is_default"]
    autocomplete_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]
    search_fields = ["predecessor__search_text", "successor__search_text", "legal_basis"]
    actions = ["rebuild_scope"]

    @admin.action(description=_("Rebuild the scope closure of all units"))
    def rebuild_scope(self, request, queryset):
        changed = units_rebuild_scope()
        self.message_user(
            request,
            _("Scope rebuilt: %(count)d rows changed.") % {"count": changed},
            messages.SUCCESS,
        )
