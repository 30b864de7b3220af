"""The festival's history: one row per step, with who, when, from which state to which, and why."""

from events.models import FestivalTransition


def record_transition(festival, *, user, action, from_status, reason="", details=None):
    """Write one history row for `festival`, now in its new status."""
    return FestivalTransition.objects.create(
        festival=festival,
        action=action,
        from_status=from_status or "",
        to_status=festival.status,
        user=user,
        reason=reason,
        details=details or {},
    )
