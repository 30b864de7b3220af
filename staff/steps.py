"""Taking a lifecycle step from a staff page (plan or report alike), and the page that confirms
the steps that change what the public sees."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from core.errors import ServiceError
from events.enums import TransitionAction
from events.forms import ReasonForm
from events.lifecycle import CONFIRMED_ACTIONS, TRANSITIONS
from events.selectors import festival_public_preview
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


def confirm_step(request, festival, action, *, post_url):
    """The page asked before approving, publishing or unpublishing: what the public will read
    (or no longer read), and the button that takes the step. 404 for a step that needs no
    confirmation or that the user may not take now."""
    if action not in CONFIRMED_ACTIONS:
        raise Http404
    transition = TRANSITIONS[action]
    if not request.user.has_perm(transition.perm, festival):
        raise Http404
    return render(
        request,
        "staff/festivals/step_confirm.html",
        {
            "festival": festival,
            "action": action,
            "transition": transition,
            "post_url": post_url,
            "preview": festival_public_preview(festival),
            "reason_form": ReasonForm() if transition.needs_reason else None,
            "is_approve": action == TransitionAction.APPROVE,
            "is_publish": action == TransitionAction.PUBLISH,
            "is_unpublish": action == TransitionAction.UNPUBLISH,
        },
    )
