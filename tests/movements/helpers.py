"""Data and message helpers shared by the movement-model tests."""

import datetime

from django.utils import translation
from django.utils.translation import gettext

from tests.movements.factories import category


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


def in_vietnamese(message, **params):
    """`message` as a page shows it: through the Vietnamese catalogue, with its parameters."""
    with translation.override("vi"):
        text = gettext(message)
    return text % params if params else text
