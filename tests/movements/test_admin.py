"""The movement model admin (movements/admin.py): corrections by administrators."""

from django.urls import reverse

from movements.models import MovementModel
from tests.factories.movements import MovementModelFactory, category


def test_category_renamed_in_the_admin_renames_it_in_the_search_text_of_its_models(
    client, area, administrator
):
    camera = category("camera-an-ninh")
    model = MovementModelFactory(unit=area.dong_son_ward, name="Tổ tự quản", category=camera)
    other = MovementModelFactory(
        unit=area.dong_son_ward, name="Cổng trường", category=category("cong-truong-an-toan")
    )
    client.force_login(administrator)

    response = client.post(
        reverse("admin:movements_modelcategory_change", args=[camera.pk]),
        {"name": "Mắt thần khu phố", "code": camera.code, "order": camera.order},
    )

    assert response.status_code == 302
    assert list(MovementModel.objects.search("mat than").values_list("pk", flat=True)) == [model.pk]
    assert MovementModel.objects.get(pk=other.pk).search_text == other.search_text


def test_model_admin_search_ignores_diacritics_and_an_empty_search_lists_every_model(
    client, area, administrator
):
    camera = MovementModelFactory(unit=area.dong_son_ward, name="Camera ANTT khu phố 3")
    gate = MovementModelFactory(unit=area.hac_thanh_ward, name="Cổng trường an toàn")
    client.force_login(administrator)
    url = reverse("admin:movements_movementmodel_changelist")

    found = client.get(url, {"q": "CONG TRUONG"})
    everything = client.get(url)

    assert [m.pk for m in found.context["cl"].result_list] == [gate.pk]
    assert {m.pk for m in everything.context["cl"].result_list} == {camera.pk, gate.pk}
