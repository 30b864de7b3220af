"""Festival rows (events/models.py): the status a festival shows and what counts as announced."""

import datetime

from events.models import Festival
from tests.factories.events import make_festival


def test_held_festival_counts_as_held_without_a_button(area, commune_official, district_staff):
    past = datetime.date.today() - datetime.timedelta(days=40)
    festival = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, day=past, approver=district_staff
    )
    assert festival.status == "scheduled"
    assert festival.effective_status == "held"
    assert list(Festival.objects.announced()) == []
