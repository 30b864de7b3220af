"""The festival lifecycle and the writes behind the planning pages (events/services.py)."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from attendees.enums import DelegateCategory, DelegateStatus
from attendees.models import Delegate
from core.errors import NotAllowed, ServiceError, Stale
from events import services
from events.enums import (
    FestivalStatus,
    OrganiserRole,
    ProgrammeKind,
    ProgrammePart,
    TransitionAction,
)
from events.models import Festival, FestivalTransition, Organiser, ProgrammeItem

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def local(year, month, day, hour=7, minute=30):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


def in_days(days, hour=7):
    """A moment `days` from today, Vietnam time, so "upcoming" and "held" never go stale."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=VIETNAM)


def organiser_row(name, role=OrganiserRole.LEAD, **extra):
    return {"name": name, "role": role, **extra}


def programme_row(
    title,
    *,
    kind=ProgrammeKind.SPEECH,
    part=ProgrammePart.CEREMONY,
    time=None,
    speaker_name="",
    **extra,
):
    return {
        "part": part,
        "time": time,
        "kind": kind,
        "title": title,
        "speaker_name": speaker_name,
        **extra,
    }


def delegate_row(
    full_name,
    *,
    position="",
    organisation="",
    category=DelegateCategory.DELEGATE,
    precedence=0,
    status=DelegateStatus.INVITED,
    **extra,
):
    return {
        "full_name": full_name,
        "position": position,
        "organisation": organisation,
        "category": category,
        "precedence": precedence,
        "status": status,
        **extra,
    }


def festival_data(*, starts_at, ends_at, **overrides):
    """Every field the planning form sends, as the form would clean it."""
    year_of = starts_at or ends_at
    return {
        "year": timezone.localtime(year_of).year if year_of else 2026,
        "title": "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        "starts_at": starts_at,
        "ends_at": ends_at,
        "venue": "Nhà văn hóa khu phố 3",
        "address": "Khu phố 3, phường Đông Sơn",
        "pilot_level": "",
        "plan_number": "45/KH-UBND",
        "expected_attendance": 300,
        "description": "",
        **overrides,
    }


def plan(
    user,
    host_unit,
    *,
    starts_at=None,
    ends_at=None,
    organisers=None,
    programme=None,
    delegates=None,
    **data,
):
    """A draft that is ready to submit unless the caller leaves something out."""
    starts_at = starts_at if starts_at is not None else in_days(30)
    ends_at = ends_at if ends_at is not None else starts_at + datetime.timedelta(hours=4)
    return services.festival_create(
        user=user,
        host_unit=host_unit,
        data=festival_data(starts_at=starts_at, ends_at=ends_at, **data),
        organisers=[organiser_row("Ban Chỉ đạo ANTT phường Đông Sơn")]
        if organisers is None
        else organisers,
        programme=[programme_row("Khai mạc", kind=ProgrammeKind.OPENING)]
        if programme is None
        else programme,
        delegates=[delegate_row("Nguyễn Ngọc Tiến", position="Chủ tịch UBND tỉnh")]
        if delegates is None
        else delegates,
    )


def festival_in(state, *, planner, supervisor, host_unit):
    """A festival of `host_unit` brought to `state` the way people would bring it there."""
    if state == "held":
        festival = plan(planner, host_unit, starts_at=in_days(-10), ends_at=in_days(-10, hour=11))
    else:
        festival = plan(planner, host_unit)
    if state == "draft":
        return festival
    if state == "cancelled":
        return services.festival_cancel(festival=festival, user=planner, reason="Mưa bão")
    if state == "postponed":
        return services.festival_postpone(festival=festival, user=planner, reason="Mưa bão")
    festival = services.festival_submit(festival=festival, user=planner)
    if state == "submitted":
        return festival
    # "scheduled" and "held" are both approved; "held" has simply ended since.
    return services.festival_approve(festival=festival, user=supervisor)


def transition_rows(festival):
    return list(
        festival.transitions.order_by("pk").values_list(
            "action", "user", "from_status", "to_status", "reason"
        )
    )


# --- who may do what, in which state ---------------------------------------------------------

ROLE_FIXTURES = {
    "host_official": "commune_official",
    "other_official": "other_commune_official",
    "district_staff": "district_staff",
    "administrator": "administrator",
    "no_role": "user_without_role",
}
STATES = ["draft", "submitted", "scheduled", "held", "cancelled", "postponed"]
ACTIONS = ["submit", "approve", "return", "cancel", "postpone", "reschedule"]

PLANNERS = {"host_official", "administrator"}
SUPERVISORS = {"district_staff", "administrator"}
# DESIGN.md §3: commune officials submit; supervisors approve, return and move the date; either may
# cancel or postpone before the festival is held, and a postponed festival may still be cancelled.
# Administrators may do anything staff can.
ALLOWED = {
    "submit": {"draft": PLANNERS, "postponed": PLANNERS},
    "approve": {"submitted": SUPERVISORS},
    "return": {"submitted": SUPERVISORS},
    "cancel": dict.fromkeys(
        ["draft", "submitted", "scheduled", "postponed"], PLANNERS | SUPERVISORS
    ),
    "postpone": dict.fromkeys(["draft", "submitted", "scheduled"], PLANNERS | SUPERVISORS),
    "reschedule": {"scheduled": SUPERVISORS},
}
TO_STATUS = {
    "submit": FestivalStatus.SUBMITTED,
    "approve": FestivalStatus.SCHEDULED,
    "return": FestivalStatus.DRAFT,
    "cancel": FestivalStatus.CANCELLED,
    "postpone": FestivalStatus.POSTPONED,
    "reschedule": FestivalStatus.SCHEDULED,
}
REASONS = {
    "submit": "",
    "approve": "",
    "return": "Chưa có danh sách đại biểu",
    "cancel": "Bão số 3 đổ bộ",
    "postpone": "Trùng lịch bầu cử",
    "reschedule": "Dời sang chiều để tránh nắng",
}


def perform(action, festival, user):
    if action == "submit":
        return services.festival_submit(festival=festival, user=user)
    if action == "approve":
        return services.festival_approve(festival=festival, user=user)
    if action == "return":
        return services.festival_return(festival=festival, user=user, reason=REASONS[action])
    if action == "cancel":
        return services.festival_cancel(festival=festival, user=user, reason=REASONS[action])
    if action == "postpone":
        return services.festival_postpone(festival=festival, user=user, reason=REASONS[action])
    return services.festival_reschedule(
        festival=festival,
        user=user,
        starts_at=in_days(40, hour=14),
        ends_at=in_days(40, hour=17),
        reason=REASONS[action],
    )


CASES = [(action, state, role) for action in ACTIONS for state in STATES for role in ROLE_FIXTURES]
ALLOWED_CASES = [c for c in CASES if c[2] in ALLOWED[c[0]].get(c[1], set())]
FORBIDDEN_CASES = [c for c in CASES if c not in ALLOWED_CASES]


def case_id(case):
    return "-".join(case)


@pytest.fixture
def people(request, area, commune_official, district_staff):
    def user_for(role):
        return request.getfixturevalue(ROLE_FIXTURES[role])

    return user_for


@pytest.mark.parametrize(
    ("action", "state", "role"), ALLOWED_CASES, ids=map(case_id, ALLOWED_CASES)
)
def test_transition_changes_status_and_records_history_when_allowed(
    area, commune_official, district_staff, people, action, state, role
):
    festival = festival_in(
        state, planner=commune_official, supervisor=district_staff, host_unit=area.dong_son_ward
    )
    festival.refresh_from_db()
    version, history = festival.version, transition_rows(festival)
    user = people(role)

    perform(action, festival, user)

    festival.refresh_from_db()
    assert festival.status == TO_STATUS[action]
    assert festival.version == version + 1
    assert transition_rows(festival) == [
        *history,
        (action, user.pk, state, TO_STATUS[action], REASONS[action]),
    ]


@pytest.mark.parametrize(
    ("action", "state", "role"), FORBIDDEN_CASES, ids=map(case_id, FORBIDDEN_CASES)
)
def test_transition_is_refused_and_changes_nothing_when_forbidden(
    area, commune_official, district_staff, people, action, state, role
):
    festival = festival_in(
        state, planner=commune_official, supervisor=district_staff, host_unit=area.dong_son_ward
    )
    festival.refresh_from_db()
    before = (
        festival.status,
        festival.version,
        festival.starts_at,
        festival.ends_at,
        transition_rows(festival),
    )

    with pytest.raises(NotAllowed):
        perform(action, festival, people(role))

    festival.refresh_from_db()
    assert (
        festival.status,
        festival.version,
        festival.starts_at,
        festival.ends_at,
        transition_rows(festival),
    ) == before


# --- submitting -------------------------------------------------------------------------------

DATE_MISSING = "Give the date and time the festival starts and ends."
VENUE_MISSING = "Give the venue."
PROGRAMME_MISSING = "Add at least one programme item."


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "venue", "programme", "expected"),
    [
        (None, None, "", [], [DATE_MISSING, VENUE_MISSING, PROGRAMME_MISSING]),
        (None, None, "Nhà văn hóa", ["Khai mạc"], [DATE_MISSING]),
        (local(2027, 8, 19), None, "Nhà văn hóa", ["Khai mạc"], [DATE_MISSING]),
        (local(2027, 8, 19), local(2027, 8, 19, 11), "", ["Khai mạc"], [VENUE_MISSING]),
        (local(2027, 8, 19), local(2027, 8, 19, 11), "Nhà văn hóa", [], [PROGRAMME_MISSING]),
    ],
    ids=["everything", "date", "end", "venue", "programme"],
)
def test_submit_incomplete_plan_lists_every_missing_thing(
    area, commune_official, starts_at, ends_at, venue, programme, expected
):
    festival = services.festival_create(
        user=commune_official,
        host_unit=area.dong_son_ward,
        data=festival_data(starts_at=starts_at, ends_at=ends_at, year=2027, venue=venue),
        programme=[programme_row(title) for title in programme],
    )

    with pytest.raises(ServiceError) as refused:
        services.festival_submit(festival=festival, user=commune_official)

    assert type(refused.value) is ServiceError
    assert refused.value.messages == expected
    festival.refresh_from_db()
    assert festival.status == FestivalStatus.DRAFT
    assert festival.version == 1
    assert list(festival.transitions.values_list("action", flat=True)) == [TransitionAction.CREATE]


# --- reasons ----------------------------------------------------------------------------------

REASON_NEEDED = "Give a reason: it is shown to the commune and kept in the history."


@pytest.mark.parametrize("reason", ["", "   ", None])
@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("return", "submitted"),
        ("cancel", "submitted"),
        ("postpone", "submitted"),
        ("reschedule", "scheduled"),
    ],
)
def test_transition_without_reason_is_refused_and_changes_nothing(
    area, commune_official, district_staff, action, state, reason
):
    festival = festival_in(
        state, planner=commune_official, supervisor=district_staff, host_unit=area.dong_son_ward
    )
    festival.refresh_from_db()
    before = (festival.status, festival.version, festival.starts_at, transition_rows(festival))
    service = {
        "return": services.festival_return,
        "cancel": services.festival_cancel,
        "postpone": services.festival_postpone,
    }.get(action)

    with pytest.raises(ServiceError) as refused:
        if service is None:
            services.festival_reschedule(
                festival=festival,
                user=district_staff,
                starts_at=in_days(40, hour=14),
                ends_at=in_days(40, hour=17),
                reason=reason,
            )
        else:
            service(festival=festival, user=district_staff, reason=reason)

    assert type(refused.value) is ServiceError
    assert refused.value.messages == [REASON_NEEDED]
    festival.refresh_from_db()
    assert (
        festival.status,
        festival.version,
        festival.starts_at,
        transition_rows(festival),
    ) == before


def test_transition_reason_is_saved_without_surrounding_spaces(
    area, commune_official, district_staff
):
    festival = festival_in(
        "submitted",
        planner=commune_official,
        supervisor=district_staff,
        host_unit=area.dong_son_ward,
    )

    services.festival_return(festival=festival, user=district_staff, reason="  Thiếu địa điểm \n")

    assert festival.transitions.latest("pk").reason == "Thiếu địa điểm"


# --- rescheduling -----------------------------------------------------------------------------


def test_reschedule_records_old_and_new_dates_in_the_history(
    area, commune_official, district_staff
):
    festival = festival_in(
        "scheduled",
        planner=commune_official,
        supervisor=district_staff,
        host_unit=area.dong_son_ward,
    )
    festival.refresh_from_db()
    old_start, old_end = festival.starts_at, festival.ends_at
    new_start, new_end = in_days(45, hour=14), in_days(45, hour=17)

    services.festival_reschedule(
        festival=festival,
        user=district_staff,
        starts_at=new_start,
        ends_at=new_end,
        reason="Trùng lịch tiếp xúc cử tri",
    )

    festival.refresh_from_db()
    assert (festival.starts_at, festival.ends_at) == (new_start, new_end)
    assert festival.status == FestivalStatus.SCHEDULED
    transition = festival.transitions.get(action=TransitionAction.RESCHEDULE)
    assert sorted(transition.details) == [
        "new_ends_at",
        "new_starts_at",
        "old_ends_at",
        "old_starts_at",
    ]
    assert {
        key: datetime.datetime.fromisoformat(value) for key, value in transition.details.items()
    } == {
        "old_starts_at": old_start,
        "old_ends_at": old_end,
        "new_starts_at": new_start,
        "new_ends_at": new_end,
    }
    assert (transition.user, transition.reason) == (district_staff, "Trùng lịch tiếp xúc cử tri")


def test_reschedule_ending_before_start_is_refused(area, commune_official, district_staff):
    festival = festival_in(
        "scheduled",
        planner=commune_official,
        supervisor=district_staff,
        host_unit=area.dong_son_ward,
    )
    festival.refresh_from_db()
    before = (festival.starts_at, festival.ends_at, festival.version)

    with pytest.raises(ServiceError) as refused:
        services.festival_reschedule(
            festival=festival,
            user=district_staff,
            starts_at=in_days(45, hour=14),
            ends_at=in_days(45, hour=9),
            reason="Dời lịch",
        )

    assert refused.value.messages == ["The festival must end after it starts."]
    festival.refresh_from_db()
    assert (festival.starts_at, festival.ends_at, festival.version) == before


def test_reschedule_into_next_year_keeps_the_public_address_unique(
    area, commune_official, district_staff
):
    festival = festival_in(
        "scheduled",
        planner=commune_official,
        supervisor=district_staff,
        host_unit=area.dong_son_ward,
    )
    next_year = festival.year + 1
    already_there = plan(
        commune_official,
        area.dong_son_ward,
        starts_at=local(next_year, 8, 19),
        ends_at=local(next_year, 8, 19, 11),
    )
    assert already_there.slug == festival.slug == "phuong-dong-son"

    services.festival_reschedule(
        festival=festival,
        user=district_staff,
        starts_at=local(next_year, 1, 10),
        ends_at=local(next_year, 1, 10, 11),
        reason="Dời sang đầu năm sau",
    )

    festival.refresh_from_db()
    assert festival.year == next_year
    assert festival.slug == "phuong-dong-son-2"


# --- editing with optimistic locking ----------------------------------------------------------


def snapshot(festival):
    """Everything an edit could overwrite, read back from the database."""
    festival = Festival.objects.get(pk=festival.pk)
    return {
        "fields": {f: getattr(festival, f) for f in [*services.FESTIVAL_FIELDS, "year", "version"]},
        "organisers": list(
            Organiser.objects.filter(festival=festival).values_list("pk", "name", "role", "order")
        ),
        "programme": list(
            ProgrammeItem.objects.filter(festival=festival).values_list(
                "pk", "order", "part", "time", "kind", "title", "speaker_name", "speaker"
            )
        ),
        "delegates": list(
            Delegate.objects.filter(festival=festival).values_list(
                "pk", "full_name", "position", "organisation", "category", "precedence", "status"
            )
        ),
    }


def test_update_with_stale_version_raises_and_overwrites_nothing(area, commune_official):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))
    # A colleague opened the plan at version 1 too, and saved first.
    services.festival_update(
        festival=festival,
        user=commune_official,
        version=1,
        data=festival_data(
            starts_at=local(2027, 8, 19), ends_at=local(2027, 8, 19, 11), title="Bản của chị Lan"
        ),
        organisers=[organiser_row("Ban Chỉ đạo 138")],
        programme=[programme_row("Chào cờ", kind=ProgrammeKind.FLAG_SALUTE)],
        delegates=[delegate_row("Lê Thị Lan")],
    )
    saved = snapshot(festival)
    assert saved["fields"]["version"] == 2

    with pytest.raises(Stale) as refused:
        services.festival_update(
            festival=festival,
            user=commune_official,
            version=1,
            data=festival_data(
                starts_at=local(2027, 8, 20),
                ends_at=local(2027, 8, 20, 11),
                title="Bản cũ",
                venue="Sân vận động",
            ),
            organisers=[],
            programme=[programme_row("Văn nghệ", kind=ProgrammeKind.PERFORMANCE)],
            delegates=[],
        )

    assert refused.value.messages == [
        "Someone else saved this festival while you were editing it. Nothing was saved: "
        "open it again to see their changes, then make yours."
    ]
    assert snapshot(festival) == saved
    assert saved["fields"]["title"] == "Bản của chị Lan"


def test_update_with_current_version_saves_and_bumps_version(area, commune_official):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))

    updated = services.festival_update(
        festival=festival,
        user=commune_official,
        version=1,
        data=festival_data(
            starts_at=local(2027, 8, 18, 14),
            ends_at=local(2027, 8, 18, 17),
            title="Ngày hội năm 2027",
            venue="Sân vận động phường",
            expected_attendance=500,
        ),
        organisers=[organiser_row("Ban Chỉ đạo 138")],
        programme=[programme_row("Chào cờ", kind=ProgrammeKind.FLAG_SALUTE)],
        delegates=[delegate_row("Lê Thị Lan")],
    )

    assert updated.version == 2
    saved = snapshot(festival)
    assert saved["fields"] == {
        **festival_data(
            starts_at=local(2027, 8, 18, 14),
            ends_at=local(2027, 8, 18, 17),
            title="Ngày hội năm 2027",
            venue="Sân vận động phường",
            expected_attendance=500,
        ),
        "version": 2,
    }
    assert [row[1:] for row in saved["organisers"]] == [("Ban Chỉ đạo 138", "lead", 1)]
    assert [row[5] for row in saved["programme"]] == ["Chào cờ"]
    assert [row[1] for row in saved["delegates"]] == ["Lê Thị Lan"]


def test_update_syncs_rows_adding_changing_removing_and_ordering(area, commune_official):
    festival = plan(
        commune_official,
        area.dong_son_ward,
        starts_at=local(2027, 8, 19),
        organisers=[
            organiser_row("Ban Chỉ đạo 138 huyện Đông Sơn", OrganiserRole.DIRECTING),
            organiser_row("Ban Chỉ đạo ANTT thị trấn Rừng Thông"),
        ],
        programme=[
            programme_row("Chào cờ", kind=ProgrammeKind.FLAG_SALUTE),
            programme_row("Giới thiệu đại biểu", kind=ProgrammeKind.DELEGATES),
            programme_row("Báo cáo kết quả", kind=ProgrammeKind.REPORT),
        ],
        delegates=[
            delegate_row("Nguyễn Ngọc Tiến", precedence=1),
            delegate_row("Lê Văn Hùng", precedence=2),
        ],
    )
    directing, lead = festival.organisers.order_by("order")
    flag, intro, report = festival.programme_items.order_by("order")
    tien, hung = festival.delegates.order_by("precedence")

    services.festival_update(
        festival=festival,
        user=commune_official,
        version=1,
        data=festival_data(starts_at=local(2027, 8, 19), ends_at=local(2027, 8, 19, 11)),
        organisers=[
            organiser_row("Ban Chỉ đạo ANTT phường Đông Sơn", id=lead.pk),
            organiser_row("Công an phường Đông Sơn", OrganiserRole.CO_ORGANISER),
        ],
        programme=[
            programme_row("Báo cáo kết quả năm 2027", kind=ProgrammeKind.REPORT, id=report.pk),
            programme_row("Chào cờ", kind=ProgrammeKind.FLAG_SALUTE, id=flag.pk),
            programme_row("Văn nghệ", kind=ProgrammeKind.PERFORMANCE, part="festivities"),
        ],
        delegates=[
            delegate_row("Lê Văn Hùng", position="Bí thư Đảng ủy", precedence=1, id=hung.pk),
            delegate_row("Trần Thị Mai", precedence=2),
        ],
    )

    organisers = list(festival.organisers.order_by("order"))
    assert [(o.name, o.role, o.order) for o in organisers] == [
        ("Ban Chỉ đạo ANTT phường Đông Sơn", "lead", 1),
        ("Công an phường Đông Sơn", "co_organiser", 2),
    ]
    assert organisers[0].pk == lead.pk
    assert not Organiser.objects.filter(pk=directing.pk).exists()

    items = list(festival.programme_items.order_by("order"))
    assert [(i.title, i.kind, i.part, i.order) for i in items] == [
        ("Báo cáo kết quả năm 2027", "report", "ceremony", 1),
        ("Chào cờ", "flag_salute", "ceremony", 2),
        ("Văn nghệ", "performance", "festivities", 3),
    ]
    assert [i.pk for i in items[:2]] == [report.pk, flag.pk]
    assert not ProgrammeItem.objects.filter(pk=intro.pk).exists()

    delegates = list(festival.delegates.order_by("precedence"))
    assert [(d.full_name, d.position, d.precedence) for d in delegates] == [
        ("Lê Văn Hùng", "Bí thư Đảng ủy", 1),
        ("Trần Thị Mai", "", 2),
    ]
    assert delegates[0].pk == hung.pk
    assert not Delegate.objects.filter(pk=tien.pk).exists()


def test_update_links_speaker_to_delegate_of_same_name_ignoring_case_and_accents(
    area, commune_official
):
    festival = plan(
        commune_official,
        area.dong_son_ward,
        starts_at=local(2027, 8, 19),
        programme=[
            programme_row("Phát biểu chỉ đạo", speaker_name="Ông Tiến"),
            programme_row("Báo cáo kết quả", kind=ProgrammeKind.REPORT),
        ],
        delegates=[
            delegate_row("Nguyễn Ngọc Tiến", precedence=1),
            delegate_row("Đỗ Văn Đức", precedence=2),
        ],
    )
    speech, report = festival.programme_items.order_by("order")
    tien, duc = festival.delegates.order_by("precedence")
    assert (speech.speaker, report.speaker) == (None, None)

    services.festival_update(
        festival=festival,
        user=commune_official,
        version=1,
        data=festival_data(starts_at=local(2027, 8, 19), ends_at=local(2027, 8, 19, 11)),
        programme=[
            programme_row("Phát biểu chỉ đạo", speaker_name="NGUYEN NGOC TIEN", id=speech.pk),
            programme_row(
                "Báo cáo kết quả",
                kind=ProgrammeKind.REPORT,
                speaker_name=" do  van duc",
                id=report.pk,
            ),
            programme_row("Văn nghệ", kind=ProgrammeKind.PERFORMANCE, speaker_name="Đội văn nghệ"),
        ],
        delegates=[
            delegate_row("Nguyễn Ngọc Tiến", precedence=1, id=tien.pk),
            delegate_row("Đỗ Văn Đức", precedence=2, id=duc.pk),
        ],
    )

    assert [(i.title, i.speaker_id) for i in festival.programme_items.order_by("order")] == [
        ("Phát biểu chỉ đạo", tien.pk),
        ("Báo cáo kết quả", duc.pk),
        ("Văn nghệ", None),
    ]


def test_update_unlinks_speaker_whose_delegate_is_removed(area, commune_official):
    festival = plan(
        commune_official,
        area.dong_son_ward,
        starts_at=local(2027, 8, 19),
        programme=[programme_row("Phát biểu chỉ đạo", speaker_name="Nguyễn Ngọc Tiến")],
        delegates=[delegate_row("Nguyễn Ngọc Tiến")],
    )
    speech = festival.programme_items.get()
    assert speech.speaker == festival.delegates.get()

    services.festival_update(
        festival=festival,
        user=commune_official,
        version=1,
        data=festival_data(starts_at=local(2027, 8, 19), ends_at=local(2027, 8, 19, 11)),
        programme=[
            programme_row("Phát biểu chỉ đạo", speaker_name="Nguyễn Ngọc Tiến", id=speech.pk)
        ],
        delegates=[],
    )

    speech.refresh_from_db()
    assert (speech.speaker_name, speech.speaker) == ("Nguyễn Ngọc Tiến", None)


# --- starting from an earlier festival --------------------------------------------------------

THIS_YEAR = timezone.localdate().year
NEXT_YEAR = THIS_YEAR + 1


def rung_thong_2023(commune_official, district_staff, area):
    """The reference festival: held in 2023 by thị trấn Rừng Thông, today's Phường Đông Sơn."""
    festival = plan(
        commune_official,
        area.rung_thong_township,
        starts_at=local(2023, 8, 18, 7, 30),
        ends_at=local(2023, 8, 18, 11),
        title="Ngày hội toàn dân bảo vệ ANTQ thị trấn Rừng Thông năm 2023",
        venue="Sân vận động thị trấn Rừng Thông",
        address="Khu phố 3, thị trấn Rừng Thông, huyện Đông Sơn, tỉnh Thanh Hóa",
        pilot_level="district",
        plan_number="12/KH-UBND",
        expected_attendance=500,
        description="Ngày hội điểm cấp huyện.",
        organisers=[
            organiser_row("Ban Chỉ đạo 138 huyện Đông Sơn", OrganiserRole.DIRECTING),
            organiser_row("Ban Chỉ đạo ANTT thị trấn Rừng Thông"),
        ],
        programme=[
            programme_row("Chào cờ", kind=ProgrammeKind.FLAG_SALUTE, time=datetime.time(7, 30)),
            programme_row(
                "Phát biểu chỉ đạo",
                time=datetime.time(8, 15),
                speaker_name="Nguyễn Ngọc Tiến",
            ),
            programme_row(
                "Kéo co", kind=ProgrammeKind.SPORT, part=ProgrammePart.FESTIVITIES, time=None
            ),
        ],
        delegates=[
            delegate_row(
                "Nguyễn Ngọc Tiến",
                position="Phó Giám đốc Công an tỉnh",
                organisation="Công an tỉnh Thanh Hóa",
                category=DelegateCategory.LEADER,
                precedence=1,
                status=DelegateStatus.ATTENDED,
            ),
            delegate_row(
                "Lê Văn Hùng",
                position="Chủ tịch UBND thị trấn",
                category=DelegateCategory.GUEST,
                precedence=2,
                status=DelegateStatus.CONFIRMED,
            ),
        ],
    )
    festival = services.festival_submit(festival=festival, user=commune_official)
    return services.festival_approve(festival=festival, user=district_staff)


TOKEN = "0b6f7c1e-6a55-4d0e-9a3e-1f2d3c4b5a69"


def test_copy_of_rung_thong_2023_is_a_draft_of_phuong_dong_son_with_todays_names(
    area, commune_official, district_staff
):
    previous = rung_thong_2023(commune_official, district_staff, area)
    assert previous.effective_status == FestivalStatus.HELD

    festival = services.festival_copy(
        source=previous, user=commune_official, year=NEXT_YEAR, token=TOKEN
    )

    festival.refresh_from_db()
    assert (festival.host_unit, festival.year, festival.status, festival.version) == (
        area.dong_son_ward,
        NEXT_YEAR,
        FestivalStatus.DRAFT,
        1,
    )
    assert festival.title == f"Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn năm {NEXT_YEAR}"
    assert festival.venue == "Sân vận động phường Đông Sơn"
    assert festival.address == "Khu phố 3, phường Đông Sơn, tỉnh Thanh Hóa"
    assert festival.slug == "phuong-dong-son"
    # The same day and time, in the chosen year.
    assert (festival.starts_at, festival.ends_at) == (
        local(NEXT_YEAR, 8, 18, 7, 30),
        local(NEXT_YEAR, 8, 18, 11),
    )
    assert (
        festival.pilot_level,
        festival.plan_number,
        festival.expected_attendance,
        festival.description,
    ) == ("district", "", 500, "Ngày hội điểm cấp huyện.")
    assert festival.created_by == commune_official
    # The commune's own body carries today's name; the district's is the user's to change.
    assert [(o.name, o.role, o.order) for o in festival.organisers.order_by("order")] == [
        ("Ban Chỉ đạo 138 huyện Đông Sơn", "directing", 1),
        ("Ban Chỉ đạo ANTT phường Đông Sơn", "lead", 2),
    ]
    assert [
        (p.order, p.part, p.time, p.kind, p.title, p.speaker_name)
        for p in festival.programme_items.order_by("order")
    ] == [
        (1, "ceremony", datetime.time(7, 30), "flag_salute", "Chào cờ", ""),
        (2, "ceremony", datetime.time(8, 15), "speech", "Phát biểu chỉ đạo", "Nguyễn Ngọc Tiến"),
        (3, "festivities", None, "sport", "Kéo co", ""),
    ]
    assert [
        (d.full_name, d.position, d.organisation, d.category, d.precedence, d.status)
        for d in festival.delegates.order_by("precedence")
    ] == [
        (
            "Nguyễn Ngọc Tiến",
            "Phó Giám đốc Công an tỉnh",
            "Công an tỉnh Thanh Hóa",
            "leader",
            1,
            "invited",
        ),
        ("Lê Văn Hùng", "Chủ tịch UBND thị trấn", "", "guest", 2, "invited"),
    ]
    # The speaker is linked to the new list's delegate, not last time's.
    speech = festival.programme_items.get(order=2)
    assert speech.speaker == festival.delegates.get(full_name="Nguyễn Ngọc Tiến")
    assert list(festival.transitions.values_list("action", "user", "details")) == [
        ("create", commune_official.pk, {"copied_from": previous.pk, "copy_token": TOKEN})
    ]


def test_copy_leaves_the_festival_it_starts_from_untouched(area, commune_official, district_staff):
    previous = rung_thong_2023(commune_official, district_staff, area)
    before = snapshot(previous)

    services.festival_copy(source=previous, user=commune_official, year=NEXT_YEAR)

    assert snapshot(previous) == before


def test_copy_of_a_festival_of_the_commune_itself_keeps_its_names(area, commune_official):
    previous = plan(
        commune_official,
        area.dong_son_ward,
        starts_at=local(THIS_YEAR, 3, 2),
        title=f"Ngày hội phường Đông Sơn năm {THIS_YEAR}",
        address="Khu phố 3, phường Đông Sơn",
    )

    festival = services.festival_copy(source=previous, user=commune_official, year=NEXT_YEAR + 2)

    assert (festival.title, festival.address, festival.year, festival.starts_at) == (
        f"Ngày hội phường Đông Sơn năm {NEXT_YEAR + 2}",
        "Khu phố 3, phường Đông Sơn",
        NEXT_YEAR + 2,
        local(NEXT_YEAR + 2, 3, 2),
    )


def test_copy_of_29_february_falls_on_the_28th(area, commune_official):
    previous = plan(
        commune_official,
        area.rung_thong_ward,
        starts_at=local(2024, 2, 29, 19, 0),
        ends_at=local(2024, 2, 29, 22, 0),
    )

    starts_at, ends_at = services.festival_copy_dates(previous, 2027)

    assert (starts_at, ends_at) == (local(2027, 2, 28, 19, 0), local(2027, 2, 28, 22, 0))


def test_copy_without_dates_has_none(area, commune_official):
    previous = services.festival_create(
        user=commune_official,
        host_unit=area.dong_son_ward,
        data=festival_data(starts_at=None, ends_at=None, year=THIS_YEAR),
    )

    festival = services.festival_copy(source=previous, user=commune_official, year=NEXT_YEAR)

    assert (festival.year, festival.starts_at, festival.ends_at) == (NEXT_YEAR, None, None)


@pytest.mark.parametrize("year", [THIS_YEAR - 1, THIS_YEAR + 6, 2023])
def test_copy_into_a_year_out_of_range_is_refused(area, commune_official, district_staff, year):
    previous = rung_thong_2023(commune_official, district_staff, area)
    count = Festival.objects.count()

    with pytest.raises(ServiceError) as refused:
        services.festival_copy(source=previous, user=commune_official, year=year)

    assert refused.value.messages == [f"Choose a year from {THIS_YEAR} to {THIS_YEAR + 5}."]
    assert refused.value.field == "year"
    assert Festival.objects.count() == count


def test_copy_for_someone_who_does_not_plan_for_its_commune_is_refused(
    area, commune_official, other_commune_official, district_staff
):
    previous = rung_thong_2023(commune_official, district_staff, area)

    for user in (other_commune_official, district_staff):
        with pytest.raises(ServiceError) as refused:
            services.festival_copy(source=previous, user=user, year=NEXT_YEAR)
        assert refused.value.messages == [
            "Thị trấn Rừng Thông is today part of a commune you do not plan for: choose a "
            "festival of your own commune."
        ]

    assert Festival.objects.count() == 1


def test_copy_twice_with_one_token_makes_one_draft(area, commune_official, district_staff):
    previous = rung_thong_2023(commune_official, district_staff, area)

    first = services.festival_copy(
        source=previous, user=commune_official, year=NEXT_YEAR, token=TOKEN
    )
    again = services.festival_copy(
        source=previous, user=commune_official, year=NEXT_YEAR, token=TOKEN
    )
    other_form = services.festival_copy(
        source=previous, user=commune_official, year=NEXT_YEAR, token="another-form"
    )

    assert again == first
    assert other_form != first
    assert sorted(Festival.objects.filter(year=NEXT_YEAR).values_list("slug", flat=True)) == [
        "phuong-dong-son",
        "phuong-dong-son-2",
    ]


@pytest.mark.parametrize(
    ("today", "taken", "expected"),
    [
        # The source's day (18 August) is still ahead: this year.
        (datetime.date(2026, 3, 1), [], 2026),
        # It has passed: next year.
        (datetime.date(2026, 12, 2), [], 2027),
        # Years that have a festival are skipped; a cancelled one does not count.
        (datetime.date(2026, 12, 2), [2027, 2028], 2029),
        (datetime.date(2026, 12, 2), ["cancelled 2027"], 2027),
    ],
)
def test_copy_default_year_is_the_next_year_without_a_festival(
    area, commune_official, district_staff, today, taken, expected
):
    previous = rung_thong_2023(commune_official, district_staff, area)
    for year in taken:
        cancelled = isinstance(year, str)
        year = int(str(year).split()[-1])
        festival = plan(commune_official, area.dong_son_ward, starts_at=local(year, 9, 2))
        if cancelled:
            services.festival_cancel(festival=festival, user=commune_official, reason="Mưa bão")

    year = services.festival_copy_default_year(
        source=previous, host_unit=area.dong_son_ward, today=today
    )

    assert year == expected


# --- deleting a draft -------------------------------------------------------------------------


def test_delete_draft_never_submitted_removes_it_and_audits_who(area, commune_official):
    from auditlog.models import LogEntry

    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))
    pk = festival.pk

    services.festival_delete_draft(festival=festival, user=commune_official)

    assert not Festival.objects.filter(pk=pk).exists()
    assert not ProgrammeItem.objects.filter(festival_id=pk).exists()
    assert not Delegate.objects.filter(festival_id=pk).exists()
    assert not FestivalTransition.objects.filter(festival_id=pk).exists()
    entry = LogEntry.objects.get(
        content_type__model="festival", object_id=pk, action=LogEntry.Action.DELETE
    )
    assert (entry.actor, entry.object_repr, entry.additional_data) == (
        commune_official,
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        {"delegates": 1, "programme_items": 1, "organisers": 1},
    )
    assert entry.changes["title"] == ["Ngày hội toàn dân bảo vệ an ninh Tổ quốc", "None"]
    assert entry.changes["host_unit"] == [str(area.dong_son_ward.pk), "None"]
    # One entry for the deletion; the rows go without entries of their own.
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE).count() == 1


@pytest.mark.parametrize("state", ["submitted", "returned", "scheduled", "cancelled"])
def test_delete_of_a_festival_that_was_submitted_is_refused(
    area, commune_official, district_staff, state
):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))
    if state == "cancelled":
        services.festival_cancel(festival=festival, user=commune_official, reason="Mưa bão")
    else:
        festival = services.festival_submit(festival=festival, user=commune_official)
    if state == "returned":
        services.festival_return(festival=festival, user=district_staff, reason="Thiếu đại biểu")
    elif state == "scheduled":
        services.festival_approve(festival=festival, user=district_staff)
    festival.refresh_from_db()

    with pytest.raises(NotAllowed) as refused:
        services.festival_delete_draft(festival=festival, user=commune_official)

    assert refused.value.messages == [
        "Only a draft that was never submitted can be deleted, by its commune."
    ]
    assert Festival.objects.filter(pk=festival.pk).exists()


def test_delete_of_a_draft_by_others_is_refused(
    area, commune_official, other_commune_official, district_staff
):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))

    for user in (other_commune_official, district_staff):
        with pytest.raises(NotAllowed):
            services.festival_delete_draft(festival=festival, user=user)

    assert Festival.objects.filter(pk=festival.pk).exists()


# --- addresses --------------------------------------------------------------------------------


def test_slug_counts_up_within_a_year(area, commune_official):
    first = plan(commune_official, area.dong_son_ward, starts_at=local(2026, 8, 19))
    second = plan(commune_official, area.dong_son_ward, starts_at=local(2026, 9, 2))
    next_year = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))

    assert [first.slug, second.slug, next_year.slug] == [
        "phuong-dong-son",
        "phuong-dong-son-2",
        "phuong-dong-son",
    ]
    assert services.festival_slug(host_unit=area.dong_son_ward, year=2026) == "phuong-dong-son-3"
    assert (
        services.festival_slug(host_unit=area.dong_son_ward, year=2026, exclude_pk=second.pk)
        == "phuong-dong-son-2"
    )
    assert services.festival_slug(host_unit=area.rung_thong_township, year=2026) == (
        "thi-tran-rung-thong"
    )


def test_create_records_creation_in_history(area, commune_official):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))

    assert (festival.status, festival.version, festival.year, festival.created_by) == (
        FestivalStatus.DRAFT,
        1,
        2027,
        commune_official,
    )
    assert list(
        FestivalTransition.objects.filter(festival=festival).values_list(
            "action", "user", "from_status", "to_status", "reason", "details"
        )
    ) == [("create", commune_official.pk, "", "draft", "", {})]


@pytest.mark.parametrize("role", ["other_official", "district_staff", "no_role"])
def test_create_for_commune_outside_own_is_refused(area, people, role):
    with pytest.raises(NotAllowed):
        plan(people(role), area.dong_son_ward, starts_at=local(2027, 8, 19))

    assert Festival.objects.count() == 0
    assert Organiser.objects.count() == 0
