import datetime

from accounts.enums import Role
from accounts.selectors import unit_in_scope, units_for_user, user_scope
from tests.factories.accounts import RoleFactory


def test_commune_official_sees_its_unit_and_the_units_it_succeeded(area, commune_official):
    visible = set(units_for_user(commune_official))
    assert visible == {area.dong_son_ward, area.rung_thong_ward, area.rung_thong_township}


def test_district_staff_see_everything_below_their_province_as_it_ever_stood(area, district_staff):
    visible = set(units_for_user(district_staff))
    assert visible == {
        area.thanh_hoa,
        area.dong_son_district,
        area.thanh_hoa_city,
        area.rung_thong_township,
        area.rung_thong_ward,
        area.dong_son_ward,
        area.hac_thanh_ward,
    }


def test_district_of_the_past_sees_its_communes(area):
    user = RoleFactory(
        role=Role.DISTRICT_STAFF, unit=area.dong_son_district, valid_from=datetime.date(2020, 1, 1)
    ).user
    assert set(units_for_user(user)) == {
        area.dong_son_district,
        area.rung_thong_township,
    }


def test_administrator_sees_everything(area, administrator):
    assert units_for_user(administrator).count() == 9
    assert unit_in_scope(administrator, area.other_commune)


def test_expired_role_gives_no_scope(area):
    user = RoleFactory(
        role=Role.COMMUNE_OFFICIAL,
        unit=area.dong_son_ward,
        valid_from=datetime.date(2025, 7, 1),
        valid_to=datetime.date(2025, 12, 31),
    ).user
    assert user_scope(user).roles == frozenset()
    assert units_for_user(user).count() == 0


def test_user_without_role_sees_nothing(area, user_without_role):
    assert units_for_user(user_without_role).count() == 0
    assert not unit_in_scope(user_without_role, area.dong_son_ward)


def test_rules_predicates_answer_per_object(area, commune_official, district_staff):
    assert commune_official.has_perm("units.view_unit_in_scope", area.rung_thong_township)
    assert not commune_official.has_perm("units.view_unit_in_scope", area.hac_thanh_ward)
    assert district_staff.has_perm("units.view_unit_in_scope", area.hac_thanh_ward)
    assert not district_staff.has_perm("units.view_unit_in_scope", area.other_commune)


def test_scope_checks_in_a_loop_cost_one_query(area, district_staff, django_assert_num_queries):
    units = [
        area.dong_son_ward,
        area.hac_thanh_ward,
        area.rung_thong_township,
        area.other_commune,
        area.thanh_hoa,
    ]
    user_scope(district_staff)  # the roles, loaded with the user on every request
    with django_assert_num_queries(1):
        answers = [unit_in_scope(district_staff, unit) for unit in units * 5]
    assert answers == [True, True, True, False, True] * 5


def test_scope_checks_by_role_count_only_that_roles_units(area):
    user = RoleFactory(role=Role.COMMUNE_OFFICIAL, unit=area.dong_son_ward).user
    RoleFactory(user=user, role=Role.DISTRICT_STAFF, unit=area.thanh_hoa)
    assert unit_in_scope(user, area.hac_thanh_ward)
    assert not unit_in_scope(user, area.hac_thanh_ward, roles={Role.COMMUNE_OFFICIAL})
    assert unit_in_scope(user, area.rung_thong_township, roles={Role.COMMUNE_OFFICIAL})
    assert not unit_in_scope(user, area.other_commune)
