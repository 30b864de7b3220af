import pytest
from auditlog.models import LogEntry

from accounts.models import User
from attendees.enums import DelegateCategory, DelegateStatus
from attendees.models import Delegate
from attendees.services import DELEGATE_FIELDS, delegates_mark_attended, delegates_sync
from core.errors import NotAllowed
from events import services
from events.models import Festival, ProgrammeItem
from tests.factories.events import make_festival

pytestmark = pytest.mark.django_db


def _rows(count, start=1):
    return [
        {
            "full_name": f"Đại biểu {n}",
            "position": "Ủy viên",
            "organisation": "UBND phường Đông Sơn",
            "category": DelegateCategory.DELEGATE,
            "precedence": n,
            "status": DelegateStatus.INVITED,
        }
        for n in range(start, start + count)
    ]


def _saved_rows(festival):
    return [
        {"id": d.pk, **{f: getattr(d, f) for f in DELEGATE_FIELDS}}
        for d in festival.delegates.order_by("precedence", "pk")
    ]


def test_delegates_sync_creates_changes_and_removes_rows(area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward, delegates=0)
    delegates_sync(festival=festival, user=commune_official, rows=_rows(3))
    rows = _saved_rows(festival)
    rows[0]["position"] = "Chủ tịch UBND phường"
    del rows[1]

    delegates_sync(festival=festival, user=commune_official, rows=rows)

    assert list(festival.delegates.order_by("precedence").values_list("full_name", "position")) == [
        ("Đại biểu 1", "Chủ tịch UBND phường"),
        ("Đại biểu 3", "Ủy viên"),
    ]
    kept = festival.delegates.get(full_name="Đại biểu 1")
    assert kept.pk == rows[0]["id"]
    # The name only: the public festival search finds festivals through it.
    assert kept.search_text == "dai bieu 1"


def test_delegates_sync_audits_each_created_and_changed_row(area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward, delegates=0)
    delegates_sync(festival=festival, user=commune_official, rows=_rows(2))
    rows = _saved_rows(festival)
    rows[1]["status"] = DelegateStatus.CONFIRMED
    delegates_sync(festival=festival, user=commune_official, rows=rows)

    second = festival.delegates.get(full_name="Đại biểu 2")
    entries = list(LogEntry.objects.get_for_object(second).order_by("pk"))
    assert [(e.action, e.actor) for e in entries] == [
        (LogEntry.Action.CREATE, commune_official),
        (LogEntry.Action.UPDATE, commune_official),
    ]
    assert entries[0].changes_dict["full_name"] == ["None", "Đại biểu 2"]
    assert entries[1].changes_dict == {"status": ["invited", "confirmed"]}


def test_delegates_sync_by_another_commune_is_refused(
    area, commune_official, other_commune_official
):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward, delegates=0)
    with pytest.raises(NotAllowed):
        delegates_sync(festival=festival, user=other_commune_official, rows=_rows(1))
    assert festival.delegates.count() == 0


def test_delegates_mark_attended_sets_ticked_and_unticks_the_others(area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward, delegates=0)
    delegates = delegates_sync(festival=festival, user=commune_official, rows=_rows(3))
    Delegate.objects.filter(pk=delegates[2].pk).update(status=DelegateStatus.ATTENDED)
    Festival.objects.filter(pk=festival.pk).update(status="held")
    festival.refresh_from_db()

    delegates_mark_attended(
        festival=festival, user=commune_official, attended_ids=[str(delegates[0].pk)]
    )

    assert list(festival.delegates.order_by("precedence").values_list("status", flat=True)) == [
        DelegateStatus.ATTENDED,
        DelegateStatus.INVITED,
        DelegateStatus.CONFIRMED,
    ]


def test_festival_update_with_50_delegates_takes_at_most_15_queries(
    area, commune_official, django_assert_max_num_queries
):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward, delegates=0)
    festival = Festival.objects.get(pk=festival.pk)
    programme = [
        {"id": p.pk, **{f: getattr(p, f) for f in services.PROGRAMME_FIELDS}}
        for p in festival.programme_items.all()
    ]
    organisers = [
        {"id": o.pk, **{f: getattr(o, f) for f in services.ORGANISER_FIELDS}}
        for o in festival.organisers.all()
    ]
    data = {f: getattr(festival, f) for f in services.FESTIVAL_FIELDS} | {"year": festival.year}
    user = User.objects.get(pk=commune_official.pk)  # as in a new request: no scope cached

    with django_assert_max_num_queries(15):
        services.festival_update(
            festival=festival,
            user=user,
            version=festival.version,
            data=data,
            organisers=organisers,
            programme=programme,
            delegates=_rows(50),
        )

    assert festival.delegates.count() == 50
    assert festival.delegates.get(full_name="Đại biểu 50").search_text == "dai bieu 50"
    assert "dai bieu" not in Festival.objects.get(pk=festival.pk).search_text


def test_festival_update_links_a_speaker_who_is_a_delegate(area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward, delegates=0)
    programme = [
        {
            "part": "ceremony",
            "kind": "speech",
            "title": "Phát biểu chỉ đạo",
            "speaker_name": "Đại biểu 2",
            "time": None,
        }
    ]
    data = {f: getattr(festival, f) for f in services.FESTIVAL_FIELDS} | {"year": festival.year}

    services.festival_update(
        festival=festival,
        user=commune_official,
        version=festival.version,
        data=data,
        programme=programme,
        delegates=_rows(2),
    )

    item = ProgrammeItem.objects.get(festival=festival)
    assert item.speaker == festival.delegates.get(full_name="Đại biểu 2")
