"""The notification mail through a real Celery worker on Redis: the step commits, the worker
sends the mail (to files the test reads) and marks the notification mailed."""

from email import message_from_bytes
from email.header import decode_header, make_header

import pytest

from events import services
from notifications.models import Notification
from tests.factories.events import make_festival
from tests.fixtures.celery import wait_for


@pytest.mark.django_db(transaction=True)
def test_a_worker_mails_the_district_once_the_plan_is_submitted(
    celery_worker, area, commune_official, district_staff
):
    festival = make_festival(
        user=commune_official, host_unit=area.dong_son_ward, title="Ngày hội phường Đông Sơn 2026"
    )
    services.festival_submit(festival=festival, user=commune_official)

    wait_for(
        lambda: Notification.objects.filter(mailed_at__isnull=False).exists(),
        what="the notification mail",
    )
    (notification,) = Notification.objects.all()
    assert notification.recipient == district_staff
    files = list(celery_worker["mail"].iterdir())
    messages = [message_from_bytes(path.read_bytes()) for path in files]
    (message,) = [m for m in messages if m["To"] == district_staff.email]
    assert str(make_header(decode_header(message["Subject"]))) == (
        "Kế hoạch chờ phê duyệt: Ngày hội phường Đông Sơn 2026"
    )
    body = message.get_payload(decode=True).decode()
    assert f"http://127.0.0.1:8000/manage/festivals/{festival.pk}/" in body
