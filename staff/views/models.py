"""Staff pages for the movement models of the communes in scope (under /manage/models/)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.selectors import user_scope
from core.audit import audit_entries_for
from core.errors import ServiceError
from events.selectors import festivals_showcasing
from movements import selectors, services
from movements.forms import MovementModelForm, StaffModelFilterForm, StatusChangeForm
from movements.models import ModelCategory
from movements.services import MODEL_FIELDS
from staff.decorators import staff_area_required
from staff.feedback import form_add_error, form_error_messages, show_error

PAGE_SIZE = 25


@require_safe
@staff_area_required
def model_list(request):
    user = request.user
    provinces = list(selectors.provinces_for_staff(user))
    chosen_province = next((p for p in provinces if p.code == request.GET.get("province")), None)
    communes = []
    if chosen_province is not None or not user_scope(user).everything:
        communes = list(selectors.communes_for_staff(user, province=chosen_province))
    categories = list(ModelCategory.objects.order_by("order", "name"))
    filters = StaffModelFilterForm(
        request.GET or None, provinces=provinces, communes=communes, categories=categories
    )
    # Invalid filters are dropped one by one; the valid ones still apply.
    values = {}
    if filters.is_bound:
        filters.is_valid()
        values = filters.cleaned_data
    chosen = {
        "q": values.get("q") or "",
        "province": next((p for p in provinces if p.code == values.get("province")), None),
        "commune": next((c for c in communes if c.code == values.get("commune")), None),
        "category": next((c for c in categories if c.code == values.get("category")), None),
        "status": values.get("status") or "",
    }
    pages = selectors.movement_models_for_staff(user, per_page=PAGE_SIZE, **chosen)
    page = pages.get_page(request.GET.get("page"))
    return render(
        request,
        "staff/models/model_list.html",
        {
            "page": page,
            "filters": filters,
            "category_counts": selectors.movement_category_counts(
                user, categories=categories, **chosen
            ),
            "category": chosen["category"],
            "can_create": user.has_perm("movements.create"),
        },
    )


@require_safe
@staff_area_required
def model_detail(request, pk):
    model = selectors.movement_model_for_staff(request.user, pk)
    return render(
        request,
        "staff/models/model_detail.html",
        {
            "model": model,
            "festivals": festivals_showcasing(model, user=request.user),
            "status_form": StatusChangeForm(model=model),
            "audit_entries": audit_entries_for(model),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def model_edit(request, pk=None):
    user = request.user
    model = None
    if pk is not None:
        model = selectors.movement_model_for_staff(user, pk)
        if not user.has_perm("movements.edit", model):
            raise PermissionDenied
    elif not user.has_perm("movements.create"):
        raise PermissionDenied
    units = selectors.model_units_for(user, ever=True)

    if request.method in ("GET", "HEAD"):
        if model is None:
            only = list(selectors.model_units_for(user)[:2])
            initial = {"unit": only[0] if len(only) == 1 else None}
        else:
            initial = {
                "unit": model.unit_id,
                "cover_photo": model.cover_photo or None,
                **{field: getattr(model, field) for field in MODEL_FIELDS},
            }
        form = MovementModelForm(units=units, initial=initial)
        return _render_form(request, model, form)

    initial = {"cover_photo": model.cover_photo or None} if model is not None else {}
    form = MovementModelForm(request.POST, request.FILES, units=units, initial=initial)
    if not form.is_valid():
        messages.error(request, _("Some fields need attention; nothing was saved yet."))
        return _render_form(request, model, form, status=400)
    values = form.cleaned_data
    photo, remove_photo = form.photo_changes()
    try:
        if model is None:
            model = services.movement_model_create(
                user=user, unit=values["unit"], data=values, cover_photo=photo
            )
            messages.success(request, _("The model was added."))
        else:
            model = services.movement_model_update(
                model=model,
                user=user,
                unit=values["unit"],
                data=values,
                cover_photo=photo,
                remove_cover_photo=remove_photo,
            )
            messages.success(request, _("Your changes were saved."))
    except ServiceError as error:
        form_add_error(form, error)
        messages.error(request, _("Some fields need attention; nothing was saved yet."))
        return _render_form(request, model, form, status=400)
    return redirect(model)


def _render_form(request, model, form, status=200):
    return render(
        request, "staff/models/model_form.html", {"model": model, "form": form}, status=status
    )


@require_POST
@staff_area_required
def model_status(request, pk):
    model = selectors.movement_model_for_staff(request.user, pk)
    form = StatusChangeForm(request.POST, model=model)
    try:
        if not form.is_valid():
            raise ServiceError(*form_error_messages(form))
        services.movement_model_change_status(
            model=model,
            user=request.user,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
        )
    except ServiceError as error:
        show_error(request, error)
    else:
        messages.success(request, _("The model's status was changed."))
    return redirect(model)


@require_http_methods(["GET", "HEAD", "POST"])
@staff_area_required
def model_delete(request, pk):
    model = selectors.movement_model_for_staff(request.user, pk)
    if not request.user.has_perm("movements.delete", model):
        raise PermissionDenied
    if request.method in ("GET", "HEAD"):
        return render(request, "staff/models/model_confirm_delete.html", {"model": model})
    try:
        services.movement_model_delete(model=model, user=request.user)
    except ServiceError as error:
        show_error(request, error)
        return redirect(model)
    messages.success(request, _("“%(name)s” was deleted.") % {"name": model.name})
    return redirect("movements:model.list")
