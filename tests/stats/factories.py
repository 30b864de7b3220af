"""Festivals in any status, built directly (the statistics only read them), with their reports."""

import datetime

import factory

from events.enums import FestivalStatus
from events.models import Festival, FestivalReport
from tests.events.helpers import at


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
