"""Staff pages for the report written after a festival."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from attendees.enums import DelegateStatus
from core.errors import ServiceError, Stale
from core.forms import apply_row_action, quiet, row_initial
from core.ids import parse_id
from events import selectors, services
from events.forms import DirectionFormSet, ReportForm
from events.lifecycle import REPORT_ACTIONS
from events.models import FestivalReport
from staff.decorators import staff_area_required
from staff.feedback import show_error
from staff.responses import redirect_after_save
from staff.steps import confirm_step, take_step


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def report_edit(request, pk):
    festival = selectors.festival_for_staff(request.user, pk)
    if not request.user.has_perm("events.write_report", festival):
        messages.error(
            request,
            _("The report can only be written by the host commune once the festival is held."),
        )
        return redirect(festival)
    delegates = list(festival.delegates.all())
    report = FestivalReport.objects.filter(festival=festival).first()
    status = 200
    if request.method in ("GET", "HEAD"):
        initial = {f: getattr(report, f) for f in services.REPORT_FIELDS} if report else {}
        initial["attended"] = [str(d.pk) for d in delegates if d.status == DelegateStatus.ATTENDED]
        initial["version"] = festival.version
        form = ReportForm(initial=initial, delegates=delegates)
        formset = DirectionFormSet(
            prefix="directions",
            initial=row_initial(festival.directions.all(), services.DIRECTION_FIELDS),
        )
    else:
        action = request.POST.get("_action", "save")
        data = (
            apply_row_action(request.POST, action, {"directions"})
            if action != "save"
            else request.POST
        )
        form = ReportForm(data, delegates=delegates)
        formset = DirectionFormSet(data, prefix="directions")
        if action != "save":
            quiet(form, formset)
        elif form.is_valid() and formset.is_valid():
            try:
                services.report_save(
                    festival=festival,
                    user=request.user,
                    version=parse_id(form.cleaned_data.get("version"), allow_zero=True),
                    data=form.cleaned_data,
                    directions=formset.rows(),
                    attended=form.cleaned_data["attended"],
                )
            except ServiceError as error:
                show_error(request, error)
                status = 409 if isinstance(error, Stale) else 400
            else:
                messages.success(request, _("The report was saved."))
                return redirect_after_save(request, festival)
        else:
            messages.error(request, _("Some fields need attention; nothing was saved yet."))
            status = 400
    return render(
        request,
        "staff/festivals/report_form.html",
        {"festival": festival, "form": form, "formset": formset, "report": report},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def report_transition(request, pk, action):
    """Submit, return, publish or unpublish the report: one step of the lifecycle table; asked
    for (GET), the page confirming a publication or its withdrawal."""
    festival = selectors.festival_in_scope(request.user, pk)
    if action not in REPORT_ACTIONS:
        raise Http404
    if request.method != "POST":
        return confirm_step(request, festival, REPORT_ACTIONS[action], post_url=request.path)
    return take_step(request, festival, REPORT_ACTIONS[action])
