"""Fixtures and helpers shared by the whole suite: the test area and its people, uploads kept
out of the project's folders, the language of messages. The fixtures of one domain that several
interfaces share (a held festival, award decisions, the statistics scenario, …) live in
tests/fixtures/ and are loaded from here."""

import datetime
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from django.utils.translation import gettext
from PIL import ImageFile

from accounts.enums import Role
from tests.factories.accounts import RoleFactory, UserFactory
from tests.factories.units import ProvinceFactory, SuccessionFactory, UnitFactory
from units.enums import UnitKind
from units.services import units_rebuild_scope

pytest_plugins = [
    "tests.fixtures.events",
    "tests.fixtures.awards",
    "tests.fixtures.movements",
    "tests.fixtures.stats",
    "tests.fixtures.celery",
    "tests.fixtures.s3",
]


def in_vietnamese(message, **params):
    """`message` as a page shows it: through the Vietnamese catalogue, with its parameters."""
    with translation.override("vi"):
        text = gettext(message)
    return text % params if params else text


@dataclass
class Area:
    """Thanh Hóa's Rừng Thông chain and neighbours, as small as the tests need."""

    thanh_hoa: object
    dong_son_district: object
    thanh_hoa_city: object
    rung_thong_township: object
    rung_thong_ward: object
    dong_son_ward: object
    hac_thanh_ward: object
    other_province: object
    other_commune: object


@pytest.fixture
def area(db):
    thanh_hoa = ProvinceFactory(code="38", name="Tỉnh Thanh Hóa")
    dong_son_district = UnitFactory(
        code="405",
        name="Huyện Đông Sơn",
        kind=UnitKind.DISTRICT,
        parent=thanh_hoa,
        valid_to=datetime.date(2024, 11, 30),
    )
    thanh_hoa_city = UnitFactory(
        code="380",
        name="Thành phố Thanh Hóa",
        kind=UnitKind.PROVINCIAL_CITY,
        parent=thanh_hoa,
        valid_to=datetime.date(2025, 6, 30),
    )
    rung_thong_township = UnitFactory(
        code="16378",
        name="Thị trấn Rừng Thông",
        kind=UnitKind.TOWNSHIP,
        parent=dong_son_district,
        valid_to=datetime.date(2024, 11, 30),
    )
    rung_thong_ward = UnitFactory(
        code="16378",
        name="Phường Rừng Thông",
        kind=UnitKind.WARD,
        parent=thanh_hoa_city,
        valid_from=datetime.date(2024, 12, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    dong_son_ward = UnitFactory(
        code="16378",
        name="Phường Đông Sơn",
        kind=UnitKind.WARD,
        parent=thanh_hoa,
        valid_from=datetime.date(2025, 7, 1),
    )
    hac_thanh_ward = UnitFactory(
        code="14797",
        name="Phường Hạc Thành",
        kind=UnitKind.WARD,
        parent=thanh_hoa,
        valid_from=datetime.date(2025, 7, 1),
    )
    other_province = ProvinceFactory(code="40", name="Tỉnh Nghệ An")
    other_commune = UnitFactory(
        code="16681", name="Phường Vinh Phú", kind=UnitKind.WARD, parent=other_province
    )
    SuccessionFactory(
        predecessor=dong_son_district, successor=thanh_hoa_city, date=datetime.date(2024, 12, 1)
    )
    SuccessionFactory(
        predecessor=rung_thong_township,
        successor=rung_thong_ward,
        date=datetime.date(2024, 12, 1),
        kind="upgrade",
    )
    SuccessionFactory(
        predecessor=rung_thong_ward, successor=dong_son_ward, date=datetime.date(2025, 7, 1)
    )
    units_rebuild_scope()
    return Area(
        thanh_hoa,
        dong_son_district,
        thanh_hoa_city,
        rung_thong_township,
        rung_thong_ward,
        dong_son_ward,
        hac_thanh_ward,
        other_province,
        other_commune,
    )


@pytest.fixture
def commune_official(area):
    return RoleFactory(role=Role.COMMUNE_OFFICIAL, unit=area.dong_son_ward).user


@pytest.fixture
def other_commune_official(area):
    return RoleFactory(role=Role.COMMUNE_OFFICIAL, unit=area.hac_thanh_ward).user


@pytest.fixture
def district_staff(area):
    return RoleFactory(role=Role.DISTRICT_STAFF, unit=area.thanh_hoa).user


@pytest.fixture
def administrator(db):
    user = UserFactory(is_staff=True)
    RoleFactory(user=user, role=Role.ADMINISTRATOR, unit=None)
    return user


@pytest.fixture
def user_without_role(db):
    return UserFactory()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Messages built outside a request (services, commands) are checked in English; pages are
    served in Vietnamese by default through the site's language middleware."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a folder of their own for each test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            **settings.STORAGES["private"],
            "OPTIONS": {"location": settings.PRIVATE_MEDIA_ROOT, "base_url": None},
        },
    }
    return settings.MEDIA_ROOT


@pytest.fixture
def english(client):
    """The client with the language switch set to English."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def decoded(monkeypatch):
    """Records every time Pillow decodes pixel data (ImageFile.load), to prove it did not."""
    calls = []
    original = ImageFile.ImageFile.load

    def load(image):
        calls.append(image.size)
        return original(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return calls
