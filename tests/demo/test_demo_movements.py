import pytest

from demo.festivals import REFERENCE_FESTIVAL_TITLE
from demo.seed import seed_demo
from events.models import Festival
from movements.enums import ModelStatus
from movements.models import MovementModel


@pytest.mark.django_db
def test_demo_models_of_the_reference_festival_and_other_communes_are_idempotent():
    seed_demo()
    festival = Festival.objects.get(title=REFERENCE_FESTIVAL_TITLE)

    shown = festival.showcased_models.select_related("unit", "category").order_by("pk")
    assert [(m.name, m.unit.name, m.unit.code, m.category.code) for m in shown] == [
        (
            "Công an và Cựu chiến binh giúp người lầm lỗi trở về hòa nhập cộng đồng",
            "Phường Đông Sơn",
            "16378",
            "tai-hoa-nhap-cong-dong",
        ),
        ("Cổng trường an toàn giao thông", "Phường Đông Sơn", "16378", "cong-truong-an-toan"),
        ("Camera ANTT", "Phường Đông Sơn", "16378", "camera-an-ninh"),
    ]
    assert festival.host_unit.name == "Thị trấn Rừng Thông"
    by_commune = {
        name: MovementModel.objects.filter(unit__name=name).count()
        for name in ["Phường Đông Sơn", "Phường Hạc Thành", "Phường Hàm Rồng"]
    }
    assert by_commune == {"Phường Đông Sơn": 3, "Phường Hạc Thành": 3, "Phường Hàm Rồng": 1}
    assert MovementModel.objects.filter(status=ModelStatus.ENDED).count() == 1

    seed_demo()
    assert MovementModel.objects.count() == 7
    assert festival.showcased_models.count() == 3
