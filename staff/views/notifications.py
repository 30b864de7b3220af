"""The signed-in user's notifications (under /manage/notifications/): the list, newest first;
opening one (marked read, then its festival); "mark all read"; mail on or off.

Only the user's own notifications are reached: another user's is a 404."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.pagination import page_without_count
from notifications import services
from notifications.forms import NotificationPreferencesForm
from notifications.selectors import notification_of, notifications_for
from staff.decorators import staff_area_required
from staff.feedback import show_form_errors

PAGE_SIZE = 25


@require_safe
@staff_area_required
def notification_list(request):
    user = request.user
    page = page_without_count(notifications_for(user), request.GET.get("page"), per_page=PAGE_SIZE)
    preferences = NotificationPreferencesForm(
        initial={"notify_by_mail": user.notify_by_mail, "language": user.language or "vi"}
    )
    return render(
        request,
        "staff/notifications/notification_list.html",
        {"page": page, "preferences": preferences},
    )


@require_safe
@staff_area_required
def notification_open(request, pk):
    """Mark the notification read and go to its festival."""
    notification = notification_of(request.user, pk)
    if request.method == "GET":
        services.notification_mark_read(notification=notification, user=request.user)
    return redirect(notification.festival.get_absolute_url())


@require_POST
@staff_area_required
def notifications_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All your notifications are marked read."))
    else:
        messages.info(request, _("You had no unread notifications."))
    return redirect("notifications:notification.list")


@require_POST
@staff_area_required
def notification_preferences(request):
    form = NotificationPreferencesForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("notifications:notification.list")
    services.notification_preferences_save(user=request.user, **form.cleaned_data)
    if form.cleaned_data["notify_by_mail"]:
        messages.success(request, _("Saved: you receive these notifications by mail too."))
    else:
        messages.success(request, _("Saved: you receive no more mail about festival steps."))
    return redirect("notifications:notification.list")
