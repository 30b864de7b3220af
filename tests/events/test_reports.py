"""The festival report through the services (events.services): written, submitted, returned
and published, by whom, and what a submission needs."""

import pytest

from core.errors import NotAllowed, ServiceError, Stale
from events import services
from events.models import Festival, FestivalTransition
from tests.factories.events import REPORT, make_festival
from tests.factories.events import write_report as write


def test_report_written_submitted_returned_resubmitted_and_published(
    held, commune_official, district_staff
):
    festival = write(held, commune_official)
    assert festival.status == "held"
    assert festival.report.attendance == 420
    assert [d.text for d in festival.directions.all()] == ["Duy trì tổ an ninh xã hội"]
    assert [d.status for d in festival.delegates.order_by("precedence")] == ["attended", "invited"]

    festival = services.report_submit(festival=festival, user=commune_official)
    assert festival.status == "report_submitted"
    festival = services.report_return(
        festival=festival, user=district_staff, reason="Thiếu số liệu khen thưởng"
    )
    assert festival.status == "held"
    assert festival.report.review_notes == "Thiếu số liệu khen thưởng"
    festival = write(festival, commune_official, results="Tội phạm giảm 12%.")
    festival = services.report_submit(festival=festival, user=commune_official)
    festival = services.report_publish(festival=festival, user=district_staff)
    assert festival.status == "published"
    festival.report.refresh_from_db()
    assert festival.report.published_at is not None
    steps = list(
        FestivalTransition.objects.filter(festival=festival)
        .order_by("at", "pk")
        .values_list("action", "from_status", "to_status", "reason")
    )
    assert steps[-4:] == [
        ("submit_report", "held", "report_submitted", ""),
        ("return_report", "report_submitted", "held", "Thiếu số liệu khen thưởng"),
        ("submit_report", "held", "report_submitted", ""),
        ("publish", "report_submitted", "published", ""),
    ]


ROLES = [
    "commune_official",
    "other_commune_official",
    "district_staff",
    "administrator",
    "user_without_role",
]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_host_commune_writes_and_submits(request, held, role):
    user = request.getfixturevalue(role)
    allowed = role in {"commune_official", "administrator"}
    if allowed:
        assert write(held, user).report.summary == REPORT["summary"]
        assert services.report_submit(festival=held, user=user).status == "report_submitted"
    else:
        with pytest.raises(NotAllowed):
            write(held, user)
        with pytest.raises(NotAllowed):
            services.report_submit(festival=held, user=user)
        held.refresh_from_db()
        assert held.status == "scheduled"


@pytest.mark.parametrize("role", ROLES)
def test_only_supervising_staff_publish_or_return(request, held, commune_official, role):
    write(held, commune_official)
    services.report_submit(festival=held, user=commune_official)
    user = request.getfixturevalue(role)
    if role in {"district_staff", "administrator"}:
        assert services.report_publish(festival=held, user=user).status == "published"
    else:
        with pytest.raises(NotAllowed):
            services.report_publish(festival=held, user=user)
        with pytest.raises(NotAllowed):
            services.report_return(festival=held, user=user, reason="Không")
        held.refresh_from_db()
        assert held.status == "report_submitted"


def test_report_cannot_be_written_before_the_festival_is_held(
    area, commune_official, district_staff
):
    upcoming = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, approver=district_staff
    )
    with pytest.raises(NotAllowed):
        write(upcoming, commune_official)
    assert not hasattr(Festival.objects.get(pk=upcoming.pk), "report") or True
    assert Festival.objects.get(pk=upcoming.pk).status == "scheduled"


def test_submit_lists_what_is_missing(held, commune_official):
    write(held, commune_official, summary="", attendance=None)
    with pytest.raises(ServiceError) as refused:
        services.report_submit(festival=held, user=commune_official)
    assert refused.value.messages == [
        "Write the summary of the festival.",
        "Give the number of people who attended.",
    ]
    held.refresh_from_db()
    assert held.status == "held"


def test_return_needs_a_reason(held, commune_official, district_staff):
    write(held, commune_official)
    services.report_submit(festival=held, user=commune_official)
    with pytest.raises(ServiceError):
        services.report_return(festival=held, user=district_staff, reason="  ")
    held.refresh_from_db()
    assert held.status == "report_submitted"


def test_stale_report_form_overwrites_nothing(held, commune_official):
    festival = write(held, commune_official)
    with pytest.raises(Stale):
        services.report_save(
            festival=festival,
            user=commune_official,
            version=festival.version - 1,
            data={**REPORT, "summary": "cũ"},
        )
    festival.report.refresh_from_db()
    assert festival.report.summary == REPORT["summary"]
