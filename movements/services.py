"""Every write to movement models (the festivals showcasing them are chosen in events)."""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.errors import ServiceError, require
from movements.enums import ModelStatus
from movements.models import MovementModel
from movements.photos import PhotoRejected, photo_prepare
from units.enums import UnitLevel

MODEL_FIELDS = [
    "name",
    "category",
    "lead_organisation",
    "partner_organisations",
    "started_on",
    "description",
    "results",
]
TEXT_FIELDS = {"name", "lead_organisation", "partner_organisations", "description", "results"}


def _check_unit(user, unit):
    if unit.level != UnitLevel.COMMUNE:
        raise ServiceError(
            _("Models are kept by a commune, ward or special zone; choose one."), field="unit"
        )
    require(
        user,
        "movements.create_for_unit",
        unit,
        _("You may only keep the models of communes in your scope."),
    )


def _set_fields(model, data):
    for field in MODEL_FIELDS:
        value = data.get(field)
        setattr(model, field, (value or "").strip() if field in TEXT_FIELDS else value)
    if not model.name:
        raise ServiceError(_("Give the model's name."), field="name")
    if model.started_on and model.started_on > timezone.localdate():
        raise ServiceError(_("The start date cannot be in the future."), field="started_on")


def _check_name_free(model):
    taken = MovementModel.objects.filter(unit=model.unit, name=model.name).exclude(pk=model.pk)
    if taken.exists():
        raise ServiceError(
            _("%(unit)s already has a model named “%(name)s”.")
            % {"unit": model.unit.name, "name": model.name},
            field="name",
        )


def _prepared_photo(upload):
    try:
        return photo_prepare(upload)
    except PhotoRejected as error:
        raise ServiceError(*error.messages, field="cover_photo") from None


def _delete_file_later(name):
    """Remove a replaced or orphaned photo once the change is committed (never before)."""
    if name:
        storage = MovementModel._meta.get_field("cover_photo").storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def movement_model_create(*, user, unit, data, cover_photo=None):
    """Add an active model kept by `unit`, with an optional cover photo (re-encoded)."""
    require(user, "movements.create", None, _("Only commune and district staff keep models."))
    _check_unit(user, unit)
    model = MovementModel(unit=unit, created_by=user, status=ModelStatus.ACTIVE)
    _set_fields(model, data)
    _check_name_free(model)
    photo = _prepared_photo(cover_photo) if cover_photo else None
    if photo is not None:
        model.cover_photo.save(photo.name, photo, save=False)
    model.save()
    return model


@transaction.atomic
def movement_model_update(
    *, model, user, data, unit=None, cover_photo=None, remove_cover_photo=False
):
    """Save edited fields; `cover_photo` replaces the photo, `remove_cover_photo` drops it."""
    current = MovementModel.objects.select_for_update().get(pk=model.pk)
    require(user, "movements.edit", current, _("You may not edit this model."))
    if unit is not None and unit.pk != current.unit_id:
        _check_unit(user, unit)
        current.unit = unit
    _set_fields(current, data)
    _check_name_free(current)
    photo = _prepared_photo(cover_photo) if cover_photo else None
    old_photo = current.cover_photo.name
    if photo is not None:
        current.cover_photo.save(photo.name, photo, save=False)
        _delete_file_later(old_photo)
    elif remove_cover_photo and old_photo:
        current.cover_photo = None
        current.cover_width = current.cover_height = None
        _delete_file_later(old_photo)
    current.save()
    return current


@transaction.atomic
def movement_model_change_status(*, model, user, status, on):
    """Set the model's status (active, paused, ended) and the day the change took effect."""
    current = MovementModel.objects.select_for_update().get(pk=model.pk)
    require(user, "movements.change_status", current, _("You may not change this model's status."))
    status = ModelStatus(status)
    if status == current.status:
        raise ServiceError(
            _("The model is already %(status)s.") % {"status": status.label}, field="status"
        )
    if on is None:
        raise ServiceError(_("Give the date of the change."), field="on")
    if on > timezone.localdate():
        raise ServiceError(_("The date of the change cannot be in the future."), field="on")
    if current.started_on and on < current.started_on:
        raise ServiceError(
            _("The change cannot be before the model started (%(date)s).")
            % {"date": date_format(current.started_on, "d/m/Y")},
            field="on",
        )
    if current.status_changed_on and on < current.status_changed_on:
        raise ServiceError(
            _("The change cannot be before the previous one (%(date)s).")
            % {"date": date_format(current.status_changed_on, "d/m/Y")},
            field="on",
        )
    current.status = status
    current.status_changed_on = on
    current.save(update_fields=["status", "status_changed_on", "updated_at", "search_text"])
    return current


@transaction.atomic
def movement_model_delete(*, model, user):
    """Delete the model (it disappears from the festivals that showcased it) and its photo."""
    current = MovementModel.objects.select_for_update().get(pk=model.pk)
    require(user, "movements.delete", current, _("You may not delete this model."))
    _delete_file_later(current.cover_photo.name)
    current.delete()
