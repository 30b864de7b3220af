"""The staff pages for movement models (staff/views/models.py), through the test client.

Pages are served in Vietnamese; messages are compared through the Vietnamese catalogue so the
tests hold whether or not a string is translated yet.
"""

import datetime

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from events.showcase import festival_models_set
from movements.enums import ModelStatus
from movements.models import MovementModel
from tests.conftest import in_vietnamese
from tests.factories.events import make_festival
from tests.factories.movements import MovementModelFactory, category
from tests.images import jpeg_with_gps_and_orientation, png_header_only, upload


def form_data(unit, **changes):
    return {
        "unit": unit.pk,
        "name": "Camera an ninh khu phố 3",
        "category": category("camera-an-ninh").pk,
        "lead_organisation": "Công an phường Đông Sơn",
        "partner_organisations": "Tổ dân phố số 3",
        "started_on": "2021-06-01",
        "description": "Mười camera ở các ngã tư.",
        "results": "",
        **changes,
    }


def model_urls(model):
    return [
        ("get", reverse("movements:model.detail", args=[model.pk])),
        ("get", reverse("movements:model.edit", args=[model.pk])),
        ("post", reverse("movements:model.edit", args=[model.pk])),
        ("post", reverse("movements:model.status", args=[model.pk])),
        ("get", reverse("movements:model.delete", args=[model.pk])),
        ("post", reverse("movements:model.delete", args=[model.pk])),
    ]


def staff_urls(model):
    return [
        ("get", reverse("movements:model.list")),
        ("get", reverse("movements:model.create")),
        ("post", reverse("movements:model.create")),
        *model_urls(model),
    ]


def page_messages(response):
    return [str(m) for m in messages.get_messages(response.wsgi_request)]


def test_staff_urls_send_anonymous_visitors_to_sign_in(client, area):
    model = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")

    for method, url in staff_urls(model):
        response = getattr(client, method)(url)
        assert (method, url, response.status_code) == (method, url, 302)
        assert response["Location"] == f"{reverse('login')}?next={url}"
    assert list(MovementModel.objects.values_list("name", flat=True)) == ["Camera ANTT"]


def test_staff_urls_refuse_users_without_role(client, area, user_without_role):
    model = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    client.force_login(user_without_role)

    for method, url in staff_urls(model):
        response = getattr(client, method)(url)
        assert (method, url, response.status_code) == (method, url, 403)
    assert list(MovementModel.objects.values_list("name", flat=True)) == ["Camera ANTT"]


def test_model_urls_of_another_commune_are_404_and_change_nothing(
    client, area, other_commune_official
):
    model = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    client.force_login(other_commune_official)

    for method, url in model_urls(model):
        data = form_data(area.hac_thanh_ward, name="Đổi tên") if method == "post" else None
        if url.endswith("/status/"):
            data = {"status": "ended", "on": "2024-01-01"}
        response = getattr(client, method)(url, data)
        assert (method, url, response.status_code) == (method, url, 404)

    model.refresh_from_db()
    assert (model.name, model.unit, model.status) == (
        "Camera ANTT",
        area.dong_son_ward,
        ModelStatus.ACTIVE,
    )


def test_list_never_shows_or_counts_another_commune_model(
    client, area, commune_official, other_commune_official, district_staff
):
    own = MovementModelFactory(unit=area.hac_thanh_ward, name="Tổ dân phố tự quản")
    other = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    MovementModelFactory(unit=area.other_commune, name="Camera Nghệ An")

    client.force_login(other_commune_official)
    response = client.get(reverse("movements:model.list"))
    assert list(response.context["page"].object_list) == [own]
    counts = {c.code: c.model_count for c in response.context["category_counts"]}
    assert counts["camera-an-ninh"] == 1
    assert sum(counts.values()) == 1
    assert "Camera ANTT" not in response.content.decode()
    searched = client.get(reverse("movements:model.list"), {"q": "camera antt"})
    assert list(searched.context["page"].object_list) == []

    client.force_login(district_staff)
    response = client.get(reverse("movements:model.list"))
    assert list(response.context["page"].object_list) == [other, own]
    counts = {c.code: c.model_count for c in response.context["category_counts"]}
    assert sum(counts.values()) == 2


def test_list_filters_by_commune_category_status_and_search(client, area, district_staff):
    camera = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    gate = MovementModelFactory(
        unit=area.dong_son_ward,
        name="Cổng trường an toàn giao thông",
        category=category("cong-truong-an-toan"),
    )
    ended = MovementModelFactory(
        unit=area.hac_thanh_ward, name="Tổ hòa giải", status=ModelStatus.ENDED
    )
    client.force_login(district_staff)
    url = reverse("movements:model.list")

    def names(**params):
        response = client.get(url, params)
        return [m.name for m in response.context["page"].object_list]

    assert names(commune="16378") == [camera.name, gate.name]
    assert names(province="38", category="cong-truong-an-toan") == [gate.name]
    assert names(status="ended") == [ended.name]
    assert names(q="cong truong") == [gate.name]
    assert names(q="HAC THANH") == [ended.name]
    # An unknown commune code is ignored; the other filters still apply.
    assert names(commune="99999", status="ended") == [ended.name]

    response = client.get(url, {"commune": "16378"})
    counts = {c.code: c.model_count for c in response.context["category_counts"]}
    assert (counts["camera-an-ninh"], counts["cong-truong-an-toan"], sum(counts.values())) == (
        1,
        1,
        2,
    )


def test_list_paginates(client, area, commune_official):
    for n in range(30):
        MovementModelFactory(unit=area.dong_son_ward, name=f"Mô hình {n:02d}")
    client.force_login(commune_official)

    first = client.get(reverse("movements:model.list"))
    second = client.get(reverse("movements:model.list"), {"page": 2})

    assert (len(first.context["page"].object_list), len(second.context["page"].object_list)) == (
        25,
        5,
    )
    assert second.context["page"].object_list[0].name == "Mô hình 25"


def test_create_form_offers_only_the_officials_commune(client, area, commune_official):
    client.force_login(commune_official)
    response = client.get(reverse("movements:model.create"))

    form = response.context["form"]
    # Today's commune is offered; its former units only for a model started before the reform.
    assert list(form.fields["unit"].dated_queryset()) == [area.dong_son_ward]
    assert form.initial["unit"] == area.dong_son_ward
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_create_saves_model_with_cleaned_photo(client, area, commune_official):
    client.force_login(commune_official)
    data = form_data(
        area.dong_son_ward, cover_photo=upload(jpeg_with_gps_and_orientation(), name="gps.jpg")
    )

    response = client.post(reverse("movements:model.create"), data)

    model = MovementModel.objects.get()
    assert response.status_code == 302
    assert response["Location"] == model.get_absolute_url()
    assert (model.name, model.unit, model.created_by, model.cover_width, model.cover_height) == (
        "Camera an ninh khu phố 3",
        area.dong_son_ward,
        commune_official,
        200,
        400,
    )
    assert page_messages(response) == [in_vietnamese("The model was added.")]


def test_create_for_another_commune_is_refused_by_the_form(client, area, commune_official):
    client.force_login(commune_official)

    response = client.post(reverse("movements:model.create"), form_data(area.hac_thanh_ward))

    assert response.status_code == 400
    assert "unit" in response.context["form"].errors
    assert MovementModel.objects.count() == 0


def errors_in_vietnamese(response, field):
    """A field's error messages as the page showed them (they are lazy: render them in Vietnamese)."""
    with translation.override("vi"):
        return [str(message) for message in response.context["form"].errors[field]]


def test_create_with_a_bomb_photo_shows_the_reason_and_saves_nothing(
    client, area, commune_official
):
    client.force_login(commune_official)
    data = form_data(
        area.dong_son_ward, cover_photo=upload(png_header_only(20_000, 20_000), name="bom.png")
    )

    response = client.post(reverse("movements:model.create"), data)

    assert response.status_code == 400
    message = in_vietnamese(
        "The photo has too many pixels (at most %(limit)s megapixels). Reduce its size and try again.",
        limit=40,
    )
    assert errors_in_vietnamese(response, "cover_photo") == [message]
    assert escape(message) in response.content.decode()
    assert MovementModel.objects.count() == 0


def test_create_with_a_text_file_as_photo_shows_the_reason(client, area, commune_official):
    client.force_login(commune_official)
    data = form_data(area.dong_son_ward, cover_photo=upload(b"khong phai anh", name="a.jpg"))

    response = client.post(reverse("movements:model.create"), data)

    assert response.status_code == 400
    assert errors_in_vietnamese(response, "cover_photo") == [
        in_vietnamese(
            "This file is not a JPEG, PNG or WebP photo. Choose a photo in one of those formats."
        )
    ]
    assert MovementModel.objects.count() == 0


def test_create_with_a_future_start_is_refused(client, area, commune_official):
    client.force_login(commune_official)
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)

    response = client.post(
        reverse("movements:model.create"),
        form_data(area.dong_son_ward, started_on=tomorrow.isoformat()),
    )

    assert response.status_code == 400
    assert errors_in_vietnamese(response, "started_on") == [
        in_vietnamese("The start date cannot be in the future.")
    ]


def test_create_with_a_taken_name_shows_the_service_message_on_the_field(
    client, area, commune_official
):
    MovementModelFactory(unit=area.dong_son_ward, name="Camera an ninh khu phố 3")
    client.force_login(commune_official)

    response = client.post(reverse("movements:model.create"), form_data(area.dong_son_ward))

    assert response.status_code == 400
    assert errors_in_vietnamese(response, "name") == [
        in_vietnamese("%(unit)s already has a model named “%(name)s”.")
        % {"unit": "Phường Đông Sơn", "name": "Camera an ninh khu phố 3"}
    ]
    assert MovementModel.objects.count() == 1


def test_district_staff_edits_a_model_in_scope(client, area, district_staff):
    model = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    client.force_login(district_staff)

    form = client.get(reverse("movements:model.edit", args=[model.pk])).context["form"]
    assert (form.initial["name"], form.initial["unit"]) == ("Camera ANTT", area.dong_son_ward.pk)
    response = client.post(
        reverse("movements:model.edit", args=[model.pk]),
        form_data(area.dong_son_ward, name="Camera ANTT khu phố 5"),
    )

    assert response.status_code == 302
    model.refresh_from_db()
    assert model.name == "Camera ANTT khu phố 5"
    assert page_messages(response) == [in_vietnamese("Your changes were saved.")]


def test_detail_shows_facts_festivals_in_scope_and_history(
    client, area, commune_official, district_staff
):
    model = MovementModelFactory(
        unit=area.dong_son_ward,
        name="Camera ANTT",
        partner_organisations="Hội Cựu chiến binh\nĐoàn Thanh niên",
    )
    festival = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, title="Ngày hội phường Đông Sơn"
    )
    festival_models_set(festival=festival, user=commune_official, models=[model])
    client.force_login(commune_official)

    response = client.get(model.get_absolute_url())

    page = response.content.decode()
    assert list(response.context["model"].festivals.all()) == [festival]
    assert "Ngày hội phường Đông Sơn" in page
    assert "Hội Cựu chiến binh" in page
    assert festival.get_absolute_url() in page
    assert [str(e.action) for e in response.context["audit_entries"]] == ["changed", "created"]
    assert in_vietnamese("changed") in page


def test_status_change_through_the_page_records_the_date(client, area, commune_official):
    model = MovementModelFactory(unit=area.dong_son_ward, started_on=datetime.date(2021, 6, 1))
    client.force_login(commune_official)

    response = client.post(
        reverse("movements:model.status", args=[model.pk]),
        {"status": "paused", "on": "2025-02-03"},
    )

    assert response["Location"] == model.get_absolute_url()
    model.refresh_from_db()
    assert (model.status, model.status_changed_on) == ("paused", datetime.date(2025, 2, 3))
    detail = client.get(model.get_absolute_url()).content.decode()
    assert "03/02/2025" in detail


def test_status_change_refused_shows_the_reason_and_changes_nothing(client, area, commune_official):
    model = MovementModelFactory(unit=area.dong_son_ward, started_on=datetime.date(2021, 6, 1))
    client.force_login(commune_official)

    response = client.post(
        reverse("movements:model.status", args=[model.pk]),
        {"status": "ended", "on": "2020-01-01"},
    )

    assert page_messages(response) == [
        in_vietnamese("The change cannot be before the model started (%(date)s).")
        % {"date": "01/06/2021"}
    ]
    model.refresh_from_db()
    assert (model.status, model.status_changed_on) == ("active", None)


def test_delete_asks_first_then_deletes(client, area, commune_official):
    model = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    festival = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, title="Ngày hội phường Đông Sơn"
    )
    festival_models_set(festival=festival, user=commune_official, models=[model])
    client.force_login(commune_official)
    url = reverse("movements:model.delete", args=[model.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ngày hội phường Đông Sơn" in confirm.content.decode()
    assert MovementModel.objects.count() == 1

    response = client.post(url)
    assert response["Location"] == reverse("movements:model.list")
    assert MovementModel.objects.count() == 0
    assert page_messages(response) == [
        in_vietnamese("“%(name)s” was deleted.") % {"name": "Camera ANTT"}
    ]


@pytest.mark.parametrize("page", ["model.list", "model.create"])
def test_staff_pages_are_in_vietnamese(client, commune_official, page):
    client.force_login(commune_official)
    response = client.get(reverse(f"movements:{page}"))
    assert '<html lang="vi">' in response.content.decode()


def test_edit_offers_to_remove_the_photo_and_removes_it(client, area, commune_official):
    client.force_login(commune_official)
    client.post(
        reverse("movements:model.create"),
        form_data(area.dong_son_ward, cover_photo=upload(jpeg_with_gps_and_orientation())),
    )
    model = MovementModel.objects.get()
    url = reverse("movements:model.edit", args=[model.pk])

    page = client.get(url).content.decode()
    assert model.cover_photo.url in page
    assert 'name="cover_photo-clear"' in page

    unchanged = client.post(url, form_data(area.dong_son_ward, name="Camera ANTT"))
    model.refresh_from_db()
    assert (unchanged.status_code, model.name, bool(model.cover_photo)) == (
        302,
        "Camera ANTT",
        True,
    )

    client.post(url, form_data(area.dong_son_ward, **{"cover_photo-clear": "on"}))
    model.refresh_from_db()
    assert (model.cover_photo.name, model.cover_width, model.cover_height) == ("", None, None)


def test_model_form_normalises_control_characters_before_saving(client, area, commune_official):
    client.force_login(commune_official)

    response = client.post(
        reverse("movements:model.create"),
        form_data(
            area.dong_son_ward,
            name="Camera\x0ban ninh\x00 khu phố 3",
            partner_organisations="Tổ dân phố số 3\x0bHội Cựu chiến binh\x1b",
        ),
    )

    assert response.status_code == 302
    model = MovementModel.objects.get()
    assert model.name == "Camera an ninh khu phố 3"
    assert model.partner_organisations == "Tổ dân phố số 3\nHội Cựu chiến binh"
