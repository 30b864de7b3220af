"""Who may do what with a festival: role and scope, then the festival's state."""

import rules

from accounts.enums import Role
from accounts.rules import is_administrator, is_commune_official
from accounts.selectors import unit_in_scope
from events.enums import (
    BEFORE_HELD_STATUSES,
    CANCELLABLE_STATUSES,
    EDITABLE_STATUSES,
    FestivalStatus,
)


@rules.predicate
def is_host_commune_official(user, festival):
    return festival is not None and unit_in_scope(
        user, festival.host_unit_id, roles={Role.COMMUNE_OFFICIAL}
    )


@rules.predicate
def is_supervising_staff(user, festival):
    return festival is not None and unit_in_scope(
        user, festival.host_unit_id, roles={Role.DISTRICT_STAFF}
    )


@rules.predicate
def is_in_festival_scope(user, festival):
    return festival is not None and unit_in_scope(user, festival.host_unit_id)


@rules.predicate
def is_editable(_user, festival):
    return festival is not None and festival.status in EDITABLE_STATUSES


@rules.predicate
def is_submitted(_user, festival):
    return festival is not None and festival.status == FestivalStatus.SUBMITTED


@rules.predicate
def is_before_held(_user, festival):
    return festival is not None and festival.effective_status in BEFORE_HELD_STATUSES


@rules.predicate
def is_cancellable(_user, festival):
    return festival is not None and festival.effective_status in CANCELLABLE_STATUSES


@rules.predicate
def is_upcoming_scheduled(_user, festival):
    return festival is not None and festival.effective_status == FestivalStatus.SCHEDULED


can_plan = is_host_commune_official
can_supervise = is_supervising_staff

rules.add_perm("events.create", rules.is_authenticated & (is_commune_official | is_administrator))
rules.add_perm("events.view", rules.is_authenticated & is_in_festival_scope)
rules.add_perm("events.edit", can_plan & is_editable)
rules.add_perm("events.submit", can_plan & is_editable)
rules.add_perm("events.approve", can_supervise & is_submitted)
rules.add_perm("events.return", can_supervise & is_submitted)
rules.add_perm("events.cancel", (can_plan | can_supervise) & is_cancellable)
rules.add_perm("events.postpone", (can_plan | can_supervise) & is_before_held)
rules.add_perm("events.reschedule", can_supervise & is_upcoming_scheduled)
# The movement models a festival showcases: chosen by its planners and supervisors, in any state.
rules.add_perm(
    "events.set_showcased_models",
    rules.is_authenticated & (is_host_commune_official | is_supervising_staff),
)
