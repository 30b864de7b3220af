"""The staff festival pages (staff/views/festivals.py, the dashboard), through the test client.

Pages are served in Vietnamese. Messages are compared with what gettext gives for Vietnamese, so
the tests hold whether or not a string has been translated yet.
"""

import datetime
import zoneinfo

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from attendees.enums import DelegateCategory, DelegateStatus
from attendees.models import Delegate
from attendees.services import DELEGATE_FIELDS
from events import services
from events.enums import FestivalStatus, OrganiserRole, ProgrammeKind, ProgrammePart
from events.models import Festival, FestivalTransition, Organiser, ProgrammeItem
from tests.conftest import in_vietnamese
from tests.factories.events import make_festival, write_report

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TRANSITION_ACTIONS = ["submit", "approve", "return", "cancel", "postpone", "reschedule"]


def local(year, month, day, hour=7, minute=30):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


def plan(user, host_unit, *, starts_at=None, title="Ngày hội toàn dân bảo vệ ANTQ", **data):
    """A complete draft, made the way the planning page makes it."""
    starts_at = starts_at or datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=30), datetime.time(7, 30), tzinfo=VIETNAM
    )
    return services.festival_create(
        user=user,
        host_unit=host_unit,
        data={
            "year": timezone.localtime(starts_at).year,
            "title": title,
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=4),
            "venue": "Nhà văn hóa khu phố 3",
            "address": "",
            "pilot_level": "",
            "plan_number": "45/KH-UBND",
            "expected_attendance": 300,
            "description": "",
            **data,
        },
        organisers=[{"name": "Ban Chỉ đạo ANTT", "role": OrganiserRole.LEAD}],
        programme=[
            {
                "part": ProgrammePart.CEREMONY,
                "time": datetime.time(7, 30),
                "kind": ProgrammeKind.OPENING,
                "title": "Khai mạc",
                "speaker_name": "",
            }
        ],
        delegates=[
            {
                "full_name": "Nguyễn Ngọc Tiến",
                "position": "Chủ tịch UBND tỉnh",
                "organisation": "",
                "category": DelegateCategory.LEADER,
                "precedence": 1,
                "status": DelegateStatus.INVITED,
            }
        ],
    )


ORGANISER = {"name": "Ban Chỉ đạo ANTT phường Đông Sơn", "role": "lead"}
FLAG_SALUTE = {
    "part": "ceremony",
    "time": "07:30",
    "kind": "flag_salute",
    "title": "Chào cờ",
    "speaker_name": "",
}
SPEECH = {
    "part": "ceremony",
    "time": "08:15",
    "kind": "speech",
    "title": "Phát biểu chỉ đạo",
    "speaker_name": "Nguyễn Ngọc Tiến",
}
DELEGATE = {
    "full_name": "Nguyễn Ngọc Tiến",
    "position": "Phó Giám đốc Công an tỉnh",
    "organisation": "Công an tỉnh Thanh Hóa",
    "category": "leader",
    "precedence": "1",
    "status": "invited",
}


def editor_data(
    unit,
    *,
    organisers=(ORGANISER,),
    programme=(FLAG_SALUTE, SPEECH),
    delegates=(DELEGATE,),
    **fields,
):
    """What the planning form sends, management forms included; rows with an `id` come first."""
    data = {
        "host_unit": str(unit.pk),
        "year": "2027",
        "title": "Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn năm 2027",
        "starts_at": "2027-08-19T07:30",
        "ends_at": "2027-08-19T11:00",
        "venue": "Nhà văn hóa khu phố 3",
        "address": "Khu phố 3, phường Đông Sơn",
        "pilot_level": "",
        "plan_number": "45/KH-UBND",
        "expected_attendance": "300",
        "description": "",
        "version": "",
        "_action": "save",
        **fields,
    }
    for prefix, rows in [
        ("organisers", organisers),
        ("programme", programme),
        ("delegates", delegates),
    ]:
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(sum(1 for row in rows if row.get("id")))
        for index, row in enumerate(rows):
            data[f"{prefix}-{index}-order"] = str(index + 1)
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = "" if value is None else str(value)
    return data


def formset(response, prefix):
    return next(fs for p, _label, fs in response.context["formsets"] if p == prefix)


def message_list(response):
    return [(m.level, str(m)) for m in response.context["messages"]]


def saved_rows(festival):
    return {
        "organisers": list(
            Organiser.objects.filter(festival=festival).values_list("pk", "name", "role", "order")
        ),
        "programme": list(
            ProgrammeItem.objects.filter(festival=festival).values_list(
                "pk", "order", "kind", "title", "speaker_name"
            )
        ),
        "delegates": list(
            Delegate.objects.filter(festival=festival).values_list(
                "pk", "full_name", "position", "status"
            )
        ),
    }


def nothing_saved():
    return (
        Festival.objects.count(),
        Organiser.objects.count(),
        ProgrammeItem.objects.count(),
        Delegate.objects.count(),
        FestivalTransition.objects.count(),
    ) == (0, 0, 0, 0, 0)


# --- scope: sign-in, roles and other communes on every URL ----------------------------------


def festival_urls(festival):
    """(method, url) of every page of one festival."""
    return [
        ("get", reverse("events:festival.detail", args=[festival.pk])),
        ("get", reverse("events:festival.edit", args=[festival.pk])),
        ("post", reverse("events:festival.edit", args=[festival.pk])),
        ("get", reverse("events:festival.print", args=[festival.pk])),
        ("get", reverse("events:festival.delete", args=[festival.pk])),
        ("post", reverse("events:festival.delete", args=[festival.pk])),
        *[
            ("post", reverse("events:festival.transition", args=[festival.pk, action]))
            for action in TRANSITION_ACTIONS
        ],
    ]


def staff_urls(festival):
    return [
        ("get", reverse("events:festival.list")),
        ("get", reverse("events:festival.calendar")),
        ("get", reverse("events:festival.create")),
        ("post", reverse("events:festival.create")),
        ("get", reverse("events:festival.copy_previous")),
        ("post", reverse("events:festival.copy_previous")),
        *festival_urls(festival),
    ]


def request_with_reason(client, method, url):
    return getattr(client, method)(url, {"reason": "Thử"} if method == "post" else None)


def test_staff_urls_send_anonymous_visitors_to_sign_in(client, area, commune_official):
    festival = plan(commune_official, area.dong_son_ward)

    for method, url in staff_urls(festival):
        response = request_with_reason(client, method, url)
        assert (method, url, response.status_code) == (method, url, 302)
        assert response["Location"] == f"{reverse('login')}?next={url}"

    festival.refresh_from_db()
    assert (festival.status, festival.version, Festival.objects.count()) == ("draft", 1, 1)


def test_staff_urls_refuse_users_without_role(client, area, commune_official, user_without_role):
    festival = plan(commune_official, area.dong_son_ward)
    client.force_login(user_without_role)

    for method, url in staff_urls(festival):
        response = request_with_reason(client, method, url)
        assert (method, url, response.status_code) == (method, url, 403)
        assert "Không được phép" in response.content.decode()

    festival.refresh_from_db()
    assert (festival.status, festival.version, Festival.objects.count()) == ("draft", 1, 1)


@pytest.mark.parametrize("state", ["draft", "submitted"])
def test_festival_urls_of_another_commune_are_404_for_commune_official(
    client, area, commune_official, other_commune_official, state
):
    festival = plan(commune_official, area.dong_son_ward)
    if state == "submitted":
        festival = services.festival_submit(festival=festival, user=commune_official)
    before = (festival.status, festival.version, saved_rows(festival))
    client.force_login(other_commune_official)

    for method, url in festival_urls(festival):
        data = editor_data(area.hac_thanh_ward) if url.endswith("/edit/") else {"reason": "Thử"}
        response = getattr(client, method)(url, data if method == "post" else None)
        assert (method, url, response.status_code) == (method, url, 404)

    festival.refresh_from_db()
    assert (festival.status, festival.version, saved_rows(festival)) == before
    assert Festival.objects.count() == 1


def test_festival_list_never_shows_another_commune_festival(
    client, area, commune_official, other_commune_official, district_staff
):
    dong_son = plan(commune_official, area.dong_son_ward, title="Ngày hội phường Đông Sơn")
    hac_thanh = plan(other_commune_official, area.hac_thanh_ward, title="Ngày hội phường Hạc Thành")

    client.force_login(other_commune_official)
    response = client.get(reverse("events:festival.list"))
    assert list(response.context["page"].object_list) == [hac_thanh]
    assert not response.context["page"].has_next
    assert "Ngày hội phường Đông Sơn" not in response.content.decode()

    searched = client.get(reverse("events:festival.list"), {"q": "dong son"})
    assert list(searched.context["page"].object_list) == []

    client.force_login(district_staff)
    response = client.get(reverse("events:festival.list"))
    assert list(response.context["page"].object_list) == [hac_thanh, dong_son]


def test_dashboard_never_counts_another_commune_festival(
    client, area, commune_official, other_commune_official, district_staff
):
    draft = plan(commune_official, area.dong_son_ward)
    submitted = services.festival_submit(
        festival=plan(commune_official, area.dong_son_ward), user=commune_official
    )
    services.festival_approve(
        festival=services.festival_submit(
            festival=plan(commune_official, area.dong_son_ward), user=commune_official
        ),
        user=district_staff,
    )
    own = plan(other_commune_official, area.hac_thanh_ward)
    nothing = dict.fromkeys(FestivalStatus, 0)

    client.force_login(other_commune_official)
    dashboard = client.get(reverse("manage:dashboard")).context["festivals"]
    assert dashboard.counts == {**nothing, FestivalStatus.DRAFT: 1}
    assert dashboard.needs_action == [own]
    assert dashboard.upcoming == []

    client.force_login(commune_official)
    dashboard = client.get(reverse("manage:dashboard")).context["festivals"]
    assert dashboard.counts == {
        **nothing,
        FestivalStatus.DRAFT: 1,
        FestivalStatus.SUBMITTED: 1,
        FestivalStatus.SCHEDULED: 1,
    }
    assert dashboard.needs_action == [draft]

    client.force_login(district_staff)
    dashboard = client.get(reverse("manage:dashboard")).context["festivals"]
    assert dashboard.counts == {
        **nothing,
        FestivalStatus.DRAFT: 2,
        FestivalStatus.SUBMITTED: 1,
        FestivalStatus.SCHEDULED: 1,
    }
    assert dashboard.needs_action == [submitted]


def test_calendar_never_shows_another_commune_festival(
    client, area, commune_official, other_commune_official
):
    dong_son = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))
    hac_thanh = plan(other_commune_official, area.hac_thanh_ward, starts_at=local(2027, 8, 18))

    def festivals_shown(user):
        client.force_login(user)
        grid = client.get(reverse("events:festival.calendar"), {"month": "2027-08"}).context[
            "calendar"
        ]
        return [(day, f) for week in grid.weeks for day, festivals in week for f in festivals]

    assert festivals_shown(other_commune_official) == [(datetime.date(2027, 8, 18), hac_thanh)]
    assert festivals_shown(commune_official) == [(datetime.date(2027, 8, 19), dong_son)]


# --- the planning form ------------------------------------------------------------------------


def test_create_saves_draft_with_its_rows(client, area, commune_official):
    client.force_login(commune_official)

    response = client.post(reverse("events:festival.create"), editor_data(area.dong_son_ward))

    festival = Festival.objects.get()
    assert response.status_code == 302
    assert response["Location"] == festival.get_absolute_url()
    assert (
        festival.host_unit,
        festival.year,
        festival.title,
        festival.starts_at,
        festival.ends_at,
        festival.venue,
        festival.plan_number,
        festival.expected_attendance,
    ) == (
        area.dong_son_ward,
        2027,
        "Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn năm 2027",
        local(2027, 8, 19, 7, 30),
        local(2027, 8, 19, 11, 0),
        "Nhà văn hóa khu phố 3",
        "45/KH-UBND",
        300,
    )
    assert (festival.status, festival.version, festival.created_by, festival.slug) == (
        FestivalStatus.DRAFT,
        1,
        commune_official,
        "phuong-dong-son",
    )
    assert [(o.name, o.role, o.order) for o in festival.organisers.all()] == [
        ("Ban Chỉ đạo ANTT phường Đông Sơn", "lead", 1)
    ]
    assert [
        (p.order, p.part, p.time, p.kind, p.title, p.speaker_name)
        for p in festival.programme_items.all()
    ] == [
        (1, "ceremony", datetime.time(7, 30), "flag_salute", "Chào cờ", ""),
        (2, "ceremony", datetime.time(8, 15), "speech", "Phát biểu chỉ đạo", "Nguyễn Ngọc Tiến"),
    ]
    tien = festival.delegates.get()
    assert (
        tien.full_name,
        tien.position,
        tien.organisation,
        tien.category,
        tien.precedence,
        tien.status,
    ) == (
        "Nguyễn Ngọc Tiến",
        "Phó Giám đốc Công an tỉnh",
        "Công an tỉnh Thanh Hóa",
        "leader",
        1,
        "invited",
    )
    assert festival.programme_items.get(order=2).speaker == tien
    assert list(festival.transitions.values_list("action", "user", "to_status")) == [
        ("create", commune_official.pk, "draft")
    ]
    shown = client.get(response["Location"])
    assert message_list(shown) == [
        (messages.SUCCESS, in_vietnamese("The festival was saved as a draft."))
    ]


@pytest.mark.parametrize(
    ("fields", "field", "message", "params"),
    [
        (
            {"ends_at": "2027-08-19T06:00"},
            "ends_at",
            "The festival must end after it starts.",
            {},
        ),
        (
            {"year": "2026"},
            "year",
            "The year must be the year of the festival's date (%(year)s).",
            {"year": 2027},
        ),
        (
            {"host_unit": "hac_thanh_ward"},
            "host_unit",
            "Select a valid choice. That choice is not one of the available choices.",
            {},
        ),
    ],
    ids=["ends_before_start", "year_not_the_date's", "host_outside_scope"],
)
def test_create_invalid_returns_400_shows_error_and_saves_nothing(
    client, area, commune_official, fields, field, message, params
):
    if fields.get("host_unit"):
        fields = {"host_unit": str(getattr(area, fields["host_unit"]).pk)}
    client.force_login(commune_official)

    response = client.post(
        reverse("events:festival.create"), editor_data(area.dong_son_ward, **fields)
    )

    assert response.status_code == 400
    form = response.context["form"]
    expected = in_vietnamese(message, **params)
    with translation.override("vi"):
        assert {name: [str(e) for e in errors] for name, errors in form.errors.items()} == {
            field: [expected]
        }
    assert escape(expected) in response.content.decode()
    assert message_list(response) == [
        (messages.ERROR, in_vietnamese("Some fields need attention; nothing was saved yet."))
    ]
    assert nothing_saved()


def test_add_row_rerenders_with_one_more_programme_row_and_saves_nothing(
    client, area, commune_official
):
    client.force_login(commune_official)

    response = client.post(
        reverse("events:festival.create"),
        editor_data(area.dong_son_ward, _action="add-programme"),
    )

    assert response.status_code == 200
    rows = formset(response, "programme")
    assert rows.total_form_count() == 3
    assert [row["title"].value() for row in rows.forms] == ["Chào cờ", "Phát biểu chỉ đạo", None]
    assert rows.forms[2]["order"].value() == "3"
    assert formset(response, "organisers").total_form_count() == 1
    assert formset(response, "delegates").total_form_count() == 1
    page = response.content.decode()
    assert page.count('data-testid="programme-row"') == 3
    assert 'name="programme-TOTAL_FORMS" value="3"' in page
    # Adding a row is not a save: the new, empty row is not reported as an error yet.
    assert response.context["form"].errors == {}
    assert "invalid-feedback" not in page
    assert nothing_saved()


def test_remove_row_hides_it_and_next_save_drops_it(client, area, commune_official):
    client.force_login(commune_official)
    data = editor_data(area.dong_son_ward)

    response = client.post(
        reverse("events:festival.create"), {**data, "_action": "remove-programme-0"}
    )

    assert response.status_code == 200
    rows = formset(response, "programme")
    assert rows.total_form_count() == 2
    assert [bool(row["DELETE"].value()) for row in rows.forms] == [True, False]
    page = response.content.decode()
    assert '<input type="hidden" name="programme-0-DELETE" value="on">' in page
    assert page.count('<tr hidden data-testid="programme-row">') == 1
    assert nothing_saved()

    # The hidden field goes back with the next save.
    response = client.post(reverse("events:festival.create"), {**data, "programme-0-DELETE": "on"})

    assert response.status_code == 302
    festival = Festival.objects.get()
    assert [(p.order, p.title) for p in festival.programme_items.all()] == [
        (1, "Phát biểu chỉ đạo")
    ]


def edit_data(festival, **fields):
    """The edit form as the page filled it in, with the rows' ids."""
    return editor_data(
        festival.host_unit,
        organisers=[
            {"id": o.pk, "name": o.name, "role": o.role} for o in festival.organisers.all()
        ],
        programme=[
            {
                "id": p.pk,
                "part": p.part,
                "time": p.time.strftime("%H:%M") if p.time else "",
                "kind": p.kind,
                "title": p.title,
                "speaker_name": p.speaker_name,
            }
            for p in festival.programme_items.all()
        ],
        delegates=[
            {
                "id": d.pk,
                "full_name": d.full_name,
                "position": d.position,
                "organisation": d.organisation,
                "category": d.category,
                "precedence": d.precedence,
                "status": d.status,
            }
            for d in festival.delegates.all()
        ],
        **{
            "year": str(festival.year),
            "title": festival.title,
            "starts_at": timezone.localtime(festival.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(festival.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "venue": festival.venue,
            "version": str(festival.version),
            **fields,
        },
    )


def test_edit_with_current_version_saves_and_bumps_version(client, area, commune_official):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))
    client.force_login(commune_official)
    data = edit_data(festival, title="Ngày hội phường Đông Sơn năm 2027", venue="Sân vận động")
    data["programme-0-title"] = "Khai mạc ngày hội"

    response = client.post(reverse("events:festival.edit", args=[festival.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == festival.get_absolute_url()
    festival.refresh_from_db()
    assert (festival.title, festival.venue, festival.version) == (
        "Ngày hội phường Đông Sơn năm 2027",
        "Sân vận động",
        2,
    )
    assert list(festival.programme_items.values_list("title", flat=True)) == ["Khai mạc ngày hội"]


def test_edit_from_stale_version_returns_409_and_overwrites_nothing(client, area, commune_official):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))
    client.force_login(commune_official)
    stale = edit_data(festival, title="Bản cũ", venue="Sân vận động")  # read at version 1
    stale["programme-0-title"] = "Mục đã sửa trong bản cũ"
    stale["delegates-TOTAL_FORMS"] = "0"
    # Meanwhile a colleague saves the plan (version 2).
    services.festival_update(
        festival=festival,
        user=commune_official,
        version=1,
        data={
            **{f: getattr(festival, f) for f in services.FESTIVAL_FIELDS},
            "year": 2027,
            "title": "Bản của chị Lan",
        },
        organisers=[
            {"name": o.name, "role": o.role, "id": o.pk} for o in festival.organisers.all()
        ],
        programme=[
            {**{f: getattr(p, f) for f in services.PROGRAMME_FIELDS}, "id": p.pk}
            for p in festival.programme_items.all()
        ],
        delegates=[
            {**{f: getattr(d, f) for f in DELEGATE_FIELDS}, "id": d.pk}
            for d in festival.delegates.all()
        ],
    )
    before = (Festival.objects.filter(pk=festival.pk).values().get(), saved_rows(festival))

    response = client.post(reverse("events:festival.edit", args=[festival.pk]), stale)

    assert response.status_code == 409
    assert message_list(response) == [
        (
            messages.ERROR,
            in_vietnamese(
                "Someone else saved this festival while you were editing it. Nothing was saved: "
                "open it again to see their changes, then make yours."
            ),
        )
    ]
    # The editor shows what the user typed, so nothing of theirs is lost either.
    assert response.context["form"]["title"].value() == "Bản cũ"
    after = Festival.objects.get(pk=festival.pk)
    assert (after.title, after.venue, after.version) == (
        "Bản của chị Lan",
        "Nhà văn hóa khu phố 3",
        2,
    )
    assert (Festival.objects.filter(pk=festival.pk).values().get(), saved_rows(festival)) == before


def test_create_second_festival_same_commune_and_year_warns(client, area, commune_official):
    first = plan(
        commune_official,
        area.dong_son_ward,
        starts_at=local(2027, 8, 19),
        title="Ngày hội phường Đông Sơn năm 2027",
    )
    client.force_login(commune_official)

    response = client.post(
        reverse("events:festival.create"),
        editor_data(
            area.dong_son_ward,
            title="Ngày hội khu phố 3",
            starts_at="2027-09-02T07:30",
            ends_at="2027-09-02T11:00",
        ),
        follow=True,
    )

    second = Festival.objects.exclude(pk=first.pk).get()
    assert response.redirect_chain == [(second.get_absolute_url(), 302)]
    assert (second.host_unit, second.year, second.slug) == (
        area.dong_son_ward,
        2027,
        "phuong-dong-son-2",
    )
    assert message_list(response) == [
        (messages.SUCCESS, in_vietnamese("The festival was saved as a draft.")),
        (
            messages.WARNING,
            in_vietnamese(
                "Note: %(unit)s already has another festival in %(year)s (%(titles)s). That is allowed; check it is not a duplicate.",
                unit="Phường Đông Sơn",
                year=2027,
                titles="Ngày hội phường Đông Sơn năm 2027",
            ),
        ),
    ]


def test_create_first_festival_of_the_year_does_not_warn(client, area, commune_official):
    plan(commune_official, area.dong_son_ward, starts_at=local(2026, 8, 19))
    cancelled = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 1))
    services.festival_cancel(festival=cancelled, user=commune_official, reason="Mưa bão")
    client.force_login(commune_official)

    response = client.post(
        reverse("events:festival.create"), editor_data(area.dong_son_ward), follow=True
    )

    assert [level for level, _text in message_list(response)] == [messages.SUCCESS]
    assert Festival.objects.filter(year=2027).count() == 2


# --- the lifecycle buttons --------------------------------------------------------------------


def post_transition(client, festival, action, **data):
    return client.post(reverse("events:festival.transition", args=[festival.pk, action]), data)


def test_transitions_change_status_and_show_in_history(
    client, area, commune_official, district_staff
):
    festival = plan(commune_official, area.dong_son_ward)
    steps = [
        (commune_official, "submit", {}, FestivalStatus.SUBMITTED),
        (district_staff, "return", {"reason": "Bổ sung danh sách đại biểu"}, FestivalStatus.DRAFT),
        (commune_official, "submit", {}, FestivalStatus.SUBMITTED),
        (district_staff, "approve", {}, FestivalStatus.SCHEDULED),
        (district_staff, "postpone", {"reason": "Bão số 3"}, FestivalStatus.POSTPONED),
    ]

    for user, action, data, status in steps:
        client.force_login(user)
        response = post_transition(client, festival, action, **data)
        assert response.status_code == 302
        assert response["Location"] == festival.get_absolute_url()
        festival.refresh_from_db()
        assert (action, festival.status) == (action, status)

    response = client.get(festival.get_absolute_url())
    assert [
        (t.action, t.from_status, t.to_status, t.user, t.reason)
        for t in response.context["festival"].transitions.all()
    ] == [
        ("postpone", "scheduled", "postponed", district_staff, "Bão số 3"),
        ("approve", "submitted", "scheduled", district_staff, ""),
        ("submit", "draft", "submitted", commune_official, ""),
        ("return", "submitted", "draft", district_staff, "Bổ sung danh sách đại biểu"),
        ("submit", "draft", "submitted", commune_official, ""),
        ("create", "", "draft", commune_official, ""),
    ]
    page = response.content.decode()
    assert page.count('<li class="border-start border-3 ps-3 mb-2">') == 6
    assert "Bổ sung danh sách đại biểu" in page
    assert "Bão số 3" in page


def test_reschedule_through_page_moves_the_date(client, area, commune_official, district_staff):
    festival = plan(commune_official, area.dong_son_ward)
    festival = services.festival_submit(festival=festival, user=commune_official)
    festival = services.festival_approve(festival=festival, user=district_staff)
    new_day = timezone.localtime(festival.starts_at).date() + datetime.timedelta(days=7)
    client.force_login(district_staff)

    response = post_transition(
        client,
        festival,
        "reschedule",
        starts_at=f"{new_day:%Y-%m-%d}T14:00",
        ends_at=f"{new_day:%Y-%m-%d}T17:00",
        reason="Tránh nắng",
    )

    assert response.status_code == 302
    festival.refresh_from_db()
    new_start = datetime.datetime.combine(new_day, datetime.time(14), tzinfo=VIETNAM)
    assert (festival.status, festival.starts_at) == (FestivalStatus.SCHEDULED, new_start)
    latest = client.get(festival.get_absolute_url()).context["festival"].transitions.all()[0]
    assert (latest.action, latest.reason, latest.details["new_starts_at"]) == (
        "reschedule",
        "Tránh nắng",
        new_start.isoformat(),
    )


def test_transition_refused_shows_error_and_changes_nothing(client, area, commune_official):
    festival = plan(commune_official, area.dong_son_ward)
    festival = services.festival_submit(festival=festival, user=commune_official)
    client.force_login(commune_official)

    response = post_transition(client, festival, "approve")

    assert response.status_code == 302
    festival.refresh_from_db()
    assert (festival.status, festival.version) == (FestivalStatus.SUBMITTED, 2)
    assert festival.transitions.count() == 2
    shown = client.get(response["Location"])
    assert message_list(shown) == [
        (
            messages.ERROR,
            in_vietnamese("Only supervising staff can approve a submitted festival."),
        )
    ]


def test_return_without_reason_through_page_changes_nothing(
    client, area, commune_official, district_staff
):
    festival = plan(commune_official, area.dong_son_ward)
    festival = services.festival_submit(festival=festival, user=commune_official)
    client.force_login(district_staff)

    response = post_transition(client, festival, "return", reason="  ")

    festival.refresh_from_db()
    assert (festival.status, festival.version) == (FestivalStatus.SUBMITTED, 2)
    shown = client.get(response["Location"])
    assert message_list(shown) == [
        (
            messages.ERROR,
            in_vietnamese("Give a reason: it is shown to the commune and kept in the history."),
        )
    ]


def test_unknown_transition_is_404(client, area, commune_official):
    festival = plan(commune_official, area.dong_son_ward)
    client.force_login(commune_official)

    response = post_transition(client, festival, "publish")

    assert response.status_code == 404
    festival.refresh_from_db()
    assert festival.status == FestivalStatus.DRAFT


@pytest.mark.parametrize(
    ("fixture", "shows_link"),
    [("upcoming", True), ("held", False)],
)
def test_festival_page_links_to_the_public_page_only_when_there_is_one(
    client, request, district_staff, fixture, shows_link
):
    festival = request.getfixturevalue(fixture)
    client.force_login(district_staff)

    page = client.get(festival.get_absolute_url()).content.decode()
    public = client.get(festival.get_public_url())

    assert (festival.get_public_url() in page) is shows_link
    assert public.status_code == (200 if shows_link else 404)


def test_festival_editor_normalises_control_characters_in_every_text(
    client, area, commune_official
):
    client.force_login(commune_official)
    data = {
        "host_unit": area.dong_son_ward.pk,
        "year": "2026",
        "title": "Ngày hội\x0bphường\x00 Đông Sơn",
        "venue": "Nhà văn hóa\x1b",
        "description": "Dòng 1\x0bDòng 2\x07",
        "organisers-TOTAL_FORMS": "0",
        "organisers-INITIAL_FORMS": "0",
        "programme-TOTAL_FORMS": "1",
        "programme-INITIAL_FORMS": "0",
        "programme-0-order": "1",
        "programme-0-part": "ceremony",
        "programme-0-kind": "speech",
        "programme-0-title": "Khai\x0bmạc\x00",
        "delegates-TOTAL_FORMS": "0",
        "delegates-INITIAL_FORMS": "0",
        "_action": "save",
    }

    response = client.post(reverse("events:festival.create"), data)

    assert response.status_code == 302, response.context["form"].errors
    festival = Festival.objects.get(host_unit=area.dong_son_ward, year=2026)
    assert (festival.title, festival.venue) == ("Ngày hội phường Đông Sơn", "Nhà văn hóa")
    assert festival.description == "Dòng 1\nDòng 2"
    assert [item.title for item in festival.programme_items.all()] == ["Khai mạc"]


def test_festival_list_pages_forward_and_back_without_a_total(
    client, english, area, commune_official
):
    first_day = datetime.date(2026, 1, 1)
    for n in range(27):
        make_festival(
            user=commune_official,
            host_unit=area.dong_son_ward,
            day=first_day + datetime.timedelta(days=n),
            title=f"Ngày hội số {n:02}",
            programme=n % 3,
            delegates=1,
        )
    client.force_login(commune_official)

    first = client.get(reverse("events:festival.list"))
    second = client.get(reverse("events:festival.list"), {"page": "2"})
    past_end = client.get(reverse("events:festival.list"), {"page": "3"})
    nonsense = client.get(reverse("events:festival.list"), {"page": "²"})

    titles = [f.title for f in first.context["page"].object_list]
    assert titles == [f"Ngày hội số {n:02}" for n in range(26, 1, -1)]
    assert [f.programme_count for f in first.context["page"].object_list[:3]] == [2, 1, 0]
    assert first.context["page"].has_next
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert [f.title for f in second.context["page"].object_list] == [
        "Ngày hội số 01",
        "Ngày hội số 00",
    ]
    assert not second.context["page"].has_next
    assert 'href="?page=1" rel="prev"' in second.content.decode()
    assert "Page 2, rows 26–27" in second.content.decode()
    assert past_end.status_code == 200
    assert "This page lies past the end of the list." in past_end.content.decode()
    assert "No festival matches" not in past_end.content.decode()
    assert nonsense.context["page"].number == 1


# --- waiting for you (issue 12, items 6 and 7) ---------------------------------------------


@pytest.fixture
def every_step(area, commune_official, district_staff):
    """One festival of Phường Đông Sơn at each step someone has to take."""
    today = datetime.date.today()
    past = today - datetime.timedelta(days=10)

    def made(title, day=None, approved=False):
        return make_festival(
            user=commune_official,
            host_unit=area.dong_son_ward,
            title=title,
            day=day,
            approver=district_staff if approved else None,
        )

    draft = made("Bản nháp", day=today + datetime.timedelta(days=40))
    returned = services.festival_submit(
        festival=made("Kế hoạch bị trả", day=today + datetime.timedelta(days=41)),
        user=commune_official,
    )
    returned = services.festival_return(
        festival=returned, user=district_staff, reason="Bổ sung danh sách đại biểu."
    )
    submitted = services.festival_submit(
        festival=made("Chờ duyệt", day=today + datetime.timedelta(days=42)),
        user=commune_official,
    )
    scheduled = made("Đã duyệt", day=today + datetime.timedelta(days=43), approved=True)
    to_write = made("Cần viết báo cáo", day=past, approved=True)
    to_publish = made("Báo cáo chờ công bố", day=past - datetime.timedelta(days=1), approved=True)
    write_report(to_publish, commune_official)
    services.report_submit(festival=to_publish, user=commune_official)
    report_returned = made("Báo cáo bị trả", day=past - datetime.timedelta(days=2), approved=True)
    write_report(report_returned, commune_official)
    services.report_submit(festival=report_returned, user=commune_official)
    services.report_return(
        festival=report_returned, user=district_staff, reason="Thiếu số người tham dự."
    )
    return {
        "draft": draft,
        "returned": returned,
        "submitted": submitted,
        "scheduled": scheduled,
        "to_write": to_write,
        "to_publish": to_publish,
        "report_returned": report_returned,
    }


def waiting_list(client, user):
    client.force_login(user)
    response = client.get(reverse("manage:dashboard"))
    return [
        (f.title, f.waiting, f.is_returned) for f in response.context["festivals"].needs_action
    ], response.content.decode()


def test_dashboard_lists_plans_to_approve_and_reports_to_publish_for_district_staff(
    client, every_step, district_staff
):
    waiting, page = waiting_list(client, district_staff)

    assert waiting == [
        ("Báo cáo chờ công bố", "report_to_publish", False),
        ("Chờ duyệt", "plan_to_approve", False),
    ]
    assert 'data-testid="waiting-report_to_publish"' in page
    assert in_vietnamese("report to review and publish").capitalize() in page


def test_dashboard_lists_returned_plans_and_reports_and_reports_to_write_for_the_commune(
    client, every_step, commune_official
):
    waiting, page = waiting_list(client, commune_official)

    assert waiting == [
        ("Báo cáo bị trả", "report_returned", True),
        ("Cần viết báo cáo", "report_to_write", False),
        ("Bản nháp", "plan_to_submit", False),
        ("Kế hoạch bị trả", "plan_returned", True),
    ]
    assert page.count('data-testid="returned-badge"') == 2
    assert "Thiếu số người tham dự." in page
    assert "Bổ sung danh sách đại biểu." in page


def test_dashboard_of_another_commune_lists_nothing_of_this_one(
    client, every_step, other_commune_official
):
    assert waiting_list(client, other_commune_official)[0] == []


def test_returned_report_shows_its_reason_at_the_top_of_the_festival_page(
    client, every_step, commune_official
):
    client.force_login(commune_official)

    page = client.get(every_step["report_returned"].get_absolute_url()).content.decode()

    banner = page.index('data-testid="return-reason"')
    assert page.index("Thiếu số người tham dự.", banner) < page.index('id="actions-heading"')
    assert in_vietnamese("The report was returned for changes:") in page


def test_returned_plan_shows_its_reason_at_the_top_of_the_festival_page(
    client, every_step, commune_official
):
    client.force_login(commune_official)

    page = client.get(every_step["returned"].get_absolute_url()).content.decode()

    assert 'data-testid="return-reason"' in page
    assert "Bổ sung danh sách đại biểu." in page


def test_published_report_shows_no_return_banner(
    client, every_step, commune_official, district_staff
):
    festival = services.report_publish(festival=every_step["to_publish"], user=district_staff)
    client.force_login(commune_official)

    page = client.get(festival.get_absolute_url()).content.decode()

    assert 'data-testid="return-reason"' not in page


# --- confirmation before what becomes public; unpublish and withdraw (issue 12, items 2, 9) --


def test_approve_asks_first_and_says_what_becomes_public(client, every_step, district_staff):
    festival = every_step["submitted"]
    client.force_login(district_staff)
    url = reverse("events:festival.transition", args=[festival.pk, "approve"])

    page = client.get(url).content.decode()

    assert Festival.objects.get(pk=festival.pk).status == FestivalStatus.SUBMITTED
    assert 'data-testid="becomes-public"' in page
    assert "3 " + in_vietnamese("%(counter)s programme item").split(" ", 1)[1] in page
    assert f'action="{url}"' in page
    assert client.post(url).status_code == 302
    assert Festival.objects.get(pk=festival.pk).status == FestivalStatus.SCHEDULED


def test_publish_asks_first_and_counts_what_the_public_will_read(
    client, every_step, district_staff
):
    festival = every_step["to_publish"]
    client.force_login(district_staff)

    response = client.get(reverse("events:report.transition", args=[festival.pk, "publish"]))

    assert response.status_code == 200
    assert response.context["preview"] == {
        "programme_count": 3,
        "organisers_count": 1,
        "delegates_count": 2,
        "directions_count": 1,
        "awards_count": 0,
        "tributes_count": 0,
        "photo_count": 0,
        "document_count": 0,
    }
    assert Festival.objects.get(pk=festival.pk).status == FestivalStatus.REPORT_SUBMITTED


@pytest.mark.parametrize(
    ("step", "action", "route"),
    [
        ("submitted", "approve", "events:festival.transition"),
        ("to_publish", "publish", "events:report.transition"),
        ("draft", "submit", "events:festival.transition"),
        ("submitted", "nonsense", "events:festival.transition"),
    ],
)
def test_confirmation_page_is_404_to_whoever_may_not_take_the_step(
    client, every_step, commune_official, step, action, route
):
    client.force_login(commune_official)

    response = client.get(reverse(route, args=[every_step[step].pk, action]))

    assert response.status_code == 404


def test_district_unpublishes_a_report_with_a_reason(
    client, every_step, district_staff, commune_official
):
    festival = services.report_publish(festival=every_step["to_publish"], user=district_staff)
    client.force_login(district_staff)
    url = reverse("events:report.transition", args=[festival.pk, "unpublish"])
    assert 'name="reason"' in client.get(url).content.decode()

    refused = client.post(url, {"reason": "  "}, follow=True)
    assert Festival.objects.get(pk=festival.pk).status == FestivalStatus.PUBLISHED
    assert in_vietnamese("Give a reason: it is shown to the commune and kept in the history.") in (
        refused.content.decode()
    )

    client.post(url, {"reason": "Ảnh có người chưa đồng ý đăng."})

    festival.refresh_from_db()
    assert festival.status == FestivalStatus.REPORT_SUBMITTED
    assert festival.report.published_at is None
    assert festival.report.review_notes == "Ảnh có người chưa đồng ý đăng."
    last = festival.transitions.order_by("-at", "-pk").first()
    assert (last.action, last.from_status, last.reason) == (
        "unpublish",
        "published",
        "Ảnh có người chưa đồng ý đăng.",
    )
    assert client.get(festival.get_public_url()).status_code == 404


def test_commune_cannot_unpublish(client, every_step, district_staff, commune_official):
    festival = services.report_publish(festival=every_step["to_publish"], user=district_staff)
    client.force_login(commune_official)
    url = reverse("events:report.transition", args=[festival.pk, "unpublish"])

    assert client.get(url).status_code == 404
    client.post(url, {"reason": "Thử"})

    assert Festival.objects.get(pk=festival.pk).status == FestivalStatus.PUBLISHED


def test_commune_withdraws_a_submitted_plan_before_review(client, every_step, commune_official):
    festival = every_step["submitted"]
    client.force_login(commune_official)
    assert (
        in_vietnamese("Withdraw the plan")
        in client.get(festival.get_absolute_url()).content.decode()
    )

    client.post(reverse("events:festival.transition", args=[festival.pk, "withdraw"]))

    assert Festival.objects.get(pk=festival.pk).status == FestivalStatus.DRAFT
    assert festival.transitions.order_by("-at", "-pk").first().action == "withdraw"


def test_plan_approved_already_cannot_be_withdrawn(client, every_step, commune_official):
    festival = every_step["scheduled"]
    client.force_login(commune_official)

    client.post(reverse("events:festival.transition", args=[festival.pk, "withdraw"]))

    assert Festival.objects.get(pk=festival.pk).status == FestivalStatus.SCHEDULED


def test_district_cannot_withdraw_the_communes_plan(client, every_step, district_staff):
    festival = every_step["submitted"]
    client.force_login(district_staff)

    client.post(reverse("events:festival.transition", args=[festival.pk, "withdraw"]))

    assert Festival.objects.get(pk=festival.pk).status == FestivalStatus.SUBMITTED
