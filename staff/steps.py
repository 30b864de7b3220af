"""Taking a lifecycle step from a staff page (plan or report alike)."""

from django.contrib import messages
from django.shortcuts import redirect

from core.errors import ServiceError
from events.lifecycle import TRANSITIONS
from events.services import festival_transition
from staff.feedback import show_error


def take_step(request, festival, action):
    """Take `action` of the transition table for `festival` (the reason, when the step needs one,
    comes from the posted form), tell the user what happened and go back to the festival."""
    transition = TRANSITIONS[action]
    reason = request.POST.get("reason", "") if transition.needs_reason else ""
    try:
        festival_transition(festival=festival, user=request.user, action=action, reason=reason)
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(request, transition.done)
    return redirect(festival)
