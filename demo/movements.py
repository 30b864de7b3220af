"""Demo movement models: the three of the reference report, kept today by Phường Đông Sơn and shown
at the 2023 Rừng Thông festival, and a few of other Thanh Hóa communes. Idempotent."""

import datetime

from accounts.models import User
from demo.festivals import REFERENCE_FESTIVAL_TITLE
from events.models import Festival
from events.showcase import festival_models_set
from movements.catalogue import categories_ensure_defaults
from movements.enums import ModelStatus
from movements.models import ModelCategory, MovementModel
from movements.services import (
    movement_model_change_status,
    movement_model_create,
)
from units.enums import UnitLevel
from units.models import AdministrativeUnit

DONG_SON_WARD = "16378"
HAC_THANH_WARD = "14797"
HAM_RONG_WARD = "14758"

# unit code, category code, name, lead organisation, partners, started on, description, results
REFERENCE_MODELS = [
    (
        DONG_SON_WARD,
        "tai-hoa-nhap-cong-dong",
        "Công an và Cựu chiến binh giúp người lầm lỗi trở về hòa nhập cộng đồng",
        "Công an phường Đông Sơn",
        "Hội Cựu chiến binh phường Đông Sơn\nỦy ban MTTQ phường Đông Sơn",
        datetime.date(2019, 3, 1),
        "Mỗi người chấp hành xong án phạt tù trở về địa phương được một cán bộ Công an và một hội "
        "viên Cựu chiến binh nhận kèm cặp: thăm hỏi gia đình, hướng dẫn thủ tục cư trú, giới thiệu "
        "việc làm và học nghề.",
        "Phần lớn người được giúp đỡ đã có việc làm ổn định; không ai tái phạm trong năm qua.",
    ),
    (
        DONG_SON_WARD,
        "cong-truong-an-toan",
        "Cổng trường an toàn giao thông",
        "Đoàn Thanh niên phường Đông Sơn",
        "Công an phường Đông Sơn\nBan giám hiệu các trường trên địa bàn",
        datetime.date(2020, 9, 5),
        "Đoàn viên thanh niên cùng Công an phường phân luồng, nhắc nhở phụ huynh dừng đỗ xe đúng "
        "chỗ và hướng dẫn học sinh qua đường vào giờ tan học ở các cổng trường.",
        "Không còn cảnh ùn tắc kéo dài trước cổng trường vào giờ cao điểm; học sinh đội mũ bảo hiểm "
        "đầy đủ khi ngồi sau xe máy.",
    ),
    (
        DONG_SON_WARD,
        "camera-an-ninh",
        "Camera ANTT",
        "Công an phường Đông Sơn",
        "Các khu phố\nHộ kinh doanh và người dân đóng góp",
        datetime.date(2021, 6, 1),
        "Camera đặt ở các ngã ba, ngã tư và đường vào khu dân cư do Nhân dân đóng góp lắp đặt, "
        "kết nối về Công an phường để theo dõi và trích xuất hình ảnh khi cần.",
        "Hình ảnh từ camera giúp làm rõ nhiều vụ trộm cắp và va chạm giao thông trên địa bàn.",
    ),
]
OTHER_MODELS = [
    (
        HAC_THANH_WARD,
        "to-dan-pho-tu-quan",
        "Tổ dân phố tự quản về an ninh trật tự",
        "Công an phường Hạc Thành",
        "Ban công tác Mặt trận các tổ dân phố",
        datetime.date(2022, 1, 10),
        "Các tổ dân phố tự đặt hương ước giữ gìn trật tự, phân công tổ viên trực đêm và báo tin "
        "về Công an phường.",
        "Tin báo từ tổ dân phố tăng; các vụ việc nhỏ được hòa giải ngay tại tổ.",
    ),
    (
        HAC_THANH_WARD,
        "lien-gia-an-toan-pccc",
        "Tổ liên gia an toàn phòng cháy, chữa cháy",
        "Công an phường Hạc Thành",
        "",
        datetime.date(2023, 4, 15),
        "Năm đến mười hộ liền kề lập một tổ, có bình chữa cháy dùng chung và số điện thoại liên "
        "lạc khi có cháy.",
        "",
    ),
    (
        HAM_RONG_WARD,
        "phong-chong-ma-tuy",
        "Khu dân cư không có ma túy",
        "Công an phường Hàm Rồng",
        "Hội Phụ nữ phường Hàm Rồng\nĐoàn Thanh niên phường Hàm Rồng",
        datetime.date(2021, 2, 1),
        "Khu dân cư cam kết không để phát sinh tụ điểm ma túy; người dân báo tin qua đường dây nóng.",
        "",
    ),
]
# A model that was run for a while, to show ended models in the directory.
ENDED_MODEL = (
    HAC_THANH_WARD,
    "hoa-giai-co-so",
    "Tổ hòa giải lưu động",
    "Ủy ban MTTQ phường Hạc Thành",
    "",
    datetime.date(2018, 5, 1),
    "Tổ hòa giải đến tận nhà các bên để giải quyết mâu thuẫn nhỏ trong khu dân cư.",
    "",
)


def _model(row, *, user):
    unit_code, category_code, name, lead, partners, started_on, description, results = row
    unit = AdministrativeUnit.objects.current().get(code=unit_code, level=UnitLevel.COMMUNE)
    existing = MovementModel.objects.filter(unit=unit, name=name).first()
    if existing is not None:
        return existing, False
    model = movement_model_create(
        user=user,
        unit=unit,
        data={
            "name": name,
            "category": ModelCategory.objects.get(code=category_code),
            "lead_organisation": lead,
            "partner_organisations": partners,
            "started_on": started_on,
            "description": description,
            "results": results,
        },
    )
    return model, True


def seed_demo_movements(summary):
    """The models of the reference report, shown at its festival, and a few more."""
    categories_ensure_defaults()
    commune = User.objects.get(username="demo-commune")
    district = User.objects.get(username="demo-district")
    created = 0
    reference = []
    for row in REFERENCE_MODELS:
        model, new = _model(row, user=commune)
        reference.append(model)
        created += new
    for row in OTHER_MODELS:
        created += _model(row, user=district)[1]
    ended, new = _model(ENDED_MODEL, user=district)
    created += new
    if ended.status != ModelStatus.ENDED:
        movement_model_change_status(
            model=ended, user=district, status=ModelStatus.ENDED, on=datetime.date(2024, 12, 31)
        )
    festival = Festival.objects.filter(title=REFERENCE_FESTIVAL_TITLE).first()
    if festival is not None:
        # Keep whatever else was chosen for the festival since the last run.
        festival_models_set(
            festival=festival,
            user=commune,
            models=[*festival.showcased_models.all(), *reference],
        )
    summary.append(f"Movement models: {created} added.")
