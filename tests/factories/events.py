"""Festivals for tests: `make_festival` builds one through the services, so that it is always
valid; the factories build rows in any status directly, for tests that only read them (the
statistics); the other builders add photos, documents and reports through the services."""

import datetime
import itertools
import zoneinfo

import factory

from attendees.enums import DelegateCategory
from events import photos, services
from events.enums import DocumentKind, FestivalStatus
from events.models import Festival, FestivalReport
from tests.images import image_bytes, pdf_upload, upload

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


class FestivalFactory(factory.django.DjangoModelFactory):
    """A published festival by default; `host_unit` must be given."""

    class Meta:
        model = Festival

    year = 2025
    slug = factory.Sequence(lambda n: f"ngay-hoi-thong-ke-{n}")
    title = factory.Sequence(lambda n: f"Ngày hội thống kê {n}")
    starts_at = factory.LazyAttribute(lambda f: at(datetime.date(f.year, 8, 15)))
    ends_at = factory.LazyAttribute(lambda f: at(datetime.date(f.year, 8, 15), 11))
    venue = "Nhà văn hóa"
    status = FestivalStatus.PUBLISHED


class FestivalReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FestivalReport

    summary = "Ngày hội diễn ra trang trọng."
    attendance = 300


# --- photos and documents (events/photos.py) ------------------------------------------------------


def add_photo(festival, user, content=None, name="anh.jpg", **text):
    """A photo added through the service: a plain JPEG unless `content` is given."""
    return photos.festival_photo_add(
        festival=festival,
        user=user,
        upload=upload(image_bytes("JPEG") if content is None else content, name=name),
        **text,
    )


def add_document(festival, user, upload=None, **changes):
    """A plan added through the service, as a small real PDF unless `upload` is given."""
    values = {
        "kind": DocumentKind.PLAN,
        "title": "Kế hoạch tổ chức Ngày hội",
        "number": "45/KH-UBND",
        "date": datetime.date(2025, 7, 20),
        "issuer": "UBND phường Đông Sơn",
        **changes,
    }
    return photos.festival_document_add(
        festival=festival, user=user, upload=upload or pdf_upload(), **values
    )


# --- reports (events.services) --------------------------------------------------------------------

REPORT = {
    "summary": "Ngày hội diễn ra trang trọng, đông đảo Nhân dân tham gia.",
    "results": "Tội phạm giảm.",
    "attendance": 420,
    "organisations_present": "UBND phường\nCông an phường",
    "highlights": "Ký giao ước thi đua.",
    "author_credit": "Ban Chỉ đạo ANTT",
}


def write_report(festival, user, **changes):
    """The report of a held festival saved through the service: REPORT with `changes`, one
    direction, and the first delegate marked as attended."""
    festival.refresh_from_db()
    return services.report_save(
        festival=festival,
        user=user,
        version=festival.version,
        data={**REPORT, **changes},
        directions=[
            {"text": "Duy trì tổ an ninh xã hội", "owner": "Công an phường", "due_on": None}
        ],
        attended=[festival.delegates.first().pk],
    )


def publish_report(festival, author, approver, **changes):
    """The report written and submitted by `author`, then published by `approver`."""
    write_report(festival, author, **changes)
    services.report_submit(festival=festival, user=author)
    return services.report_publish(festival=festival, user=approver)
