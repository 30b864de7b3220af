"""Who may do what with a festival: role and scope, then the festival's state.

The lifecycle permissions come from the transition table (events.lifecycle): each step is allowed
to its actors while the festival is in one of the step's source states.
"""

import rules

from accounts.enums import Role
from accounts.rules import is_administrator, is_commune_official
from accounts.selectors import unit_in_scope
from events.enums import FestivalStatus, TransitionAction
from events.lifecycle import PLANNER, SUPERVISOR, TRANSITIONS
from events.states import EDITABLE


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


def in_states(states):
    """A predicate: the festival is, as a person sees it, in one of `states`."""
    names = "_".join(sorted(states))

    @rules.predicate(name=f"is_{names}")
    def predicate(_user, festival):
        return festival is not None and festival.effective_status in states

    return predicate


@rules.predicate
def was_never_submitted(_user, festival):
    """No step of the festival's history submitted it (the history prefetched costs no query)."""
    if festival is None or festival.pk is None:
        return False
    steps = getattr(festival, "_prefetched_objects_cache", {}).get("transitions")
    if steps is not None:
        return not any(step.action == TransitionAction.SUBMIT for step in steps)
    return not festival.transitions.filter(action=TransitionAction.SUBMIT).exists()


ACTORS = {PLANNER: is_host_commune_official, SUPERVISOR: is_supervising_staff}


def _actors(names):
    predicates = [ACTORS[name] for name in sorted(names)]
    combined = predicates[0]
    for predicate in predicates[1:]:
        combined |= predicate
    return combined


can_plan = is_host_commune_official
can_supervise = is_supervising_staff

rules.add_perm("events.create", rules.is_authenticated & (is_commune_official | is_administrator))
rules.add_perm("events.view", rules.is_authenticated & is_in_festival_scope)
rules.add_perm("events.edit", can_plan & in_states(EDITABLE))
# A draft the district never saw goes away at its commune's wish; once submitted, the plan is
# part of the record (it can be cancelled, with a reason, instead). District staff plan nothing
# and delete nothing.
rules.add_perm("events.delete", can_plan & in_states({FestivalStatus.DRAFT}) & was_never_submitted)
rules.add_perm("events.reschedule", can_supervise & in_states({FestivalStatus.SCHEDULED}))

# One permission per step of the table; steps that share a permission (return and publish of a
# report) share their actors and source states.
for _transition in TRANSITIONS.values():
    if not rules.perm_exists(_transition.perm):
        rules.add_perm(
            _transition.perm, _actors(_transition.actors) & in_states(_transition.sources)
        )

# Photos and documents: changed by the host commune and the supervising staff (the services also
# require the festival to have been held, with a message of their own).
rules.add_perm(
    "events.manage_photos",
    rules.is_authenticated & (is_host_commune_official | is_supervising_staff | is_administrator),
)
# What the commune adds to or changes on a published report waits for the supervising staff
# (events.reviews): they, and administrators, approve it or turn it down.
rules.add_perm(
    "events.review_media",
    rules.is_authenticated & (is_supervising_staff | is_administrator),
)
# The movement models a festival showcases: chosen by its planners and supervisors, in any state.
rules.add_perm(
    "events.set_showcased_models",
    rules.is_authenticated & (is_host_commune_official | is_supervising_staff),
)


@rules.predicate
def is_public_document(_user, document):
    return (
        document is not None
        and document.is_public
        and document.is_approved
        and document.festival.is_public
    )


@rules.predicate
def is_in_document_scope(user, document):
    return document is not None and unit_in_scope(user, document.festival.host_unit_id)


# A document's file: the public reads the public documents of public festivals; staff read every
# document of the festivals in their scope.
rules.add_perm(
    "events.download_document",
    is_public_document | (rules.is_authenticated & is_in_document_scope),
)
