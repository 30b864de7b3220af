"""The lifecycle table (events.lifecycle) and the state a person sees (events.states)."""

import datetime

import pytest
import rules
from django.utils import timezone

from events.enums import FestivalStatus, TransitionAction
from events.lifecycle import PLAN_ACTIONS, REPORT_ACTIONS, TRANSITIONS
from events.models import Festival, FestivalTransition
from events.services import festival_transition
from events.states import HELD_OR_LATER, PUBLIC, effective_status, effective_status_q
from tests.factories.events import make_festival

S = FestivalStatus


def test_every_transition_action_but_create_reschedule_and_held_is_a_row_of_the_table():
    # Held is no one's step: the system records it when the festival's last day has passed.
    assert set(TRANSITIONS) == set(TransitionAction) - {
        TransitionAction.CREATE,
        TransitionAction.RESCHEDULE,
        TransitionAction.HELD,
    }
    assert set(PLAN_ACTIONS.values()) | set(REPORT_ACTIONS.values()) == set(TRANSITIONS)


def test_every_row_has_a_registered_permission():
    assert all(rules.perm_exists(t.perm) for t in TRANSITIONS.values())


def test_steps_sharing_a_permission_share_their_actors_and_sources():
    by_perm = {}
    for transition in TRANSITIONS.values():
        by_perm.setdefault(transition.perm, set()).add((transition.actors, transition.sources))
    assert all(len(shapes) == 1 for shapes in by_perm.values())


def test_effective_status_of_a_scheduled_festival_that_ended_is_held():
    now = timezone.now()
    assert effective_status("scheduled", now - datetime.timedelta(hours=1), now) == S.HELD
    assert effective_status("scheduled", now + datetime.timedelta(hours=1), now) == S.SCHEDULED
    assert effective_status("draft", now - datetime.timedelta(hours=1), now) == S.DRAFT


@pytest.mark.django_db
def test_effective_status_q_finds_what_effective_status_says(
    area, commune_official, district_staff
):
    today = datetime.date.today()
    ended = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=today - datetime.timedelta(days=3),
        approver=district_staff,
    )
    ahead = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=today + datetime.timedelta(days=3),
        approver=district_staff,
    )
    draft = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    festivals = [ended, ahead, draft]
    for status in S:
        found = set(
            Festival.objects.filter(effective_status_q(status)).values_list("pk", flat=True)
        )
        assert found == {f.pk for f in festivals if f.effective_status == status}, status
    assert [f.is_public for f in festivals] == [False, True, False]
    assert ended.effective_status in HELD_OR_LATER
    assert S.HELD not in PUBLIC


@pytest.mark.django_db
def test_festival_transition_writes_history_and_bumps_the_version(area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    version = festival.version

    festival = festival_transition(
        festival=festival, user=commune_official, action=TransitionAction.SUBMIT
    )

    assert (festival.status, festival.version) == (S.SUBMITTED, version + 1)
    entry = FestivalTransition.objects.filter(festival=festival).latest("pk")
    assert (entry.action, entry.from_status, entry.to_status, entry.user) == (
        "submit",
        "draft",
        "submitted",
        commune_official,
    )
