"""Who is told of each festival step (notifications.services, called by the lifecycle in
events): in-app for the users whose role and scope the step concerns, by mail after the commit
for those who want it, never for a step that was rolled back."""

import datetime
import socket
import threading

import pytest
from django.core import mail
from django.db import transaction

from accounts.enums import Role
from accounts.models import User
from events import services
from events.enums import FestivalStatus
from notifications.enums import NotificationKind
from notifications.models import Notification
from notifications.services import (
    notification_mark_read,
    notifications_mail,
    notifications_mark_all_read,
    notifications_send,
)
from tests.events.test_concurrency import _in_threads
from tests.factories.accounts import RoleFactory, UserFactory
from tests.factories.events import FestivalFactory, at, make_festival, write_report

K = NotificationKind


@pytest.fixture
def people(area, commune_official, district_staff):
    """Those who must hear of Phường Đông Sơn's steps, and those who must not."""
    return {
        "commune": commune_official,
        "district": district_staff,
        # A second official of the same commune, and the staff of another province.
        "colleague": RoleFactory(role=Role.COMMUNE_OFFICIAL, unit=area.dong_son_ward).user,
        "other_district": RoleFactory(role=Role.DISTRICT_STAFF, unit=area.other_province).user,
        "other_commune": RoleFactory(role=Role.COMMUNE_OFFICIAL, unit=area.hac_thanh_ward).user,
        "administrator": RoleFactory(role=Role.ADMINISTRATOR, unit=None).user,
        "former": RoleFactory(
            role=Role.DISTRICT_STAFF,
            unit=area.thanh_hoa,
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2025, 6, 30),
        ).user,
        "inactive": RoleFactory(
            role=Role.DISTRICT_STAFF, unit=area.thanh_hoa, user=UserFactory(is_active=False)
        ).user,
    }


def told(kind):
    return {n.recipient for n in Notification.objects.filter(kind=kind)}


@pytest.fixture
def draft(area, commune_official):
    return make_festival(
        user=commune_official, host_unit=area.dong_son_ward, title="Ngày hội phường Đông Sơn 2026"
    )


@pytest.fixture
def submitted(draft, commune_official):
    return services.festival_submit(festival=draft, user=commune_official)


def test_a_submitted_plan_tells_the_staff_over_the_commune_only(people, submitted):
    (notification,) = Notification.objects.all()
    assert notification.recipient == people["district"]
    assert notification.kind == K.SUBMIT
    assert notification.festival == submitted
    assert notification.actor == people["commune"]
    assert notification.actor_name == people["commune"].full_name
    assert notification.read_at is None
    assert notification.headline == (
        f"{people['commune'].full_name} submitted the plan “Ngày hội phường Đông Sơn 2026” "
        "for approval."
    )
    assert notification.next_step == "It waits for you: approve it, or return it with a reason."
    people["district"].refresh_from_db()
    assert people["district"].unread_notifications == 1
    for name in ("other_district", "administrator", "former", "inactive", "colleague"):
        people[name].refresh_from_db()
        assert people[name].unread_notifications == 0, name


def test_each_step_tells_the_other_side(people, submitted, commune_official, district_staff):
    services.festival_return(festival=submitted, user=district_staff, reason="Thiếu chương trình.")
    assert told(K.RETURN) == {people["commune"], people["colleague"]}
    assert Notification.objects.get(kind=K.RETURN, recipient=commune_official).reason == (
        "Thiếu chương trình."
    )

    services.festival_submit(festival=submitted, user=commune_official)
    services.festival_transition(festival=submitted, user=commune_official, action="withdraw")
    assert told(K.WITHDRAW) == {people["district"]}

    services.festival_submit(festival=submitted, user=commune_official)
    services.festival_approve(festival=submitted, user=district_staff)
    assert told(K.APPROVE) == {people["commune"], people["colleague"]}

    before = submitted.starts_at
    starts = at(datetime.date.today() + datetime.timedelta(days=40), 8, 0)
    services.festival_reschedule(
        festival=submitted,
        user=district_staff,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        reason="Trùng lịch bầu cử.",
    )
    assert told(K.RESCHEDULE) == {people["commune"], people["colleague"]}
    moved = Notification.objects.get(kind=K.RESCHEDULE, recipient=commune_official)
    assert moved.new_dates == (
        f"Now from {starts:%d/%m/%Y} 08:00 to {starts:%d/%m/%Y} 11:00 "
        f"(was from {before:%d/%m/%Y} 07:30 to {before:%d/%m/%Y} 11:30)."
    )

    # Postponed by the commune: the district is told, and the other official of the commune.
    services.festival_postpone(festival=submitted, user=commune_official, reason="Mưa bão.")
    assert told(K.POSTPONE) == {people["district"], people["colleague"]}
    services.festival_cancel(festival=submitted, user=district_staff, reason="Không tổ chức.")
    assert told(K.CANCEL) == {people["commune"], people["colleague"]}

    # Nobody outside Phường Đông Sơn's line ever heard of it.
    outsiders = {people[n] for n in ("other_district", "other_commune", "administrator")}
    outsiders |= {people["former"], people["inactive"]}
    assert not Notification.objects.filter(recipient__in=outsiders).exists()


def test_the_report_steps_tell_the_other_side(people, held, commune_official, district_staff):
    write_report(held, commune_official)
    services.report_submit(festival=held, user=commune_official)
    assert told(K.SUBMIT_REPORT) == {people["district"]}
    services.report_return(festival=held, user=district_staff, reason="Bổ sung số người.")
    assert told(K.RETURN_REPORT) == {people["commune"], people["colleague"]}
    services.report_submit(festival=held, user=commune_official)
    services.report_publish(festival=held, user=district_staff)
    assert told(K.PUBLISH) == {people["commune"], people["colleague"]}
    services.festival_transition(
        festival=held, user=district_staff, action="unpublish", reason="Ảnh chưa được đồng ý."
    )
    assert told(K.UNPUBLISH) == {people["commune"], people["colleague"]}
    district_staff.refresh_from_db()
    # The plan submitted (by the fixture), the report submitted twice.
    assert district_staff.unread_notifications == 3


def test_the_officials_of_a_successor_hear_of_a_festival_of_the_unit_it_succeeded(
    area, commune_official, district_staff, other_commune_official
):
    """Thị trấn Rừng Thông's 2023 festival is Phường Đông Sơn's now (unit history)."""
    festival = FestivalFactory(
        host_unit=area.rung_thong_township, year=2023, status=FestivalStatus.SUBMITTED
    )
    services.festival_approve(festival=festival, user=district_staff)
    assert told(K.APPROVE) == {commune_official}


def test_the_steps_of_another_province_tell_its_own_staff_only(
    area, district_staff, other_commune_official
):
    official = RoleFactory(role=Role.COMMUNE_OFFICIAL, unit=area.other_commune).user
    staff = RoleFactory(role=Role.DISTRICT_STAFF, unit=area.other_province).user
    festival = make_festival(user=official, host_unit=area.other_commune)
    services.festival_submit(festival=festival, user=official)
    assert told(K.SUBMIT) == {staff}


def test_the_mail_leaves_after_the_commit_in_the_recipients_language(
    people, draft, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://antq.example.gov.vn"
    english = RoleFactory(
        role=Role.DISTRICT_STAFF, unit=people["district"].role_assignments.get().unit
    ).user
    english.language = "en"
    english.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.festival_submit(festival=draft, user=people["commune"])
        assert mail.outbox == []  # not before the commit
    assert len(callbacks) == 1
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {people["district"].email, english.email}

    vietnamese = by_address[people["district"].email]
    assert vietnamese.subject == "Kế hoạch chờ phê duyệt: Ngày hội phường Đông Sơn 2026"
    assert f"Chào {people['district'].full_name}," in vietnamese.body
    assert (
        f"Mở Ngày hội: https://antq.example.gov.vn/manage/festivals/{draft.pk}/" in vietnamese.body
    )

    message = by_address[english.email]
    assert message.subject == "Plan to approve: Ngày hội phường Đông Sơn 2026"
    assert message.body.splitlines()[:4] == [
        f"Hello {english.full_name},",
        "",
        f"{people['commune'].full_name} submitted the plan “Ngày hội phường Đông Sơn 2026” for "
        "approval.",
        "Phường Đông Sơn · " + str(draft.year),
    ]
    assert f"Open the festival: https://antq.example.gov.vn/manage/festivals/{draft.pk}/" in (
        message.body
    )
    assert "All your notifications: https://antq.example.gov.vn/manage/notifications/" in (
        message.body
    )
    assert Notification.objects.filter(mailed_at__isnull=True).count() == 0


def test_a_user_with_mail_off_is_told_in_app_only(
    people, draft, django_capture_on_commit_callbacks
):
    district = people["district"]
    district.notify_by_mail = False
    district.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.festival_submit(festival=draft, user=people["commune"])
    assert mail.outbox == []
    (notification,) = Notification.objects.filter(recipient=district)
    assert notification.mailed_at is None
    district.refresh_from_db()
    assert district.unread_notifications == 1


def test_a_user_without_an_address_gets_no_mail(people, draft, django_capture_on_commit_callbacks):
    people["district"].email = ""
    people["district"].save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.festival_submit(festival=draft, user=people["commune"])
    assert callbacks == []
    assert mail.outbox == []
    assert told(K.SUBMIT) == {people["district"]}


def test_a_rolled_back_step_tells_no_one(people, draft, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.festival_submit(festival=draft, user=people["commune"])
        raise RuntimeError
    assert callbacks == []
    assert mail.outbox == []
    assert Notification.objects.count() == 0
    people["district"].refresh_from_db()
    assert people["district"].unread_notifications == 0


def test_a_refused_step_tells_no_one(people, draft, district_staff):
    with pytest.raises(Exception, match="Only the host commune"):
        services.festival_submit(festival=draft, user=district_staff)
    assert Notification.objects.count() == 0


def test_mail_sent_twice_leaves_once(people, submitted):
    ids = list(Notification.objects.values_list("pk", flat=True))
    mail.outbox.clear()
    Notification.objects.update(mailed_at=None)
    assert notifications_mail(notification_ids=ids) == 1
    assert notifications_mail(notification_ids=ids) == 0
    assert len(mail.outbox) == 1


def test_mail_a_server_refuses_is_tried_again_later(people, submitted, settings):
    """The mail server is down: the notification stays unmailed and the error goes up to the
    task, which retries it (core.tasks)."""
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    Notification.objects.update(mailed_at=None)
    ids = list(Notification.objects.values_list("pk", flat=True))
    with pytest.raises(ConnectionRefusedError):
        notifications_mail(notification_ids=ids)
    assert Notification.objects.get().mailed_at is None


def test_reading_lowers_the_unread_count_once(people, submitted, commune_official, draft):
    district = people["district"]
    services.festival_transition(festival=submitted, user=commune_official, action="withdraw")
    district.refresh_from_db()
    assert district.unread_notifications == 2
    first, second = Notification.objects.filter(recipient=district).order_by("pk")
    assert notification_mark_read(notification=first, user=district) == 1
    assert notification_mark_read(notification=first, user=district) == 0
    # Someone else's notification is not theirs to read.
    assert notification_mark_read(notification=second, user=commune_official) == 0
    district.refresh_from_db()
    assert district.unread_notifications == 1
    assert notifications_mark_all_read(user=district) == 1
    assert notifications_mark_all_read(user=district) == 0
    district.refresh_from_db()
    assert district.unread_notifications == 0
    assert Notification.objects.filter(recipient=district, read_at__isnull=True).count() == 0


@pytest.mark.parametrize("count", [1, 3, 20])
def test_telling_costs_three_queries_whatever_the_number_of_recipients(
    area, draft, commune_official, django_assert_num_queries, count
):
    staff = [RoleFactory(role=Role.DISTRICT_STAFF, unit=area.thanh_hoa).user for _ in range(count)]
    # recipients, the notifications, their unread counts
    with django_assert_num_queries(3):
        made = notifications_send(
            kind=K.SUBMIT, festival=draft, actor=commune_official, roles={Role.DISTRICT_STAFF}
        )
    assert {n.recipient_id for n in made} == {u.pk for u in staff}
    assert set(
        type(staff[0])
        .objects.filter(pk__in=[u.pk for u in staff])
        .values_list("unread_notifications", flat=True)
    ) == {1}


@pytest.mark.django_db(transaction=True)
def test_concurrent_reads_lower_the_count_once(people, submitted):
    """Two tabs open the same notification while a third marks all read, at once."""
    district = people["district"]
    notification = Notification.objects.get(recipient=district)
    turns = iter(["open", "open", "all"])
    lock = threading.Lock()

    def read():
        with lock:
            turn = next(turns)
        user = User.objects.get(pk=district.pk)
        if turn == "all":
            return notifications_mark_all_read(user=user)
        return notification_mark_read(notification=notification, user=user)

    assert sorted(_in_threads(3, read)) == [0, 0, 1]
    district.refresh_from_db()
    assert district.unread_notifications == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_steps_count_every_notification(area, people, commune_official):
    """Three plans submitted at once: the district's count is three, as its notifications."""
    pending = [make_festival(user=commune_official, host_unit=area.dong_son_ward) for _ in "abc"]
    lock = threading.Lock()

    def submit():
        with lock:
            festival = pending.pop()
        user = User.objects.get(pk=commune_official.pk)
        return services.festival_submit(festival=festival, user=user).status

    assert _in_threads(3, submit) == [FestivalStatus.SUBMITTED] * 3
    district = people["district"]
    district.refresh_from_db()
    assert district.unread_notifications == 3
    assert Notification.objects.filter(recipient=district).count() == 3
