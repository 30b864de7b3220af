import datetime

import pytest

from accounts.enums import Role
from awards import services
from awards.models import AwardForm
from tests.awards.factories import IssuingAuthorityFactory
from tests.events.helpers import make_festival
from tests.factories import RoleFactory

DECISION_DAY = datetime.date.today() - datetime.timedelta(days=20)


@pytest.fixture
def forms(db):
    """The catalogue created by the data migration, by code."""
    return {form.code: form for form in AwardForm.objects.all()}


@pytest.fixture
def province_chairman(area):
    return IssuingAuthorityFactory(
        position="Chủ tịch UBND tỉnh Thanh Hóa",
        unit=area.thanh_hoa,
        forms=["bang-khen", "co-thi-dua"],
    )


@pytest.fixture
def district_chairman(area):
    return IssuingAuthorityFactory(
        position="Chủ tịch UBND huyện Đông Sơn",
        unit=area.dong_son_district,
        valid_to=datetime.date(2025, 6, 30),
        forms=["giay-khen"],
    )


@pytest.fixture
def nghe_an_chairman(area):
    return IssuingAuthorityFactory(
        position="Chủ tịch UBND tỉnh Nghệ An", unit=area.other_province, forms=["bang-khen"]
    )


@pytest.fixture
def nghe_an_official(area):
    return RoleFactory(role=Role.COMMUNE_OFFICIAL, unit=area.other_commune).user


@pytest.fixture
def nghe_an_staff(area):
    return RoleFactory(role=Role.DISTRICT_STAFF, unit=area.other_province).user


@pytest.fixture
def dong_son_festival(area, commune_official, district_staff):
    return make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        title="Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn",
        approver=district_staff,
    )


@pytest.fixture
def hac_thanh_festival(area, other_commune_official):
    return make_festival(
        user=other_commune_official,
        host_unit=area.hac_thanh_ward,
        title="Ngày hội toàn dân bảo vệ ANTQ phường Hạc Thành",
    )


@pytest.fixture
def nghe_an_festival(area, nghe_an_official):
    return make_festival(
        user=nghe_an_official,
        host_unit=area.other_commune,
        title="Ngày hội toàn dân bảo vệ ANTQ phường Vinh Phú",
    )


@pytest.fixture
def decision(province_chairman, district_staff):
    """A decision of the provincial chairman, recorded by district staff, without awards yet."""
    return services.decision_create(
        user=district_staff,
        data={
            "number": "125/QĐ-UBND",
            "date": DECISION_DAY,
            "authority": province_chairman,
            "signer_name": "Đầu Thanh Tùng",
            "signer_title": "Chủ tịch UBND tỉnh",
        },
    )
