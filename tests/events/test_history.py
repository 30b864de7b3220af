"""A festival's history names its rows (delegates, programme), deleted ones included, and
credits the automatic "held" step to the system."""

from auditlog.models import LogEntry
from django.urls import reverse

from attendees.models import Delegate
from core.audit import audit_entries_for
from events import services
from events.models import FestivalTransition
from tests.factories.events import make_festival
from tests.factories.events import write_report as write


def rows(festival):
    return {
        "organisers": [
            {"id": o.pk, "name": o.name, "role": o.role} for o in festival.organisers.all()
        ],
        "programme": [
            {
                "id": p.pk,
                "part": p.part,
                "time": p.time,
                "kind": p.kind,
                "title": p.title,
                "speaker_name": p.speaker_name,
            }
            for p in festival.programme_items.all()
        ],
    }


def test_removing_a_delegate_is_in_the_festivals_history_with_its_name(area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward, delegates=2)
    kept, removed = festival.delegates.order_by("precedence")
    festival = services.festival_update(
        festival=festival,
        user=commune_official,
        version=festival.version,
        data={},
        delegates=[
            {
                "id": kept.pk,
                "full_name": kept.full_name,
                "position": kept.position,
                "organisation": kept.organisation,
                "category": kept.category,
                "precedence": kept.precedence,
                "status": kept.status,
            }
        ],
        **rows(festival),
    )

    assert not Delegate.objects.filter(pk=removed.pk).exists()
    entry = LogEntry.objects.get(object_id=removed.pk, action=LogEntry.Action.DELETE)
    assert entry.actor == commune_official
    assert entry.additional_data["parent"] == f"events.festival:{festival.pk}"
    assert entry.additional_data["parent_repr"] == str(festival)
    assert entry.changes["full_name"] == [removed.full_name, "None"]

    history = audit_entries_for(festival, with_rows=True)
    subjects = [row.subject for row in history]
    assert f"Delegate «{removed}»" in subjects
    assert f"Programme item «{festival.programme_items.first()}»" in subjects
    assert "" in subjects  # the festival's own entries
    assert audit_entries_for(festival) == [row for row in history if not row.subject]


def test_the_staff_festival_page_lists_row_changes(client, area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward, delegates=1)
    delegate = festival.delegates.get()
    client.force_login(commune_official)

    page = client.get(reverse("events:festival.detail", args=[festival.pk])).content.decode()

    assert f"Đại biểu «{delegate}»" in page  # the page speaks Vietnamese by default


def test_the_held_step_is_credited_to_the_system(held, commune_official):
    festival = write(held, commune_official)

    step = FestivalTransition.objects.filter(festival=festival).order_by("at", "pk").last()
    assert (step.action, step.from_status, step.to_status, step.user) == (
        "held",
        "scheduled",
        "held",
        None,
    )
    status_entries = [
        e for e in LogEntry.objects.get_for_object(festival) if "status" in (e.changes or {})
    ]
    held_entry = status_entries[0]  # newest first
    assert held_entry.changes["status"] == ["scheduled", "held"]
    assert held_entry.actor is None


def test_a_decisions_history_lists_award_rows_for_those_who_may_change_it(
    client, recorded, district_staff, commune_official
):
    client.force_login(district_staff)
    url = reverse("awards:decision.detail", args=[recorded.pk])
    names = [a.recipient_name for a in recorded.awards.all()]

    staff_page = client.get(url).content.decode()
    client.force_login(commune_official)
    commune_page = client.get(url).content.decode()

    assert all(f"— {name}»" in staff_page for name in names)
    assert not any(f"— {name}»" in commune_page for name in names)
