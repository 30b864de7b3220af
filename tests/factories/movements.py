"""Movement models for tests. Categories come from the data migration (looked up by code)."""

import datetime

import factory

from movements.enums import ModelStatus
from movements.models import ModelCategory, MovementModel


def category(code="camera-an-ninh"):
    return ModelCategory.objects.get(code=code)


class MovementModelFactory(factory.django.DjangoModelFactory):
    """A saved model; `unit` must be given (a commune-level unit of the test area)."""

    class Meta:
        model = MovementModel

    name = factory.Sequence(lambda n: f"Mô hình thử nghiệm {n}")
    category = factory.LazyFunction(category)
    lead_organisation = "Công an phường"
    partner_organisations = ""
    started_on = datetime.date(2022, 3, 1)
    status = ModelStatus.ACTIVE
    description = ""
    results = ""
