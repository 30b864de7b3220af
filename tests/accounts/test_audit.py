from auditlog.models import LogEntry
from django.urls import reverse

from accounts.enums import Role
from accounts.models import RoleAssignment


def test_unit_change_through_the_admin_form_is_audited_and_shown(
    client, area, administrator, district_staff
):
    client.force_login(administrator)
    unit = area.hac_thanh_ward
    url = reverse("admin:units_administrativeunit_change", args=[unit.pk])
    response = client.post(
        url,
        {
            "code": unit.code,
            "name": "Phường Hạc Thành Mới",
            "kind": unit.kind,
            "parent": unit.parent_id,
            "valid_from": "01/07/2025",
            "valid_to": "",
            "successions_in-TOTAL_FORMS": "0",
            "successions_in-INITIAL_FORMS": "0",
            "successions_in-MIN_NUM_FORMS": "0",
            "successions_in-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = LogEntry.objects.get_for_object(unit).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == administrator
    assert entry.changes["name"] == ["Phường Hạc Thành", "Phường Hạc Thành Mới"]

    client.force_login(district_staff)
    page = client.get(reverse("units:unit.detail", args=[unit.pk])).content.decode()
    assert "Lịch sử thay đổi" in page
    assert "Phường Hạc Thành → Phường Hạc Thành Mới" in page
    assert administrator.full_name in page


def test_role_assignment_created_in_the_admin_is_audited(
    client, area, administrator, user_without_role
):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_roleassignment_add"),
        {
            "user": user_without_role.pk,
            "role": Role.COMMUNE_OFFICIAL,
            "unit": area.hac_thanh_ward.pk,
            "valid_from": "01/07/2025",
            "valid_to": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = RoleAssignment.objects.get(user=user_without_role)
    entry = LogEntry.objects.get_for_object(assignment).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == administrator
    assert entry.changes["role"][1] == Role.COMMUNE_OFFICIAL


def test_role_for_a_commune_official_must_be_a_commune(
    client, area, administrator, user_without_role
):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_roleassignment_add"),
        {
            "user": user_without_role.pk,
            "role": Role.COMMUNE_OFFICIAL,
            "unit": area.thanh_hoa.pk,
            "valid_from": "01/07/2025",
        },
    )
    assert response.status_code == 200
    assert "Cán bộ xã thuộc một đơn vị cấp xã" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=user_without_role).exists()


def test_admin_unit_search_ignores_diacritics(client, area, administrator):
    client.force_login(administrator)
    response = client.get(reverse("admin:units_administrativeunit_changelist"), {"q": "rung thong"})
    assert set(response.context["cl"].result_list) == {
        area.rung_thong_township,
        area.rung_thong_ward,
    }


def test_admin_refuses_staff_who_are_not_administrators(client, area, district_staff):
    district_staff.is_staff = True
    district_staff.save()
    client.force_login(district_staff)
    response = client.get(reverse("admin:units_administrativeunit_changelist"))
    assert response.status_code == 403


def test_admin_audit_log_speaks_vietnamese(client, area, administrator, district_staff):
    client.force_login(administrator)
    client.post(
        reverse("admin:units_administrativeunit_change", args=[area.hac_thanh_ward.pk]),
        {
            "code": area.hac_thanh_ward.code,
            "name": "Phường Hạc Thành Mới",
            "kind": area.hac_thanh_ward.kind,
            "parent": area.hac_thanh_ward.parent_id,
            "valid_from": "01/07/2025",
            "successions_in-TOTAL_FORMS": "0",
            "successions_in-INITIAL_FORMS": "0",
        },
    )

    index = client.get(reverse("admin:index")).content.decode()
    page = client.get(reverse("admin:auditlog_logentry_changelist")).content.decode()

    assert "Mục đăng nhập" not in index
    assert "Mục nhật ký" in index
    for header in ("Thời điểm", "Dữ liệu", "Thao tác", "Thay đổi", "Người dùng", "Mã liên kết"):
        assert f">{header}</" in page, header
    assert "Theo Loại dữ liệu" in page or "Loại dữ liệu" in page
    assert '<td class="field-user_url">hệ thống</td>' in page
    assert '<td class="field-action">sửa</td>' in page
    assert "2 thay đổi: Tên, Hiệu lực từ" in page
    for english in (
        ">Created<",
        ">Resource<",
        ">Changes<",
        ">system<",
        "Correlation ID",
        "change:",
    ):
        assert english not in page
