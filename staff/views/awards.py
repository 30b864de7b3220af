"""Staff pages for award decisions, awards, imports, exports and tributes (under /manage/awards/)."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from awards import exports, imports, selectors, services, spreadsheets
from awards.forms import (
    AwardFormSet,
    DecisionFilterForm,
    DecisionForm,
    ImportForm,
    TributeFormSet,
    festivals_for,
)
from awards.models import AwardForm
from awards.services import AWARD_FIELDS, DECISION_FIELDS, TRIBUTE_FIELDS
from core.audit import audit_entries_for
from core.errors import ServiceError, Stale
from core.forms import apply_row_action, quiet, row_initial
from core.ids import parse_id
from core.pagination import page_without_count
from events.models import Festival
from events.pickers import festival_pickers_preload
from staff.decorators import staff_area_required
from staff.feedback import form_add_error, show_error
from staff.responses import redirect_after_save

PAGE_SIZE = 25
EDITOR_LIMIT = 300


def _filters(request):
    """The filter form and the values of its valid fields (a wrong one is said on the form)."""
    form = DecisionFilterForm(request.GET or None, user=request.user)
    values = {}
    if form.is_bound:
        form.is_valid()
        values = form.cleaned_data
    return form, {k: values.get(k) for k in ("q", "year", "authority", "form", "festival")}


@require_safe
@staff_area_required
def decision_list(request):
    filters, values = _filters(request)
    decisions = selectors.decisions_for_staff(
        request.user, **{k: v for k, v in values.items() if v}
    )
    page = page_without_count(
        decisions,
        request.GET.get("page"),
        per_page=PAGE_SIZE,
        rows=lambda ids: selectors.decisions_staff_rows(request.user, ids),
    )
    return render(
        request,
        "staff/awards/decision_list.html",
        {"page": page, "filters": filters, "can_record": request.user.has_perm("awards.record")},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def decision_edit(request, pk=None):
    decision = None
    if pk is not None:
        decision = selectors.decision_for_staff(request.user, pk)
        if not request.user.has_perm("awards.change_decision", decision):
            raise Http404
    elif not request.user.has_perm("awards.record"):
        raise Http404
    if request.method in ("GET", "HEAD"):
        initial = {"date": timezone.localdate()}
        if decision is not None:
            initial = {f: getattr(decision, f) for f in DECISION_FIELDS} | {
                "version": decision.version
            }
        form = DecisionForm(user=request.user, initial=initial)
        return render(
            request, "staff/awards/decision_form.html", {"form": form, "decision": decision}
        )
    form = DecisionForm(request.POST, request.FILES, user=request.user)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            if decision is None:
                decision = services.decision_create(
                    user=request.user, data=data, file=data.get("file")
                )
                messages.success(request, _("The decision was recorded. Now add its awards."))
            else:
                decision = services.decision_update(
                    decision=decision,
                    user=request.user,
                    version=data.get("version"),
                    data=data,
                    file=data.get("file"),
                )
                messages.success(request, _("Your changes were saved."))
            return redirect(decision)
        except Stale as error:
            show_error(request, error)
            status = 409
        except ServiceError as error:
            form_add_error(form, error)
    return render(
        request,
        "staff/awards/decision_form.html",
        {"form": form, "decision": decision},
        status=status,
    )


def _editor_formset(request, decision, data=None, awards=None):
    """The award rows of `decision` (`awards` when read already) as a formset whose choices cost a
    fixed number of queries: the award forms once, the chosen festivals of all rows at once (the
    picker searches the rest)."""
    year = decision.date.year
    festivals = Festival.objects.for_user(request.user).filter(year__range=(year - 1, year + 1))
    allowed = AwardForm.objects.filter(is_active=True, authorities=decision.authority)
    form_choices = [("", "—"), *[(f.pk, f.name) for f in allowed]]
    kwargs = {
        "form_kwargs": {"festivals": festivals, "around": year, "forms_allowed": allowed},
        "prefix": "awards",
    }
    if data is not None:
        formset = AwardFormSet(data, **kwargs)
    else:
        if awards is None:
            awards = decision.awards.select_related("form", "festival").order_by("order", "pk")
        formset = AwardFormSet(initial=row_initial(awards, AWARD_FIELDS), **kwargs)
    for form in formset.forms:
        form.fields["form"].choices = form_choices
    festival_pickers_preload(formset.forms, "festival", festivals)
    return formset


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def decision_detail(request, pk):
    decision = selectors.decision_for_staff(request.user, pk)
    can_change = request.user.has_perm("awards.change_decision", decision)
    # Only the awards this user may see are counted (another commune's never are).
    award_count, amount_total = selectors.decision_award_totals(request.user, decision)
    editable = can_change and award_count <= EDITOR_LIMIT
    formset = None
    status = 200
    if request.method == "POST":
        if not editable:
            raise Http404
        action = request.POST.get("_action", "save")
        data = (
            apply_row_action(request.POST, action, {"awards"}) if action != "save" else request.POST
        )
        formset = _editor_formset(request, decision, data)
        if action != "save":
            quiet(formset)
        elif formset.is_valid():
            try:
                services.awards_replace(
                    decision=decision,
                    user=request.user,
                    version=parse_id(request.POST.get("version"), allow_zero=True),
                    rows=formset.rows(),
                )
            except ServiceError as error:
                show_error(request, error)
                status = 409 if isinstance(error, Stale) else 400
            else:
                messages.success(request, _("The awards were saved."))
                return redirect_after_save(request, decision)
        else:
            messages.error(request, _("Some rows need attention; nothing was saved yet."))
            status = 400
    elif editable:
        # Read once: the editor's rows, and the list that prints in its place.
        awards = list(decision.awards.select_related("form", "festival").order_by("order", "pk"))
        formset = _editor_formset(request, decision, awards=awards)
    if not editable:
        awards = list(selectors.decision_awards_for(request.user, decision))
    elif request.method == "POST":
        awards = None
    return render(
        request,
        "staff/awards/decision_detail.html",
        {
            "decision": decision,
            "can_change": can_change,
            "formset": formset,
            "awards": awards,
            "summary": selectors.awards_summary(awards) if awards is not None else None,
            "award_count": award_count,
            "amount_total": amount_total,
            "editor_limit": EDITOR_LIMIT,
            # The award rows' history only for those who see every award of the decision.
            "audit_entries": audit_entries_for(decision, with_rows=can_change),
        },
        status=status,
    )


@require_safe
@staff_area_required
def decision_print(request, pk):
    decision = selectors.decision_for_staff(request.user, pk)
    awards = list(selectors.decision_awards_for(request.user, decision))
    return render(
        request,
        "staff/awards/decision_print.html",
        {"decision": decision, "awards": awards, "summary": selectors.awards_summary(awards)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def decision_delete(request, pk):
    decision = selectors.decision_for_staff(request.user, pk)
    if not request.user.has_perm("awards.change_decision", decision):
        raise Http404
    if request.method == "POST":
        services.decision_delete(decision=decision, user=request.user)
        messages.success(
            request,
            _("The decision %(number)s and its awards were deleted.") % {"number": decision.number},
        )
        return redirect("awards:decision.list")
    return render(
        request,
        "staff/awards/decision_confirm_delete.html",
        {"decision": decision, "award_count": decision.awards.count()},
    )


# --- import ---------------------------------------------------------------------------------------


def _decision_to_change(request, pk):
    decision = selectors.decision_for_staff(request.user, pk)
    if not request.user.has_perm("awards.change_decision", decision):
        raise Http404
    return decision


@require_safe
@staff_area_required
def import_template(request, pk):
    decision = _decision_to_change(request, pk)
    content = spreadsheets.awards_template_xlsx(
        authority=decision.authority, festivals=list(festivals_for(request.user)[:500])
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-khen-thuong.xlsx"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def import_awards(request, pk):
    """Upload → preview with every row and every error → confirm; all or nothing, once."""
    decision = _decision_to_change(request, pk)
    if request.method == "POST" and request.POST.get("token"):
        return _confirm_import(request, decision, request.POST["token"])
    form = ImportForm(request.POST or None, request.FILES or None)
    parsed = staged = None
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            parsed = imports.awards_parse_upload(
                decision=decision, user=request.user, upload=uploaded
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if parsed.ok:
                staged = imports.award_import_stage(
                    decision=decision,
                    user=request.user,
                    upload=uploaded,
                    row_count=len(parsed.rows),
                )
    return render(
        request,
        "staff/awards/import.html",
        {
            "decision": decision,
            "form": form,
            "parsed": parsed,
            "token": staged.pk if staged else None,
        },
        status=400 if (request.method == "POST" and (parsed is None or not parsed.ok)) else 200,
    )


def _confirm_import(request, decision, token):
    try:
        staged_id = uuid.UUID(token)
    except ValueError:
        staged_id = None
    try:
        if staged_id is None:
            raise ServiceError(_("This import has expired. Upload the file again."))
        if imports.staged_import_is_large(
            staged_id=staged_id, decision=decision, user=request.user
        ):
            # A long list is imported by a background job: its page shows how it goes.
            job = imports.award_import_queue(
                staged_id=staged_id, decision=decision, user=request.user
            )
            return redirect("jobs:job.detail", pk=job.pk)
        created = imports.award_import_confirm(
            staged_id=staged_id, decision=decision, user=request.user
        )
    except imports.AlreadyImported as error:
        messages.info(request, " ".join(error.messages))
        return redirect(decision)
    except imports.AlreadyQueued as error:
        messages.info(request, " ".join(error.messages))
        return redirect("jobs:job.detail", pk=error.job.pk)
    except ServiceError as error:
        show_error(request, error)
        return redirect("awards:decision.import", pk=decision.pk)
    messages.success(request, _("%(count)s awards were imported.") % {"count": created})
    return redirect(decision)


# --- export ---------------------------------------------------------------------------------------


def _export_label(fmt, decision, values):
    """What the export holds, in words: the job's name on its page (and how a second click on
    the same export finds the job the first one started)."""
    parts = []
    if decision is not None:
        parts.append(_("decision %(number)s") % {"number": decision.number})
    if values.get("year"):
        parts.append(_("year %(year)s") % {"year": values["year"]})
    for key in ("authority", "form", "festival"):
        if values.get(key) is not None:
            parts.append(str(values[key]))
    if values.get("q"):
        parts.append(f"“{values['q']}”")
    label = _("Export of awards (.%(format)s)") % {"format": fmt}
    return f"{label}: {', '.join(parts)}" if parts else label


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def export_awards(request, fmt):
    """The awards of the list's filters (or of one decision) as .xlsx or .csv: at once when they
    are few; past EXPORT_SYNC_MAX_ROWS the page offers to make the file in the background (a
    POST), and the job's page offers it when it is ready."""
    if fmt not in exports.FORMATS:
        raise Http404
    decision = None
    if request.GET.get("decision"):
        decision_id = parse_id(request.GET["decision"])
        if decision_id is None:
            raise Http404
        decision = selectors.decision_for_staff(request.user, decision_id)
    form, values = _filters(request)
    if form.errors:
        # Never export more than the list shows: a filter that is wrong is said on the list.
        messages.error(request, _("Correct the filters, then export again."))
        return redirect(f"{reverse('awards:decision.list')}?{request.GET.urlencode()}")
    filters = exports.awards_export_filters(decision=decision, **values)
    large = request.method == "POST" or exports.awards_export_is_large(
        user=request.user, filters=filters
    )
    if large:
        label = _export_label(fmt, decision, values)
        if request.method != "POST":
            return render(
                request,
                "staff/awards/export_large.html",
                {
                    "fmt": fmt,
                    "label": label,
                    "limit": settings.EXPORT_SYNC_MAX_ROWS,
                    "decision": decision,
                    "query": request.GET.urlencode(),
                },
            )
        job = exports.awards_export_queue(user=request.user, fmt=fmt, filters=filters, label=label)
        return redirect("jobs:job.detail", pk=job.pk)
    awards = exports.awards_export_stream(user=request.user, filters=filters)
    name = exports.awards_export_file_name(fmt=fmt, decision_id=filters["decision"])
    if fmt == "csv":
        response = StreamingHttpResponse(
            spreadsheets.awards_export_csv_lines(awards), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    handle = spreadsheets.awards_export_xlsx_file(awards)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


# --- tributes -------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def festival_tributes(request, festival_pk):
    festival = get_object_or_404(
        Festival.objects.for_user(request.user).select_related("host_unit"), pk=festival_pk
    )
    can_change = request.user.has_perm("awards.record_tributes", festival)
    status = 200
    if request.method == "POST":
        if not can_change:
            raise Http404
        action = request.POST.get("_action", "save")
        data = (
            apply_row_action(request.POST, action, {"tributes"})
            if action != "save"
            else request.POST
        )
        formset = TributeFormSet(data, prefix="tributes")
        if action != "save":
            quiet(formset)
        elif formset.is_valid():
            try:
                services.tributes_replace(festival=festival, user=request.user, rows=formset.rows())
            except ServiceError as error:
                show_error(request, error)
                status = 400
            else:
                messages.success(request, _("The tributes were saved."))
                return redirect_after_save(request, festival)
        else:
            status = 400
    else:
        formset = TributeFormSet(
            prefix="tributes", initial=row_initial(festival.tributes.all(), TRIBUTE_FIELDS)
        )
    return render(
        request,
        "staff/awards/festival_tributes.html",
        {
            "festival": festival,
            "formset": formset,
            "can_change": can_change,
            "tributes": festival.tributes.all(),
        },
        status=status,
    )
