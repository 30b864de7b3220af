import datetime

from awards.forms import DecisionForm


def offered(form):
    return [label for value, label in form.fields["authority"].widget.choices if value]


def test_new_decision_form_offers_only_authorities_in_office_today(
    district_staff, province_chairman, district_chairman
):
    form = DecisionForm(user=district_staff)

    assert offered(form) == ["Chủ tịch UBND tỉnh Thanh Hóa"]


def test_decision_form_dated_before_the_reform_offers_the_district_chairman(
    district_staff, province_chairman, district_chairman
):
    form = DecisionForm({"date": "2024-08-19"}, user=district_staff)

    assert offered(form) == ["Chủ tịch UBND huyện Đông Sơn", "Chủ tịch UBND tỉnh Thanh Hóa"]


def test_decision_form_keeps_offering_the_authority_an_old_decision_has(
    district_staff, province_chairman, district_chairman
):
    form = DecisionForm(
        user=district_staff,
        initial={"authority": district_chairman, "date": datetime.date(2025, 8, 1)},
    )

    assert "Chủ tịch UBND huyện Đông Sơn" in offered(form)


def test_decision_form_with_an_unreadable_date_offers_todays_authorities(
    district_staff, province_chairman, district_chairman
):
    form = DecisionForm({"date": "19/19/2024"}, user=district_staff)

    assert offered(form) == ["Chủ tịch UBND tỉnh Thanh Hóa"]
    assert not form.is_valid()
