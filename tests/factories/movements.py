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


def model_data(**changes):
    """The fields of a model as the form gives them to the services."""
    return {
        "name": "Camera an ninh khu phố 3",
        "category": category("camera-an-ninh"),
        "lead_organisation": "Công an phường Đông Sơn",
        "partner_organisations": "Tổ dân phố số 3\nHội Cựu chiến binh",
        "started_on": datetime.date(2021, 6, 1),
        "description": "Mười camera ở các ngã tư.",
        "results": "Làm rõ hai vụ trộm cắp.",
        **changes,
    }
