"""Staff pages for planning and approving festivals (under /manage/festivals/)."""

import datetime
import uuid

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from attendees.services import DELEGATE_FIELDS
from core.audit import audit_entries_for
from core.errors import ServiceError, Stale
from core.forms import apply_row_action, quiet, row_initial
from core.ids import parse_id
from core.pagination import page_without_count
from events import selectors, services
from events.enums import FestivalStatus, TransitionAction
from events.forms import (
    FORMSETS,
    FestivalCopyForm,
    FestivalForm,
    ReasonForm,
    RescheduleForm,
    ShowcaseForm,
    StaffFestivalFilterForm,
    host_units_for,
)
from events.lifecycle import PLAN_ACTIONS
from events.pickers import festival_picker_label
from events.reviews import festival_media_review
from events.services import (
    FESTIVAL_FIELDS,
    ORGANISER_FIELDS,
    PROGRAMME_FIELDS,
    report_problems,
)
from events.showcase import festival_models_set
from events.states import HELD_OR_LATER
from staff.decorators import staff_area_required
from staff.feedback import form_error_messages, show_error, show_form_errors
from staff.responses import redirect_after_save
from staff.steps import confirm_step, take_step
from units.selectors import units_annotate_history

PAGE_SIZE = 25


@require_safe
@staff_area_required
def festival_list(request):
    filters = StaffFestivalFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    festivals = selectors.festivals_for_staff(
        request.user,
        q=values.get("q") or "",
        status=values.get("status") or "",
        year=values.get("year"),
    )
    page = page_without_count(
        festivals, request.GET.get("page"), per_page=PAGE_SIZE, rows=selectors.festivals_staff_rows
    )
    units_annotate_history([festival.host_unit for festival in page.object_list])
    return render(request, "staff/festivals/festival_list.html", {"page": page, "filters": filters})


@require_safe
@staff_area_required
def festival_picker(request):
    """Options for the festival picker: festivals in scope matching what was typed (the search
    box sends its own name, `<field>_search`, or `q`); with `around=YYYY`, only that year and the
    years either side of it (the award editor's, around the decision's date)."""
    query = request.GET.get("q") or next(
        (v for k, v in request.GET.items() if k.endswith("_search")), ""
    )
    query = query.strip()[:200]
    around = parse_id(request.GET.get("around"))
    years = (around - 1, around + 1) if around is not None and 1900 < around < 2200 else None
    festivals = selectors.festivals_pick(request.user, query, years=years)
    for festival in festivals:
        festival.picker_label = festival_picker_label(festival)
    return render(
        request,
        "staff/festivals/_picker_options.html",
        {"festivals": festivals, "query": query},
    )


@require_safe
@staff_area_required
def festival_calendar(request):
    today = timezone.localdate()
    try:
        month = datetime.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        month = today.replace(day=1)
    grid = selectors.festival_month(request.user, year=month.year, month=month.month)
    return render(
        request, "staff/festivals/festival_calendar.html", {"calendar": grid, "today": today}
    )


@transaction.non_atomic_requests  # reads only: no savepoint around it
@require_safe
@staff_area_required
def festival_detail(request, pk):
    festival = selectors.festival_for_staff(request.user, pk)
    return render(
        request,
        "staff/festivals/festival_detail.html",
        {
            "festival": festival,
            "reason_form": ReasonForm(),
            "reschedule_form": RescheduleForm(
                initial={"starts_at": festival.starts_at, "ends_at": festival.ends_at}
            ),
            "submission_problems": services.festival_submission_problems(festival)
            if request.user.has_perm("events.submit", festival)
            else [],
            "report_problems": report_problems(festival)
            if request.user.has_perm("events.write_report", festival)
            else [],
            "audit_entries": audit_entries_for(festival, with_rows=True),
            "media_review": festival_media_review(festival)
            if festival.effective_status in HELD_OR_LATER and festival.has_media_review
            else None,
            "showcase_form": ShowcaseForm(
                festival=festival, initial={"models": list(festival.showcased_models.all())}
            )
            if request.user.has_perm("events.set_showcased_models", festival)
            else None,
        },
    )


@require_safe
@staff_area_required
def festival_print(request, pk):
    festival = selectors.festival_for_staff(request.user, pk)
    return render(request, "staff/festivals/festival_print.html", {"festival": festival})


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def festival_edit(request, pk=None):
    user = request.user
    festival = None
    if pk is not None:
        festival = selectors.festival_for_staff(user, pk)
        if not user.has_perm("events.edit", festival):
            messages.error(
                request,
                _("This festival can no longer be edited: it is %(status)s.")
                % {"status": festival.get_effective_status_display()},
            )
            return redirect(festival)
    elif not user.has_perm("events.create"):
        raise Http404

    if request.method in ("GET", "HEAD"):
        if festival is None:
            units = host_units_for(user)
            only_unit = units.first() if units.count() == 1 else None
            today = timezone.localdate()
            form = FestivalForm(
                user=user, host_unit=only_unit, initial={"host_unit": only_unit, "year": today.year}
            )
            formsets = {prefix: cls(prefix=prefix) for prefix, (cls, _label) in FORMSETS.items()}
        else:
            form = FestivalForm(
                user=user,
                host_unit=festival.host_unit,
                initial={
                    "host_unit": festival.host_unit_id,
                    "year": festival.year,
                    "version": festival.version,
                    "models": list(festival.showcased_models.all()),
                    **{f: getattr(festival, f) for f in FESTIVAL_FIELDS},
                },
            )
            formsets = {
                "organisers": FORMSETS["organisers"][0](
                    prefix="organisers",
                    initial=row_initial(festival.organisers.all(), ORGANISER_FIELDS),
                ),
                "programme": FORMSETS["programme"][0](
                    prefix="programme",
                    initial=row_initial(festival.programme_items.all(), PROGRAMME_FIELDS),
                ),
                "delegates": FORMSETS["delegates"][0](
                    prefix="delegates",
                    initial=row_initial(festival.delegates.all(), DELEGATE_FIELDS),
                ),
            }
        return _render_editor(request, festival, form, formsets)

    action = request.POST.get("_action", "save")
    data = apply_row_action(request.POST, action, FORMSETS) if action != "save" else request.POST
    host = festival.host_unit if festival is not None else _posted_host(user, data)
    form = FestivalForm(data, user=user, host_unit=host)
    formsets = {prefix: cls(data, prefix=prefix) for prefix, (cls, _label) in FORMSETS.items()}
    if action != "save":
        quiet(form, *formsets.values())
        return _render_editor(request, festival, form, formsets)

    if not (form.is_valid() and all(fs.is_valid() for fs in formsets.values())):
        messages.error(request, _("Some fields need attention; nothing was saved yet."))
        return _render_editor(request, festival, form, formsets, status=400)

    values = form.cleaned_data
    children = {
        "organisers": formsets["organisers"].rows(),
        "programme": formsets["programme"].rows(),
        "delegates": [
            {**row, "precedence": row.get("precedence") or 0}
            for row in formsets["delegates"].rows()
        ],
    }
    try:
        if festival is None:
            festival = services.festival_create(
                user=user,
                host_unit=values["host_unit"],
                data=values,
                models=values["models"] if host is not None else None,
                **children,
            )
            messages.success(request, _("The festival was saved as a draft."))
        else:
            festival = services.festival_update(
                festival=festival,
                user=user,
                version=values.get("version"),
                host_unit=values["host_unit"],
                data=values,
                models=values["models"],
                **children,
            )
            messages.success(request, _("Your changes were saved."))
    except ServiceError as error:
        show_error(request, error)
        return _render_editor(
            request,
            festival,
            form,
            formsets,
            status=409 if isinstance(error, Stale) else 400,
        )

    others = selectors.festivals_same_commune_year(festival)
    if others.exists():
        messages.warning(
            request,
            _(
                "Note: %(unit)s already has another festival in %(year)s (%(titles)s). That is allowed; check it is not a duplicate."
            )
            % {
                "unit": festival.host_unit.name,
                "year": festival.year,
                "titles": "; ".join(o.title for o in others[:3]),
            },
        )
    return redirect_after_save(request, festival)


def _posted_host(user, data):
    """The host commune chosen in a posted form, when it is one the user may plan for."""
    unit_id = parse_id(data.get("host_unit"))
    if unit_id is None:
        units = host_units_for(user)
        return units.first() if units.count() == 1 else None
    return host_units_for(user, ever=True).filter(pk=unit_id).first()


def _render_editor(request, festival, form, formsets, status=200):
    return render(
        request,
        "staff/festivals/festival_form.html",
        {
            "festival": festival,
            "form": form,
            "formsets": [
                (prefix, FORMSETS[prefix][1], formset) for prefix, formset in formsets.items()
            ],
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def festival_copy_previous(request):
    """Start a new plan from an earlier festival: choose it and the year (GET), make the draft
    (POST). `?source=<pk>` proposes a festival; the default is the latest that took place."""
    user = request.user
    if not user.has_perm("events.create"):
        raise Http404
    if request.method == "POST":
        form = FestivalCopyForm(request.POST, user=user)
        if form.is_valid():
            values = form.cleaned_data
            try:
                festival = services.festival_copy(
                    source=values["source"],
                    user=user,
                    year=values["year"],
                    token=values["token"],
                )
            except ServiceError as error:
                show_error(request, error)
            else:
                _copy_done(request, festival, values["source"])
                return redirect("events:festival.edit", pk=festival.pk)
        else:
            messages.error(request, _("Some fields need attention; no draft was made yet."))
        return _render_copy(request, form, status=400)

    source = _proposed_source(request)
    initial = {"source": source, "token": str(uuid.uuid4())}
    host = None
    if source is not None:
        try:
            host = services.festival_copy_host(source=source, user=user)
        except ServiceError:
            host = None
        if host is not None:
            initial["year"] = services.festival_copy_default_year(source=source, host_unit=host)
    form = FestivalCopyForm(user=user, initial=initial)
    form.host_unit = host
    return _render_copy(request, form)


def _proposed_source(request):
    """The festival named by `?source=` when it is one to start from, else the default."""
    festivals = selectors.festivals_to_copy(request.user).select_related(
        "host_unit__parent__parent"
    )
    pk = parse_id(request.GET.get("source"))
    chosen = festivals.filter(pk=pk).first() if pk is not None else None
    return chosen or selectors.festival_to_copy_default(request.user)


def _render_copy(request, form, status=200):
    # The festival chosen: validated when the form was posted, proposed when it was asked for.
    source = form.cleaned_data.get("source") if form.is_bound else form.initial.get("source")
    host = form.host_unit
    planned = []
    if host is not None:
        planned = list(
            selectors.festivals_planned_in(
                host_unit=host, year=form.first_year, last_year=form.last_year
            )
        )
    return render(
        request,
        "staff/festivals/festival_copy.html",
        {
            "form": form,
            "source": source,
            "host_unit": host,
            "host_renamed": host is not None
            and source is not None
            and host.pk != source.host_unit_id,
            "planned": planned,
            "recent": selectors.festivals_to_copy_recent(request.user),
        },
        status=status,
    )


def _copy_done(request, festival, source):
    messages.success(
        request,
        _(
            "A new draft for %(year)s was made from “%(source)s”, with today's unit names. Check "
            "the title, date, venue and delegates before submitting it."
        )
        % {"year": festival.year, "source": source.title},
    )
    if festival.starts_at and festival.starts_at < timezone.now():
        messages.warning(
            request,
            _("The copied date, %(day)s, has already passed: give the new festival's date.")
            % {"day": timezone.localtime(festival.starts_at).strftime("%d/%m/%Y")},
        )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def festival_delete(request, pk):
    """Delete a draft that was never submitted (GET asks to confirm)."""
    festival = selectors.festival_for_staff(request.user, pk)
    if not request.user.has_perm("events.delete", festival):
        messages.error(request, _delete_refusal(festival))
        return redirect(festival)
    if request.method == "POST":
        try:
            services.festival_delete_draft(festival=festival, user=request.user)
        except ServiceError as error:
            show_error(request, error)
            return redirect(festival)
        messages.success(
            request, _("The draft “%(title)s” was deleted.") % {"title": festival.title}
        )
        return redirect("events:festival.list")
    return render(request, "staff/festivals/festival_confirm_delete.html", {"festival": festival})


def _delete_refusal(festival):
    if festival.status != FestivalStatus.DRAFT:
        return _(
            "This festival cannot be deleted: it is %(status)s. A plan that was submitted stays "
            "on record."
        ) % {"status": festival.get_effective_status_display()}
    if any(step.action == TransitionAction.SUBMIT for step in festival.transitions.all()):
        return _(
            "This draft cannot be deleted: it was submitted to the district once and stays on "
            "record. Cancel it with a reason instead."
        )
    return _("Only the officials of the host commune can delete its draft.")


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def festival_transition(request, pk, action):
    """One step of the plan's lifecycle (submit, approve, return, cancel, postpone, withdraw), or
    a new date for a scheduled festival; asked for (GET), the page confirming an approval."""
    festival = selectors.festival_in_scope(request.user, pk)
    if request.method != "POST":
        if action not in PLAN_ACTIONS:
            raise Http404
        return confirm_step(request, festival, PLAN_ACTIONS[action], post_url=request.path)
    if action == "reschedule":
        return _reschedule(request, festival)
    if action not in PLAN_ACTIONS:
        raise Http404
    return take_step(request, festival, PLAN_ACTIONS[action])


def _reschedule(request, festival):
    form = RescheduleForm(request.POST)
    try:
        if not form.is_valid():
            raise ServiceError(*form_error_messages(form))
        services.festival_reschedule(festival=festival, user=request.user, **form.cleaned_data)
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(
            request,
            _("The festival's date was changed; the commune sees the reason in the history."),
        )
    return redirect(festival)


@require_POST
@staff_area_required
def festival_showcase(request, pk):
    """Choose the movement models a festival showcases (in any state, unlike the plan itself)."""
    festival = selectors.festival_in_scope(request.user, pk)
    form = ShowcaseForm(request.POST, festival=festival)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(festival)
    try:
        festival_models_set(
            festival=festival, user=request.user, models=form.cleaned_data["models"]
        )
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(request, _("The movement models shown at this festival were saved."))
    return redirect(festival)
