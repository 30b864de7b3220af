from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitLevel(models.IntegerChoices):
    PROVINCE = 1, _("province level")
    DISTRICT = 2, _("district level")
    COMMUNE = 3, _("commune level")


class UnitKind(models.TextChoices):
    PROVINCE = "tinh", _("province")
    MUNICIPALITY = "thanh_pho_tw", _("centrally governed city")
    DISTRICT = "huyen", _("rural district")
    URBAN_DISTRICT = "quan", _("urban district")
    TOWN = "thi_xa", _("district-level town")
    PROVINCIAL_CITY = "thanh_pho_thuoc_tinh", _("provincial city")
    COMMUNE = "xa", pgettext_lazy("unit kind", "commune")
    WARD = "phuong", _("ward")
    TOWNSHIP = "thi_tran", _("township")
    SPECIAL_ZONE = "dac_khu", _("special zone")

    @property
    def level(self):
        return KIND_LEVEL[self]


KIND_LEVEL = {
    UnitKind.PROVINCE: UnitLevel.PROVINCE,
    UnitKind.MUNICIPALITY: UnitLevel.PROVINCE,
    UnitKind.DISTRICT: UnitLevel.DISTRICT,
    UnitKind.URBAN_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.TOWN: UnitLevel.DISTRICT,
    UnitKind.PROVINCIAL_CITY: UnitLevel.DISTRICT,
    UnitKind.COMMUNE: UnitLevel.COMMUNE,
    UnitKind.WARD: UnitLevel.COMMUNE,
    UnitKind.TOWNSHIP: UnitLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: UnitLevel.COMMUNE,
}


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("merge")
    SPLIT = "split", _("split")
    RENAME = "rename", _("rename")
    UPGRADE = "upgrade", _("upgrade")
    CONTINUE = "continue", _("carried on unchanged")
