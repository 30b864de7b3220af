import datetime
from dataclasses import dataclass, field

import pytest
from django.conf import settings

from awards.models import AwardForm
from events.enums import FestivalStatus
from events.models import Festival, FestivalReport
from movements.enums import ModelStatus
from tests.awards.factories import AwardFactory, DecisionFactory, IssuingAuthorityFactory
from tests.events.helpers import make_festival
from tests.factories import ProvinceFactory, SuccessionFactory, UnitFactory
from tests.movements.factories import MovementModelFactory, category
from tests.stats.factories import FestivalFactory, FestivalReportFactory
from units.enums import UnitKind
from units.services import units_rebuild_scope

UNPUBLISHED = [status for status in FestivalStatus if status != FestivalStatus.PUBLISHED]


def publish(festival, *, attendance=None, with_report=True):
    """Mark a festival built through the services as published, with its report."""
    Festival.objects.filter(pk=festival.pk).update(status=FestivalStatus.PUBLISHED)
    if with_report:
        FestivalReport.objects.create(festival=festival, attendance=attendance)
    festival.refresh_from_db()
    return festival


@dataclass
class Scenario:
    """Every festival, award and model built, published or not; tests count from these lists."""

    festivals: list = field(default_factory=list)
    awards: list = field(default_factory=list)
    models: list = field(default_factory=list)
    rung_thong_2023: object = None
    ha_tay: object = None
    old_thanh_hoa: object = None

    @property
    def published(self):
        return [f for f in self.festivals if f.status == FestivalStatus.PUBLISHED]


@pytest.fixture
def forms(db):
    return {form.code: form for form in AwardForm.objects.all()}


@pytest.fixture
def scenario(area, commune_official, forms):
    """Published festivals in Thanh Hóa (including the 2023 festival of the former township of
    Rừng Thông, under the former district of Đông Sơn, and one under a closed row of the province
    that shares its code), in Nghệ An, and one in Hà Tây, merged into Hà Nội since; a festival in
    every other status with a large attendance and awards; awards without a festival; active,
    paused and ended models."""
    built = Scenario()

    # Units the shared `area` does not have: Hà Tây (merged into Hà Nội in 2008) and a closed row
    # of Thanh Hóa (same code as today's), each with a commune.
    ha_noi = ProvinceFactory(code="01", name="Thành phố Hà Nội", kind=UnitKind.MUNICIPALITY)
    ha_tay = ProvinceFactory(code="28", name="Tỉnh Hà Tây", valid_to=datetime.date(2008, 7, 31))
    ha_tay_district = UnitFactory(
        code="277", name="Huyện Thạch Thất", kind=UnitKind.DISTRICT, parent=ha_tay
    )
    ha_tay_commune = UnitFactory(
        code="10027", name="Xã Bình Yên", kind=UnitKind.COMMUNE, parent=ha_tay_district
    )
    old_thanh_hoa = ProvinceFactory(
        code="38", name="Tỉnh Thanh Hoá (trước 2025)", valid_to=datetime.date(2025, 6, 30)
    )
    old_thanh_hoa_commune = UnitFactory(
        code="16000", name="Xã Đông Tiến", kind=UnitKind.COMMUNE, parent=old_thanh_hoa
    )
    SuccessionFactory(predecessor=ha_tay, successor=ha_noi, date=datetime.date(2008, 8, 1))
    SuccessionFactory(
        predecessor=old_thanh_hoa, successor=area.thanh_hoa, date=datetime.date(2025, 7, 1)
    )
    units_rebuild_scope()
    built.ha_tay, built.old_thanh_hoa = ha_tay, old_thanh_hoa

    # The reference festival, planned through the services under the township as it was.
    rung_thong = make_festival(
        user=commune_official,
        host_unit=area.rung_thong_township,
        day=datetime.date(2023, 8, 3),
        title="Ngày hội toàn dân bảo vệ ANTQ thị trấn Rừng Thông 2023",
    )
    built.rung_thong_2023 = publish(rung_thong, attendance=500)
    dong_son = FestivalFactory(host_unit=area.dong_son_ward, year=2025)
    FestivalReportFactory(festival=dong_son, attendance=300)
    hac_thanh = FestivalFactory(host_unit=area.hac_thanh_ward, year=2025)
    FestivalReportFactory(festival=hac_thanh, attendance=251)
    vinh_phu = FestivalFactory(host_unit=area.other_commune, year=2025)
    FestivalReportFactory(festival=vinh_phu, attendance=None)
    nghe_an = FestivalFactory(host_unit=area.other_province, year=2024)  # no report at all
    binh_yen = FestivalFactory(host_unit=ha_tay_commune, year=2007)
    FestivalReportFactory(festival=binh_yen, attendance=120)
    dong_tien = FestivalFactory(host_unit=old_thanh_hoa_commune, year=2024)
    FestivalReportFactory(festival=dong_tien, attendance=80)
    built.festivals += [built.rung_thong_2023, dong_son, hac_thanh, vinh_phu, nghe_an]
    built.festivals += [binh_yen, dong_tien]

    unpublished = []
    for status in UNPUBLISHED:
        festival = FestivalFactory(host_unit=area.dong_son_ward, year=2025, status=status)
        FestivalReportFactory(festival=festival, attendance=10_000)
        unpublished.append(festival)
    built.festivals += unpublished

    province_chairman = IssuingAuthorityFactory(
        position="Chủ tịch UBND tỉnh Thanh Hóa", unit=area.thanh_hoa
    )
    district_chairman = IssuingAuthorityFactory(
        position="Chủ tịch UBND huyện Đông Sơn", unit=area.dong_son_district
    )
    nghe_an_chairman = IssuingAuthorityFactory(
        position="Chủ tịch UBND tỉnh Nghệ An", unit=area.other_province
    )
    by_province = DecisionFactory(authority=province_chairman)
    by_district = DecisionFactory(authority=district_chairman)
    by_nghe_an = DecisionFactory(authority=nghe_an_chairman)
    awards = [
        (built.rung_thong_2023, by_province, "bang-khen", 2),
        (built.rung_thong_2023, by_district, "giay-khen", 3),
        (dong_son, by_district, "giay-khen", 1),
        (dong_son, by_province, "co-thi-dua", 1),
        (vinh_phu, by_nghe_an, "bang-khen", 2),
        (None, by_province, "bang-khen", 1),  # not presented at a festival
        *[(festival, by_province, "bang-khen", 1) for festival in unpublished],
    ]
    for festival, decision, form, count in awards:
        built.awards += [
            AwardFactory(decision=decision, festival=festival, form=forms[form])
            for _n in range(count)
        ]

    models = [
        (area.dong_son_ward, "camera-an-ninh", ModelStatus.ACTIVE, datetime.date(2022, 3, 1)),
        (area.hac_thanh_ward, "camera-an-ninh", ModelStatus.ACTIVE, datetime.date(2024, 5, 1)),
        (area.rung_thong_township, "to-dan-pho-tu-quan", ModelStatus.ACTIVE, None),
        (area.other_commune, "cong-truong-an-toan", ModelStatus.ACTIVE, datetime.date(2025, 9, 1)),
        (area.dong_son_ward, "camera-an-ninh", ModelStatus.PAUSED, datetime.date(2021, 1, 1)),
        (area.hac_thanh_ward, "phong-chong-ma-tuy", ModelStatus.ENDED, datetime.date(2020, 1, 1)),
    ]
    built.models = [
        MovementModelFactory(unit=unit, category=category(code), status=status, started_on=day)
        for unit, code, status, day in models
    ]
    return built


@pytest.fixture
def english(client):
    """The client with the language switch set to English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
