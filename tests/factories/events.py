"""Festivals for tests, built through the services so that they are always valid."""

import datetime
import itertools
import zoneinfo

from attendees.enums import DelegateCategory
from events import services

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
_counter = itertools.count(1)


def at(day, hour=7, minute=30):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=VIETNAM)


def make_festival(
    *, user, host_unit, day=None, title=None, programme=3, delegates=2, status=None, approver=None
):
    """A festival with `programme` items and `delegates`; `approver` submits and approves it."""
    day = day or datetime.date.today() + datetime.timedelta(days=30)
    n = next(_counter)
    festival = services.festival_create(
        user=user,
        host_unit=host_unit,
        data={
            "year": day.year,
            "title": title or f"Ngày hội thử nghiệm {n}",
            "starts_at": at(day),
            "ends_at": at(day, 11),
            "venue": f"Nhà văn hóa số {n}",
            "address": "",
            "pilot_level": "",
            "plan_number": f"{n}/KH-UBND",
            "expected_attendance": 200,
            "description": "",
        },
        organisers=[{"name": "Ban Chỉ đạo ANTT", "role": "lead"}],
        programme=[
            {
                "part": "ceremony",
                "time": datetime.time(7, 30 + i),
                "kind": "speech",
                "title": f"Mục {i}",
                "speaker_name": "",
            }
            for i in range(programme)
        ],
        delegates=[
            {
                "full_name": f"Đại biểu {n}-{i}",
                "position": "Chủ tịch",
                "organisation": "UBND",
                "category": DelegateCategory.GUEST,
                "precedence": i,
                "status": "invited",
            }
            for i in range(delegates)
        ],
    )
    if approver is not None:
        festival = services.festival_submit(festival=festival, user=user)
        festival = services.festival_approve(festival=festival, user=approver)
    return festival
