"""Reads of delegates."""

from django.db.models import Prefetch

from attendees.models import Delegate


def delegates_prefetch(lookup="delegates"):
    """Prefetch for `festival.delegates.all` in order of precedence (one query in all)."""
    return Prefetch(lookup, queryset=Delegate.objects.order_by("precedence", "pk"))


def delegates_of(festival):
    """The delegates of `festival` in order of precedence."""
    return list(festival.delegates.order_by("precedence", "pk"))
