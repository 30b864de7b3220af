"""Reads of notifications: a user's own, newest first, with what the list shows."""

from django.shortcuts import get_object_or_404

from notifications.models import Notification


def notifications_for(user):
    """The notifications of `user` (and no one else's), newest first, with their festival and its
    host unit: one query for a page."""
    return (
        Notification.objects.filter(recipient_id=user.pk)
        .select_related("festival__host_unit")
        .order_by("-created_at", "-pk")
    )


def notification_of(user, pk):
    """`user`'s notification `pk`; a 404 for anyone else's."""
    return get_object_or_404(Notification.objects.filter(recipient_id=user.pk), pk=pk)
