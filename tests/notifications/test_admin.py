"""The administration shows notifications read-only, and a user's mail preference."""

from django.urls import reverse

from events import services
from notifications.models import Notification
from tests.factories.events import make_festival


def test_the_admin_lists_notifications_and_edits_none(
    client, area, administrator, commune_official, district_staff
):
    festival = make_festival(user=commune_official, host_unit=area.dong_son_ward)
    services.festival_submit(festival=festival, user=commune_official)
    notification = Notification.objects.get()
    client.force_login(administrator)
    listing = client.get(reverse("admin:notifications_notification_changelist"))
    assert listing.status_code == 200
    assert festival.title in listing.content.decode()
    assert client.get(reverse("admin:notifications_notification_add")).status_code == 403
    change = client.post(
        reverse("admin:notifications_notification_change", args=[notification.pk]),
        {"reason": "Sửa tay"},
    )
    assert change.status_code == 403
    notification.refresh_from_db()
    assert notification.reason == ""


def test_the_user_page_shows_the_mail_preference(client, administrator, district_staff):
    client.force_login(administrator)
    page = client.get(reverse("admin:accounts_user_change", args=[district_staff.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="notify_by_mail"' in content
    assert 'name="language"' in content
