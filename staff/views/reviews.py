"""The district's review of photos and documents the commune added to or changed on a published
report (events.reviews): approve or turn down, from the list on the festival page.

The festival must be in the user's scope (404 otherwise), the row one of its photos or
documents (404), and the user may review it (403: a commune official sees the list's state but
has no buttons).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ServiceError
from events import reviews
from events.forms import ReasonForm
from events.selectors import festival_in_scope
from staff.decorators import staff_area_required
from staff.feedback import form_error_messages, show_error


def _item(request, festival_pk, kind, pk):
    festival = festival_in_scope(request.user, festival_pk)
    model = reviews.REVIEWABLE.get(kind)
    if model is None:
        raise Http404
    item = get_object_or_404(model, festival=festival, pk=pk)
    item.festival = festival
    if not request.user.has_perm("events.review_media", festival):
        raise PermissionDenied
    return festival, item


def _back(festival):
    return redirect(reverse("events:festival.detail", kwargs={"pk": festival.pk}) + "#media-review")


@require_POST
@staff_area_required
def media_approve(request, festival_pk, kind, pk):
    festival, item = _item(request, festival_pk, kind, pk)
    try:
        reviews.festival_media_approve(item=item, user=request.user)
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(request, _("Approved: the public page shows it as it is now."))
    return _back(festival)


@require_POST
@staff_area_required
def media_reject(request, festival_pk, kind, pk):
    festival, item = _item(request, festival_pk, kind, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        for message in form_error_messages(form):
            messages.error(request, _("Not turned down: %(reason)s") % {"reason": message})
        return _back(festival)
    try:
        reviews.festival_media_reject(
            item=item, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(
            request,
            _("Turned down: the commune sees your reason on the festival page."),
        )
    return _back(festival)
