"""core.rows.rows_sync, on a model of the project (a festival's organisers)."""

import pytest
from auditlog.models import LogEntry

from core.rows import rows_sync
from events.models import Organiser
from tests.factories.events import make_festival

pytestmark = pytest.mark.django_db


def _sync(festival, rows, user):
    return rows_sync(
        existing=festival.organisers.all(),
        rows=rows,
        fields=["name", "role"],
        new=lambda: Organiser(festival=festival),
        order_field="order",
        actor=user,
    )


def test_rows_sync_numbers_rows_in_the_order_given(area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    festival.organisers.all().delete()
    first, second = _sync(
        festival,
        [
            {"name": "Ban Chỉ đạo 138", "role": "directing"},
            {"name": "Công an phường", "role": "lead"},
        ],
        commune_official,
    )

    _sync(
        festival,
        [
            {"id": second.pk, "name": second.name, "role": "lead"},
            {"id": first.pk, "name": first.name, "role": "directing"},
        ],
        commune_official,
    )

    assert list(festival.organisers.order_by("order").values_list("pk", "order")) == [
        (second.pk, 1),
        (first.pk, 2),
    ]


def test_rows_sync_writes_nothing_when_nothing_changed(
    area, commune_official, django_assert_num_queries
):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    festival.organisers.all().delete()
    (row,) = _sync(festival, [{"name": "Công an phường", "role": "lead"}], commune_official)
    entries = LogEntry.objects.count()

    with django_assert_num_queries(1):
        _sync(
            festival, [{"id": row.pk, "name": "Công an phường", "role": "lead"}], commune_official
        )

    assert LogEntry.objects.count() == entries


def test_rows_sync_removes_unnamed_rows_and_ignores_unknown_ids(area, commune_official):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    festival.organisers.all().delete()
    kept, gone = _sync(
        festival, [{"name": "A", "role": "lead"}, {"name": "B", "role": "lead"}], commune_official
    )

    result = _sync(
        festival,
        [
            {"id": kept.pk, "name": "A", "role": "lead"},
            {"id": 999_999, "name": "C", "role": "lead"},
        ],
        commune_official,
    )

    assert [o.name for o in result] == ["A", "C"]
    assert set(festival.organisers.values_list("name", flat=True)) == {"A", "C"}
    assert not Organiser.objects.filter(pk=gone.pk).exists()
