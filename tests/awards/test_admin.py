import datetime

from django.urls import reverse

from awards.models import AwardForm, IssuingAuthority


def test_administrator_adds_an_award_form_to_the_catalogue(client, administrator, forms):
    client.force_login(administrator)

    response = client.post(
        reverse("admin:awards_awardform_add"),
        {
            "name": "Bằng khen của Bộ trưởng Bộ Công an",
            "code": "bang-khen-bo-cong-an",
            "allows_individual": "on",
            "allows_collective": "on",
            "order": "5",
            "is_active": "on",
        },
    )

    assert response.status_code == 302
    saved = AwardForm.objects.get(code="bang-khen-bo-cong-an")
    assert saved.name == "Bằng khen của Bộ trưởng Bộ Công an"
    assert saved.allows_household is False


def test_administrator_ends_an_authority_term_and_lists_those_no_longer_valid(
    client, administrator, province_chairman, district_chairman
):
    client.force_login(administrator)
    url = reverse("admin:awards_issuingauthority_change", args=[province_chairman.pk])
    page = client.get(url)
    assert page.status_code == 200

    response = client.post(
        url,
        {
            "position": province_chairman.position,
            "unit": province_chairman.unit_id,
            "forms": [f.pk for f in province_chairman.forms.all()],
            "valid_from": "",
            "valid_to": "2025-06-30",
        },
    )

    assert response.status_code == 302
    province_chairman.refresh_from_db()
    assert province_chairman.valid_to == datetime.date(2025, 6, 30)
    listing = client.get(reverse("admin:awards_issuingauthority_changelist"), {"valid": "past"})
    names = [a.position for a in listing.context["cl"].result_list]
    assert sorted(names) == ["Chủ tịch UBND huyện Đông Sơn", "Chủ tịch UBND tỉnh Thanh Hóa"]
    current = client.get(reverse("admin:awards_issuingauthority_changelist"), {"valid": "now"})
    assert list(current.context["cl"].result_list) == []
    assert IssuingAuthority.objects.count() == 2


def test_staff_who_are_not_administrators_cannot_open_the_catalogues(client, district_staff):
    client.force_login(district_staff)

    response = client.get(reverse("admin:awards_awardform_changelist"))

    assert response.status_code == 302
    assert "/login/" in response["Location"]
