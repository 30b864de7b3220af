from django.contrib import admin

from core.search import search_filter
from movements.models import ModelCategory, MovementModel


@admin.register(ModelCategory)
class ModelCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "order"]
    list_editable = ["order"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            # The category's name is part of each model's search text.
            models = list(obj.movement_models.select_related("unit__parent__parent", "category"))
            for model in models:
                model.refresh_search_text()
            MovementModel.objects.bulk_update(models, ["search_text"], batch_size=500)


@admin.register(MovementModel)
class MovementModelAdmin(admin.ModelAdmin):
    """For corrections by administrators. Photos and the festivals a model is shown at are changed
    on the staff pages only, where uploads are checked and the commune rule is enforced."""

    list_display = ["name", "unit", "category", "status", "started_on"]
    list_filter = ["status", "category"]
    list_select_related = ["unit", "category"]
    search_fields = ["search_text"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["cover_photo", "festivals", "created_by", "created_at", "updated_at"]
    list_per_page = 50

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return search_filter(queryset, search_term), False
