"""The staff unit pages and the dashboard (staff/views/units.py, staff/views/dashboard.py):
sign-in, role and scope on every URL."""

import pytest
from django.urls import reverse


def staff_urls(area):
    return [
        reverse("manage:dashboard"),
        reverse("units:unit.list"),
        reverse("units:unit.picker") + "?q=dong",
        reverse("units:unit.detail", kwargs={"pk": area.dong_son_ward.pk}),
    ]


def test_staff_urls_send_anonymous_visitors_to_sign_in(client, area):
    for url in staff_urls(area):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next=/manage/"), url


def test_staff_urls_refuse_users_without_a_role(client, area, user_without_role):
    client.force_login(user_without_role)
    for url in staff_urls(area):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Không được phép" in response.content.decode()


@pytest.mark.parametrize("unit_name", ["hac_thanh_ward", "other_commune", "thanh_hoa"])
def test_unit_detail_outside_scope_is_404(client, area, commune_official, unit_name):
    client.force_login(commune_official)
    unit = getattr(area, unit_name)
    response = client.get(reverse("units:unit.detail", kwargs={"pk": unit.pk}))
    assert response.status_code == 404


def test_unit_detail_of_a_predecessor_is_visible_to_the_successor_commune(
    client, area, commune_official
):
    client.force_login(commune_official)
    response = client.get(reverse("units:unit.detail", kwargs={"pk": area.rung_thong_township.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Thị trấn Rừng Thông" in page
    assert "Phường Đông Sơn, Tỉnh Thanh Hóa" in page  # where it is today


def test_unit_list_never_lists_or_counts_other_units(client, area, other_commune_official):
    client.force_login(other_commune_official)
    response = client.get(reverse("units:unit.list"), {"history": "1"})
    page = response.content.decode()
    assert list(response.context["page"].object_list) == [area.hac_thanh_ward]
    assert response.context["page"].paginator.count == 1
    assert "Rừng Thông" not in page
    assert "Đông Sơn" not in page


def test_unit_list_search_ignores_diacritics(client, area, district_staff):
    client.force_login(district_staff)
    response = client.get(reverse("units:unit.list"), {"q": "rung thong", "history": "1"})
    assert [u.name for u in response.context["page"].object_list] == [
        "Phường Rừng Thông",
        "Thị trấn Rừng Thông",
    ]
    empty = client.get(reverse("units:unit.list"), {"q": "vinh phu", "history": "1"})
    assert list(empty.context["page"].object_list) == []
    assert "Không có đơn vị nào" in empty.content.decode()


def test_picker_only_offers_units_in_scope(client, area, commune_official):
    client.force_login(commune_official)
    response = client.get(reverse("units:unit.picker"), {"q": "phuong"})
    page = response.content.decode()
    assert "Phường Đông Sơn" in page
    assert "Phường Hạc Thành" not in page


def test_picker_reads_the_search_box_under_its_own_name(client, area, commune_official):
    """The widget's box is named after its field; htmx sends it so, not as `q`."""
    client.force_login(commune_official)
    response = client.get(reverse("units:unit.picker"), {"host_unit_search": "dong son"})
    page = response.content.decode()
    assert "Phường Đông Sơn" in page
    assert "Gõ ít nhất hai chữ cái" not in page


def test_dashboard_shows_name_roles_and_count(client, area, district_staff):
    district_staff.full_name = "Lê Thị Hồng Nhung"
    district_staff.save()
    client.force_login(district_staff)
    page = client.get(reverse("manage:dashboard")).content.decode()
    assert "Lê Thị Hồng Nhung" in page
    assert "Tỉnh Thanh Hóa" in page
    assert "3 đơn vị hiện hành" in page  # the province and its two current wards
