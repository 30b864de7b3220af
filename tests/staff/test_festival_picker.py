"""Choosing a festival by searching (events:festival.picker), in the award editor and in the
decision list's filter bar, instead of a drop-down of every festival of the province."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from awards.models import Award
from events.pickers import festival_picker_label
from tests.conftest import in_vietnamese
from tests.factories.events import make_festival

pytestmark = pytest.mark.django_db


def picked(client, **params):
    """The festival ids and labels the picker offers."""
    response = client.get(reverse("events:festival.picker"), params)
    assert response.status_code == 200
    return [
        (int(pk), label)
        for pk, label in re.findall(r'<option value="(\d+)">([^<]*)</option>', response.text)
    ]


def test_picker_offers_only_festivals_in_scope(
    client,
    district_staff,
    commune_official,
    dong_son_festival,
    hac_thanh_festival,
    nghe_an_festival,
):
    client.force_login(district_staff)
    assert {pk for pk, _label in picked(client, q="ngay hoi")} == {
        dong_son_festival.pk,
        hac_thanh_festival.pk,
    }
    # Another province's festival is never offered, not even by its exact title.
    assert picked(client, q="ANTQ phường Vinh Phú") == []

    client.force_login(commune_official)
    assert [pk for pk, _label in picked(client, q="ngay hoi")] == [dong_son_festival.pk]


def test_picker_reads_what_the_search_box_sends_and_labels_with_host_and_day(
    client, district_staff, dong_son_festival
):
    client.force_login(district_staff)
    day = dong_son_festival.starts_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    assert picked(client, **{"awards-3-festival_search": "dong son"}) == [
        (
            dong_son_festival.pk,
            f"Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn — Phường Đông Sơn ({day:%d/%m/%Y})",
        )
    ]


def test_picker_with_a_year_offers_that_year_and_the_years_either_side(
    client, area, commune_official, district_staff
):
    festivals = {
        year: make_festival(
            user=commune_official,
            host_unit=area.dong_son_ward,
            day=datetime.date(year, 8, 19),
            title=f"Ngày hội năm {year}",
        )
        for year in (2021, 2023, 2024, 2025, 2027)
    }
    client.force_login(district_staff)
    assert [pk for pk, _label in picked(client, q="ngay hoi nam", around="2024")] == [
        festivals[2025].pk,
        festivals[2024].pk,
        festivals[2023].pk,
    ]
    assert len(picked(client, q="ngay hoi nam", around="abc")) == 5


def test_picker_asks_for_two_letters(client, district_staff, dong_son_festival):
    client.force_login(district_staff)
    response = client.get(reverse("events:festival.picker"), {"q": "n"})
    assert response.text.strip() == (
        f'<option value="">{in_vietnamese("Type at least two letters")}</option>'
    )


def errors_of(form, name):
    with translation.override("vi"):
        return [str(error) for error in form.errors[name]]


def select_of(page, name):
    return page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]


def test_award_editor_shows_each_row_festival_by_name_without_listing_every_festival(
    client, area, commune_official, district_staff, recorded, dong_son_festival
):
    for n in range(5):
        make_festival(user=commune_official, host_unit=area.dong_son_ward, title=f"Khác {n}")
    client.force_login(district_staff)

    page = client.get(recorded.get_absolute_url()).text

    row = select_of(page, "awards-0-festival")
    assert row.count("<option") == 2  # none, and the chosen festival
    assert f'<option value="{dong_son_festival.pk}" selected>' in row
    assert "Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn — Phường Đông Sơn" in row
    assert select_of(page, "awards-3-festival").count("<option") == 1
    assert "Khác 0" not in page
    assert f'hx-get="{reverse("events:festival.picker")}?around={recorded.date.year}"' in page


def editor_post(decision, festival_value, *, typed=""):
    award = decision.awards.order_by("order", "pk").first()
    return {
        "version": str(decision.version),
        "_action": "save",
        "awards-TOTAL_FORMS": "1",
        "awards-INITIAL_FORMS": "1",
        "awards-MIN_NUM_FORMS": "0",
        "awards-MAX_NUM_FORMS": "300",
        "awards-0-id": str(award.pk),
        "awards-0-order": "1",
        "awards-0-form": str(award.form_id),
        "awards-0-recipient_kind": award.recipient_kind,
        "awards-0-recipient_name": award.recipient_name,
        "awards-0-amount": "",
        "awards-0-festival": festival_value,
        "awards-0-festival_search": typed,
    }


def test_award_editor_refuses_a_festival_outside_scope(
    client, district_staff, recorded, nghe_an_festival
):
    client.force_login(district_staff)
    before = list(Award.objects.filter(decision=recorded).values_list("festival_id", flat=True))

    response = client.post(
        recorded.get_absolute_url(), editor_post(recorded, str(nghe_an_festival.pk))
    )

    assert response.status_code == 400
    assert errors_of(response.context["formset"].forms[0], "festival") == [
        in_vietnamese("Select a valid choice. That choice is not one of the available choices.")
    ]
    assert "Vinh Phú" not in response.text
    assert (
        list(Award.objects.filter(decision=recorded).values_list("festival_id", flat=True))
        == before
    )


def test_award_editor_takes_a_typed_festival_when_one_matches(
    client, district_staff, recorded, hac_thanh_festival
):
    client.force_login(district_staff)

    response = client.post(
        recorded.get_absolute_url(), editor_post(recorded, "", typed="hac thanh")
    )

    assert response.status_code == 302
    assert [a.festival for a in Award.objects.filter(decision=recorded)] == [hac_thanh_festival]


def test_award_editor_says_when_a_typed_festival_matches_several(
    client, district_staff, recorded, dong_son_festival, hac_thanh_festival
):
    client.force_login(district_staff)

    response = client.post(recorded.get_absolute_url(), editor_post(recorded, "", typed="phuong"))

    assert response.status_code == 400
    names = "; ".join(festival_picker_label(f) for f in [hac_thanh_festival, dong_son_festival])
    assert errors_of(response.context["formset"].forms[0], "festival") == [
        in_vietnamese(
            "Several festivals match “%(text)s”: %(names)s. Type more of the title or choose "
            "one in the list.",
            text="phuong",
            names=names,
        )
    ]
    assert Award.objects.filter(decision=recorded).count() == 4


def test_decision_list_filter_bar_reads_sensibly(client, district_staff, recorded):
    client.force_login(district_staff)

    page = client.get(reverse("awards:decision.list")).text

    assert "---------" not in page
    assert f'<option value="" selected>{in_vietnamese("All issuing authorities")}</option>' in page
    assert f'<option value="" selected>{in_vietnamese("All award forms")}</option>' in page
    festival = select_of(page, "festival")
    assert festival.count("<option") == 1
    assert in_vietnamese("All festivals") in festival
    assert '<select name="authority" class="form-select"' in page
    assert '<select name="form" class="form-select"' in page


def test_decision_list_filters_by_a_typed_festival(
    client, district_staff, recorded, hac_thanh_festival
):
    client.force_login(district_staff)

    response = client.get(reverse("awards:decision.list"), {"festival_search": "hac thanh"})

    assert [d.number for d in response.context["page"].object_list] == ["125/QĐ-UBND"]
    assert f'<option value="{hac_thanh_festival.pk}" selected>' in select_of(
        response.text, "festival"
    )


def test_decision_list_says_when_no_festival_in_scope_matches(
    client, district_staff, recorded, nghe_an_festival
):
    client.force_login(district_staff)

    response = client.get(reverse("awards:decision.list"), {"festival": str(nghe_an_festival.pk)})

    assert response.status_code == 200
    assert errors_of(response.context["filters"], "festival") == [
        in_vietnamese("Select a valid choice. That choice is not one of the available choices.")
    ]
    assert "Vinh Phú" not in response.text


def test_export_with_a_wrong_filter_goes_back_to_the_list(client, district_staff, recorded):
    client.force_login(district_staff)

    response = client.get(
        reverse("awards:award.export", args=["csv"]), {"festival_search": "khong co ngay hoi nao"}
    )

    assert response.status_code == 302
    assert response["Location"] == (
        reverse("awards:decision.list") + "?festival_search=khong+co+ngay+hoi+nao"
    )
