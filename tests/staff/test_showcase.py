"""Choosing, on the staff festival page, the movement models a festival showcases."""

from django.urls import reverse

from tests.factories.events import make_festival
from tests.factories.movements import MovementModelFactory


def test_host_commune_chooses_its_models_for_a_scheduled_festival(
    client, area, commune_official, district_staff
):
    festival = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, approver=district_staff
    )
    camera = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT")
    client.force_login(commune_official)
    page = client.get(festival.get_absolute_url()).content.decode()
    assert 'data-testid="showcase-form"' in page
    response = client.post(
        reverse("events:festival.showcase", args=[festival.pk]), {"models": [camera.pk]}
    )
    assert response.status_code == 302
    assert list(festival.showcased_models.all()) == [camera]
    public = client.get(festival.get_public_url()).content.decode()
    assert "Camera ANTT" in public


def test_a_model_of_another_commune_is_refused_and_nothing_changes(
    client, area, commune_official, district_staff
):
    festival = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, approver=district_staff
    )
    theirs = MovementModelFactory(unit=area.hac_thanh_ward)
    client.force_login(commune_official)
    client.post(reverse("events:festival.showcase", args=[festival.pk]), {"models": [theirs.pk]})
    assert list(festival.showcased_models.all()) == []


def test_showcase_outside_scope_is_404_and_needs_a_role(
    client, area, commune_official, other_commune_official, user_without_role
):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    url = reverse("events:festival.showcase", args=[festival.pk])
    client.force_login(other_commune_official)
    assert client.post(url, {"models": []}).status_code == 404
    client.force_login(user_without_role)
    assert client.post(url, {"models": []}).status_code == 403
    client.logout()
    assert client.post(url, {"models": []}).status_code == 302
