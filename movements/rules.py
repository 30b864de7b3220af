"""Who may do what with movement models, and with the models a festival showcases."""

import rules

from accounts.enums import Role
from accounts.rules import is_administrator, is_commune_official, is_district_staff
from accounts.selectors import unit_in_scope

# Commune officials keep their own commune's models; district staff may edit those in their scope.
KEEPER_ROLES = frozenset({Role.COMMUNE_OFFICIAL, Role.DISTRICT_STAFF})


@rules.predicate
def is_in_model_scope(user, model):
    return model is not None and unit_in_scope(user, model.unit_id)


@rules.predicate
def keeps_model(user, model):
    return model is not None and unit_in_scope(user, model.unit_id, roles=KEEPER_ROLES)


@rules.predicate
def keeps_models_of_unit(user, unit):
    return unit is not None and unit_in_scope(user, unit, roles=KEEPER_ROLES)


can_keep_models = rules.is_authenticated & (
    is_commune_official | is_district_staff | is_administrator
)

rules.add_perm("movements.create", can_keep_models)
rules.add_perm("movements.create_for_unit", rules.is_authenticated & keeps_models_of_unit)
rules.add_perm("movements.view", rules.is_authenticated & is_in_model_scope)
rules.add_perm("movements.edit", rules.is_authenticated & keeps_model)
rules.add_perm("movements.change_status", rules.is_authenticated & keeps_model)
rules.add_perm("movements.delete", rules.is_authenticated & keeps_model)
