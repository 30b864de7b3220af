"""The notifications page (/manage/notifications/): a user's own notifications only, newest
first, opened (and marked read) one by one or all marked read at once; the unread count in the
navigation; the mail preference. Another user's notification is a 404."""

import datetime

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import timezone

from accounts.enums import Role
from events import services
from notifications.models import Notification
from tests.conftest import in_vietnamese
from tests.factories.accounts import RoleFactory
from tests.factories.events import make_festival

LIST = reverse("notifications:notification.list")


def shown_messages(response):
    return [(m.level, str(m)) for m in response.context["messages"]]


@pytest.fixture
def submit(area, commune_official):
    """`count` plans of Phường Đông Sơn submitted, one after the other: one notification each
    for the district staff."""

    def build(count):
        festivals = []
        for n in range(count):
            festival = make_festival(
                user=commune_official,
                host_unit=area.dong_son_ward,
                title=f"Ngày hội khu phố {n + 1}",
                programme=1,
                delegates=0,
            )
            festivals.append(services.festival_submit(festival=festival, user=commune_official))
        # Apart in time, so that the order is the order of the steps.
        for age, notification in enumerate(Notification.objects.order_by("-pk")):
            Notification.objects.filter(pk=notification.pk).update(
                created_at=timezone.now() - datetime.timedelta(minutes=age)
            )
        return festivals

    return build


def test_the_list_shows_the_users_notifications_newest_first(client, district_staff, submit):
    first, second = submit(2)
    client.force_login(district_staff)
    response = client.get(LIST)
    content = response.content.decode()
    shown = list(response.context["page"])
    assert [n.festival for n in shown] == [second, first]
    assert content.index("Ngày hội khu phố 2") < content.index("Ngày hội khu phố 1")
    open_url = reverse("notifications:notification.open", args=[shown[0].pk])
    assert f'href="{open_url}"' in content
    assert content.count('data-testid="unread"') == 2
    assert 'data-testid="unread-count">2<' in content
    # No mail preference changed yet: on, in Vietnamese.
    assert response.context["preferences"]["notify_by_mail"].value() is True


def test_the_badge_shows_on_other_pages_and_goes_when_all_are_read(client, district_staff, submit):
    submit(3)
    client.force_login(district_staff)
    dashboard = client.get(reverse("manage:dashboard")).content.decode()
    assert 'data-testid="unread-count">3<' in dashboard
    response = client.post(reverse("notifications:notification.read_all"), follow=True)
    assert shown_messages(response) == [
        (messages.SUCCESS, in_vietnamese("All your notifications are marked read."))
    ]
    assert 'data-testid="unread-count"' not in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    district_staff.refresh_from_db()
    assert district_staff.unread_notifications == 0
    again = client.post(reverse("notifications:notification.read_all"), follow=True)
    assert shown_messages(again) == [
        (messages.INFO, in_vietnamese("You had no unread notifications."))
    ]


def test_opening_a_notification_marks_it_read_and_goes_to_the_festival(
    client, district_staff, submit
):
    (festival,) = submit(1)
    notification = Notification.objects.get()
    client.force_login(district_staff)
    response = client.get(reverse("notifications:notification.open", args=[notification.pk]))
    assert response.status_code == 302
    assert response.url == reverse("events:festival.detail", args=[festival.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    district_staff.refresh_from_db()
    assert district_staff.unread_notifications == 0
    page = client.get(response.url)
    assert page.status_code == 200
    assert 'data-testid="unread-count"' not in page.content.decode()


def test_a_head_request_opens_nothing(client, district_staff, submit):
    submit(1)
    notification = Notification.objects.get()
    client.force_login(district_staff)
    response = client.head(reverse("notifications:notification.open", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is None


def test_another_users_notification_is_a_404_and_stays_unread(client, area, district_staff, submit):
    submit(1)
    notification = Notification.objects.get()
    colleague = RoleFactory(role=Role.DISTRICT_STAFF, unit=area.thanh_hoa).user
    client.force_login(colleague)
    response = client.get(reverse("notifications:notification.open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    listing = client.get(LIST)
    assert list(listing.context["page"]) == []
    assert (
        in_vietnamese("No notifications yet. You are told here when a festival step concerns you.")
        in listing.content.decode()
    )
    # "Mark all read" marks only one's own.
    client.post(reverse("notifications:notification.read_all"))
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_pages_need_a_role(client, user_without_role, submit, district_staff):
    submit(1)
    pk = Notification.objects.get().pk
    anonymous = client.get(LIST)
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("login"))
    client.force_login(user_without_role)
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("notifications:notification.open", args=[pk])).status_code == 403
    assert client.post(reverse("notifications:notification.read_all")).status_code == 403


def test_mark_all_read_and_the_preference_take_posts_only(client, district_staff):
    client.force_login(district_staff)
    assert client.get(reverse("notifications:notification.read_all")).status_code == 405
    assert client.get(reverse("notifications:notification.preferences")).status_code == 405
    assert client.post(LIST).status_code == 405


def test_mail_can_be_turned_off_and_its_language_chosen(client, district_staff):
    client.force_login(district_staff)
    response = client.post(
        reverse("notifications:notification.preferences"), {"language": "en"}, follow=True
    )
    assert shown_messages(response) == [
        (messages.SUCCESS, in_vietnamese("Saved: you receive no more mail about festival steps."))
    ]
    district_staff.refresh_from_db()
    assert (district_staff.notify_by_mail, district_staff.language) == (False, "en")
    assert response.context["preferences"]["notify_by_mail"].value() is False
    response = client.post(
        reverse("notifications:notification.preferences"),
        {"notify_by_mail": "on", "language": "vi"},
        follow=True,
    )
    assert shown_messages(response) == [
        (messages.SUCCESS, in_vietnamese("Saved: you receive these notifications by mail too."))
    ]
    district_staff.refresh_from_db()
    assert (district_staff.notify_by_mail, district_staff.language) == (True, "vi")


def test_a_bad_preference_saves_nothing_and_says_why(client, district_staff):
    client.force_login(district_staff)
    response = client.post(
        reverse("notifications:notification.preferences"), {"language": "fr"}, follow=True
    )
    assert response.status_code == 200
    [(level, text)] = shown_messages(response)
    assert level == messages.ERROR
    assert "fr" in text
    district_staff.refresh_from_db()
    assert (district_staff.notify_by_mail, district_staff.language) == (True, "")


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_the_list_query_count_is_fixed(
    client, district_staff, submit, django_assert_num_queries, rows
):
    submit(rows)
    client.force_login(district_staff)
    client.get(LIST)
    # session, user, savepoint, roles, the page of notifications with their festivals, release
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert len(response.context["page"]) == rows
    assert f'data-testid="unread-count">{rows}<' in response.content.decode()


def test_the_list_pages_by_25(client, district_staff, submit):
    submit(26)
    client.force_login(district_staff)
    first = client.get(LIST)
    assert len(first.context["page"]) == 25
    assert first.context["page"].has_next
    second = client.get(LIST, {"page": 2})
    (oldest,) = second.context["page"]
    assert oldest.festival.title == "Ngày hội khu phố 1"
