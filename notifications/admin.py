from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notifications are made by the festival steps and read by their recipients."""

    list_display = ["created_at", "recipient", "kind", "festival", "read_at", "mailed_at"]
    list_filter = ["kind"]
    search_fields = ["recipient__username", "recipient__full_name", "festival__title"]
    list_select_related = ["recipient", "festival"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
