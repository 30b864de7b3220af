"""Who may record awards: district staff (and administrators) for authorities and festivals in
their scope; commune officials read their own commune's awards."""

import rules

from accounts.enums import Role
from accounts.rules import is_administrator, is_district_staff
from accounts.selectors import unit_in_scope


@rules.predicate
def supervises_authority(user, decision):
    return decision is not None and unit_in_scope(
        user, decision.authority.unit_id, roles={Role.DISTRICT_STAFF}
    )


@rules.predicate
def supervises_festival(user, festival):
    return festival is not None and unit_in_scope(
        user, festival.host_unit_id, roles={Role.DISTRICT_STAFF}
    )


can_record = rules.is_authenticated & (is_district_staff | is_administrator)

rules.add_perm("awards.record", can_record)
rules.add_perm("awards.change_decision", rules.is_authenticated & supervises_authority)
rules.add_perm("awards.record_tributes", rules.is_authenticated & supervises_festival)
# The decision's PDF lists every recipient: only those who record the decision read it.
rules.add_perm("awards.download_decision", rules.is_authenticated & supervises_authority)
