"""Permission predicates, used the same way in views and templates."""

import rules

from accounts.enums import Role
from accounts.selectors import scope_unit_of, unit_in_scope, user_scope


@rules.predicate
def is_administrator(user):
    return user_scope(user).everything


@rules.predicate
def is_district_staff(user):
    return user_scope(user).has_role(Role.DISTRICT_STAFF)


@rules.predicate
def is_commune_official(user):
    return user_scope(user).has_role(Role.COMMUNE_OFFICIAL)


@rules.predicate
def has_any_role(user):
    return user_scope(user).is_staff_member


@rules.predicate
def is_in_scope(user, obj):
    if obj is None:
        return False
    return unit_in_scope(user, scope_unit_of(obj))


can_use_staff_area = rules.is_authenticated & has_any_role
can_view_in_scope = rules.is_authenticated & is_in_scope

rules.add_perm("accounts.use_staff_area", can_use_staff_area)
rules.add_perm("units.view_unit_in_scope", can_view_in_scope)
