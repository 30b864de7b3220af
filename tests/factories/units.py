"""Administrative units and their successions."""

import datetime

import factory

from units.enums import UnitKind
from units.models import AdministrativeUnit, UnitSuccession


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{90000 + n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = UnitKind.COMMUNE
    parent = None
    valid_from = None
    valid_to = None


class ProvinceFactory(UnitFactory):
    code = factory.Sequence(lambda n: f"{(n % 60) + 100}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    kind = UnitKind.PROVINCE


class SuccessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitSuccession

    date = datetime.date(2025, 7, 1)
    kind = "merge"
