"""Writes to movement models (movements/services.py) and the models a festival showcases."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from accounts.enums import Role
from core.audit import audit_entries_for
from core.errors import NotAllowed, ServiceError
from events.showcase import festival_models_set
from movements import services
from movements.enums import ModelStatus
from movements.models import MovementModel
from movements.selectors import models_for_festival_host
from tests.factories.accounts import RoleFactory
from tests.factories.events import make_festival
from tests.factories.movements import MovementModelFactory, category, model_data
from tests.factories.units import SuccessionFactory, UnitFactory
from units.enums import UnitKind
from units.services import units_rebuild_scope


def test_create_saves_every_field_and_search_text(area, commune_official):
    model = services.movement_model_create(
        user=commune_official, unit=area.dong_son_ward, data=model_data()
    )

    model.refresh_from_db()
    assert (
        model.unit,
        model.name,
        model.category.code,
        model.lead_organisation,
        model.partner_list,
        model.started_on,
        model.status,
        model.status_changed_on,
        model.created_by,
    ) == (
        area.dong_son_ward,
        "Camera an ninh khu phố 3",
        "camera-an-ninh",
        "Công an phường Đông Sơn",
        ["Tổ dân phố số 3", "Hội Cựu chiến binh"],
        datetime.date(2021, 6, 1),
        ModelStatus.ACTIVE,
        None,
        commune_official,
    )
    assert model.search_text == (
        "camera an ninh khu pho 3 camera an ninh trat tu phuong dong son tinh thanh hoa "
        "cong an phuong dong son"
    )
    assert model.scope_unit == area.dong_son_ward
    assert model.get_absolute_url() == f"/manage/models/{model.pk}/"
    assert model.get_public_url() == f"/models/{model.pk}/"


def test_create_is_audited(area, commune_official):
    model = services.movement_model_create(
        user=commune_official, unit=area.dong_son_ward, data=model_data()
    )

    [entry] = audit_entries_for(model)
    assert entry.is_creation
    changes = {str(label): str(new) for label, _old, new in entry.changes}
    assert (
        changes["name"],
        changes["commune or ward"],
        changes["model category"],
        changes["status"],
    ) == ("Camera an ninh khu phố 3", "Phường Đông Sơn", "Camera an ninh trật tự", "active")


@pytest.mark.parametrize("role", ["other_commune_official", "user_without_role"])
def test_create_for_commune_outside_own_is_refused(area, request, role):
    user = request.getfixturevalue(role)

    with pytest.raises(NotAllowed):
        services.movement_model_create(user=user, unit=area.dong_son_ward, data=model_data())
    assert MovementModel.objects.count() == 0


def test_district_staff_may_create_for_any_commune_of_the_province(area, district_staff):
    model = services.movement_model_create(
        user=district_staff, unit=area.hac_thanh_ward, data=model_data()
    )
    assert model.unit == area.hac_thanh_ward


def test_create_for_unit_above_commune_level_is_refused(area, district_staff):
    with pytest.raises(ServiceError) as error:
        services.movement_model_create(user=district_staff, unit=area.thanh_hoa, data=model_data())
    assert (error.value.field, error.value.messages) == (
        "unit",
        ["Models are kept by a commune, ward or special zone; choose one."],
    )
    assert MovementModel.objects.count() == 0


def test_create_with_future_start_is_refused(area, commune_official):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ServiceError) as error:
        services.movement_model_create(
            user=commune_official, unit=area.dong_son_ward, data=model_data(started_on=tomorrow)
        )
    assert (error.value.field, error.value.messages) == (
        "started_on",
        ["The start date cannot be in the future."],
    )
    assert MovementModel.objects.count() == 0


def test_create_with_name_taken_in_the_same_commune_is_refused(area, commune_official):
    services.movement_model_create(
        user=commune_official, unit=area.dong_son_ward, data=model_data(name="Camera ANTT")
    )
    with pytest.raises(ServiceError) as error:
        services.movement_model_create(
            user=commune_official, unit=area.dong_son_ward, data=model_data(name="Camera ANTT")
        )
    assert error.value.messages == ["Phường Đông Sơn already has a model named “Camera ANTT”."]
    assert MovementModel.objects.count() == 1


def test_update_changes_fields_and_refreshes_search_text(area, commune_official):
    model = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")

    updated = services.movement_model_update(
        model=model,
        user=commune_official,
        data=model_data(name="Cổng trường an toàn", category=category("cong-truong-an-toan")),
    )

    model.refresh_from_db()
    assert (model.name, model.category.code, updated.pk) == (
        "Cổng trường an toàn",
        "cong-truong-an-toan",
        model.pk,
    )
    assert model.search_text.startswith("cong truong an toan cong truong an toan giao thong")


def test_update_by_commune_official_of_another_commune_is_refused(
    area, commune_official, other_commune_official
):
    model = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")

    with pytest.raises(NotAllowed):
        services.movement_model_update(
            model=model, user=other_commune_official, data=model_data(name="Đổi tên")
        )
    model.refresh_from_db()
    assert model.name == "Camera ANTT"


def test_update_moving_model_to_a_commune_outside_scope_is_refused(
    area, commune_official, district_staff
):
    model = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")

    with pytest.raises(NotAllowed):
        services.movement_model_update(
            model=model, user=commune_official, unit=area.hac_thanh_ward, data=model_data()
        )
    model.refresh_from_db()
    assert (model.unit, model.name) == (area.dong_son_ward, "Camera ANTT")

    moved = services.movement_model_update(
        model=model, user=district_staff, unit=area.hac_thanh_ward, data=model_data()
    )
    assert moved.unit == area.hac_thanh_ward


def test_change_status_records_the_date_and_is_audited(area, commune_official):
    model = MovementModelFactory(unit=area.dong_son_ward, started_on=datetime.date(2021, 6, 1))

    services.movement_model_change_status(
        model=model, user=commune_official, status=ModelStatus.PAUSED, on=datetime.date(2024, 3, 1)
    )
    services.movement_model_change_status(
        model=model, user=commune_official, status=ModelStatus.ENDED, on=datetime.date(2025, 1, 15)
    )

    model.refresh_from_db()
    assert (model.status, model.status_changed_on) == (
        ModelStatus.ENDED,
        datetime.date(2025, 1, 15),
    )
    statuses = [
        entry.changes_dict["status"]
        for entry in LogEntry.objects.get_for_object(model).order_by("pk")
        if entry.action == LogEntry.Action.UPDATE
    ]
    assert statuses == [["active", "paused"], ["paused", "ended"]]


@pytest.mark.parametrize(
    ("status", "on", "field", "message"),
    [
        (ModelStatus.ACTIVE, datetime.date(2024, 3, 1), "status", "The model is already active."),
        (ModelStatus.ENDED, None, "on", "Give the date of the change."),
        (
            ModelStatus.ENDED,
            datetime.date(2021, 5, 31),
            "on",
            "The change cannot be before the model started (01/06/2021).",
        ),
    ],
)
def test_change_status_refused_changes_nothing(area, commune_official, status, on, field, message):
    model = MovementModelFactory(unit=area.dong_son_ward, started_on=datetime.date(2021, 6, 1))

    with pytest.raises(ServiceError) as error:
        services.movement_model_change_status(
            model=model, user=commune_official, status=status, on=on
        )

    assert (error.value.field, error.value.messages) == (field, [message])
    model.refresh_from_db()
    assert (model.status, model.status_changed_on) == (ModelStatus.ACTIVE, None)


def test_change_status_in_the_future_or_before_the_last_change_is_refused(area, commune_official):
    model = MovementModelFactory(unit=area.dong_son_ward, started_on=None)
    services.movement_model_change_status(
        model=model, user=commune_official, status=ModelStatus.PAUSED, on=datetime.date(2024, 3, 1)
    )

    with pytest.raises(ServiceError) as future:
        services.movement_model_change_status(
            model=model,
            user=commune_official,
            status=ModelStatus.ACTIVE,
            on=timezone.localdate() + datetime.timedelta(days=1),
        )
    with pytest.raises(ServiceError) as earlier:
        services.movement_model_change_status(
            model=model,
            user=commune_official,
            status=ModelStatus.ACTIVE,
            on=datetime.date(2024, 2, 29),
        )

    assert future.value.messages == ["The date of the change cannot be in the future."]
    assert earlier.value.messages == ["The change cannot be before the previous one (01/03/2024)."]
    model.refresh_from_db()
    assert (model.status, model.status_changed_on) == (
        ModelStatus.PAUSED,
        datetime.date(2024, 3, 1),
    )


def test_delete_removes_model_and_its_festival_links(area, commune_official):
    model = MovementModelFactory(unit=area.dong_son_ward)
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    festival_models_set(festival=festival, user=commune_official, models=[model])

    services.movement_model_delete(model=model, user=commune_official)

    assert MovementModel.objects.count() == 0
    assert list(festival.showcased_models.all()) == []
    deletions = LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_pk=str(model.pk))
    assert deletions.count() == 1


def test_delete_by_another_commune_is_refused(area, other_commune_official):
    model = MovementModelFactory(unit=area.dong_son_ward)
    with pytest.raises(NotAllowed):
        services.movement_model_delete(model=model, user=other_commune_official)
    assert MovementModel.objects.count() == 1


# --- festival_models_set -------------------------------------------------------------------------


def test_festival_showcases_models_of_its_own_commune(area, commune_official):
    camera = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    gate = MovementModelFactory(unit=area.dong_son_ward, name="Cổng trường an toàn giao thông")
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)

    festival_models_set(festival=festival, user=commune_official, models=[camera, gate])
    assert set(festival.showcased_models.all()) == {camera, gate}

    festival_models_set(festival=festival, user=commune_official, models=[gate])
    assert list(festival.showcased_models.all()) == [gate]
    assert list(camera.festivals.all()) == []


def test_festival_of_the_predecessor_township_may_showcase_the_ward_model(area, commune_official):
    """The 2023 festival of thị trấn Rừng Thông shows a model today's Phường Đông Sơn keeps."""
    camera = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    festival = make_festival(
        user=commune_official,
        host_unit=area.rung_thong_township,
        day=datetime.date(2023, 8, 3),
    )

    festival_models_set(festival=festival, user=commune_official, models=[camera])

    assert list(festival.showcased_models.all()) == [camera]
    assert list(models_for_festival_host(area.rung_thong_township)) == [camera]


def test_festival_of_today_ward_may_showcase_a_model_of_its_predecessor(area, commune_official):
    old = MovementModelFactory(unit=area.rung_thong_ward, name="Tổ tự quản khu phố 1")
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)

    festival_models_set(festival=festival, user=commune_official, models=[old])

    assert list(festival.showcased_models.all()) == [old]


def test_festival_cannot_showcase_a_model_of_another_commune_and_changes_nothing(
    area, commune_official, district_staff
):
    own = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    other = MovementModelFactory(unit=area.hac_thanh_ward, name="Tổ dân phố tự quản")
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    festival_models_set(festival=festival, user=commune_official, models=[own])

    with pytest.raises(ServiceError) as error:
        festival_models_set(festival=festival, user=district_staff, models=[other])

    assert error.value.messages == [
        "A festival can only showcase the models of its own commune (Phường Đông Sơn) and of the "
        "units it succeeded or that succeeded it. Not allowed: Tổ dân phố tự quản (Phường Hạc Thành)."
    ]
    assert list(festival.showcased_models.all()) == [own]
    assert list(other.festivals.all()) == []


def test_communes_merged_into_the_same_ward_do_not_share_models(area, commune_official):
    """Two communes merged into Phường Đông Sơn are each linked to it, not to each other."""
    neighbour = UnitFactory(
        code="16381",
        name="Xã Đông Tân",
        kind=UnitKind.COMMUNE,
        parent=area.dong_son_district,
        valid_to=datetime.date(2025, 6, 30),
    )
    SuccessionFactory(
        predecessor=neighbour, successor=area.dong_son_ward, date=datetime.date(2025, 7, 1)
    )
    units_rebuild_scope()
    ward_model = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    rung_thong_model = MovementModelFactory(unit=area.rung_thong_ward, name="Tổ tự quản")
    festival = make_festival(
        user=commune_official, host_unit=neighbour, day=datetime.date(2024, 8, 10)
    )

    assert list(models_for_festival_host(neighbour)) == [ward_model]
    with pytest.raises(ServiceError):
        festival_models_set(
            festival=festival, user=commune_official, models=[ward_model, rung_thong_model]
        )
    assert list(festival.showcased_models.all()) == []


def test_festival_models_set_by_another_commune_official_is_refused(
    area, commune_official, other_commune_official
):
    camera = MovementModelFactory(unit=area.dong_son_ward)
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)

    with pytest.raises(NotAllowed):
        festival_models_set(festival=festival, user=other_commune_official, models=[camera])
    assert list(festival.showcased_models.all()) == []


def test_festival_models_set_by_supervising_staff_is_allowed(
    area, commune_official, district_staff
):
    camera = MovementModelFactory(unit=area.dong_son_ward)
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)

    festival_models_set(festival=festival, user=district_staff, models=[camera])

    assert list(festival.showcased_models.all()) == [camera]


def test_festival_models_set_writes_audit_entries_on_changed_models(area, commune_official):
    camera = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    gate = MovementModelFactory(unit=area.dong_son_ward, name="Cổng trường")
    festival = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, title="Ngày hội 2026"
    )

    festival_models_set(festival=festival, user=commune_official, models=[camera])
    festival_models_set(festival=festival, user=commune_official, models=[camera])
    festival_models_set(festival=festival, user=commune_official, models=[gate])

    def festival_changes(model):
        return [
            (entry.actor, entry.changes_dict["festivals"])
            for entry in LogEntry.objects.get_for_object(model).order_by("pk")
            if "festivals" in entry.changes_dict
        ]

    assert festival_changes(camera) == [
        (commune_official, ["None", "Ngày hội 2026"]),
        (commune_official, ["Ngày hội 2026", "None"]),
    ]
    assert festival_changes(gate) == [(commune_official, ["None", "Ngày hội 2026"])]
    history = audit_entries_for(gate)[0]
    assert [(str(label), old, new) for label, old, new in history.changes] == [
        ("festivals where shown", "—", "Ngày hội 2026")
    ]


def test_models_for_festival_host_above_commune_level_is_empty(area):
    MovementModelFactory(unit=area.dong_son_ward)
    assert list(models_for_festival_host(area.thanh_hoa)) == []


def test_administrator_may_keep_models_anywhere(area, administrator):
    model = services.movement_model_create(
        user=administrator, unit=area.other_commune, data=model_data()
    )
    assert model.unit == area.other_commune


def test_commune_official_role_that_has_ended_keeps_nothing(area):
    role = RoleFactory(
        role=Role.COMMUNE_OFFICIAL,
        unit=area.dong_son_ward,
        valid_from=datetime.date(2025, 7, 1),
        valid_to=datetime.date(2025, 7, 31),
    )
    with pytest.raises(NotAllowed):
        services.movement_model_create(user=role.user, unit=area.dong_son_ward, data=model_data())
