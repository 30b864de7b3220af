"""Demo reports: the 2023 Rừng Thông festival published with the reference report, its photos and
directions, and a few more published reports of Thanh Hóa communes. Idempotent."""

import datetime

from accounts.models import User
from demo.festivals import REFERENCE_FESTIVAL_TITLE, demo_festival
from demo.photos import add_demo_photos
from events.enums import FestivalStatus
from events.models import Festival
from events.services import report_publish, report_save, report_submit
from units.enums import UnitLevel
from units.models import AdministrativeUnit

REFERENCE_REPORT = {
    "summary": "Sáng 3/8/2023, thị trấn Rừng Thông tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc với sự "
    "tham dự của lãnh đạo tỉnh, huyện và đông đảo Nhân dân. Ngày hội ôn lại truyền thống phong trào, đánh "
    "giá công tác bảo đảm an ninh trật tự và biểu dương các tập thể, cá nhân tiêu biểu.",
    "results": "Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn cơ bản ổn định; tội phạm và "
    "vi phạm pháp luật được kiềm chế. Ba mô hình phong trào được duy trì và phát huy hiệu quả.",
    "attendance": 500,
    "organisations_present": "Ban Chỉ đạo 138 tỉnh Thanh Hóa\nBan Nội chính Tỉnh ủy Thanh Hóa\n"
    "Huyện ủy, UBND huyện Đông Sơn\nBan Chỉ đạo ANTT thị trấn Rừng Thông",
    "highlights": "Nhân dân trao đổi kinh nghiệm xây dựng phong trào và góp ý với lực lượng Công an; trao "
    "Bằng khen của Chủ tịch UBND tỉnh cho Nhân dân và cán bộ thị trấn.",
    "author_credit": "Ban Chỉ đạo ANTT thị trấn Rừng Thông",
}
REFERENCE_DIRECTIONS = [
    (
        "Tiếp tục quán triệt và thực hiện nghiêm các chủ trương của Đảng, pháp luật của Nhà nước về bảo vệ an ninh Tổ quốc.",
        "Đảng ủy, UBND thị trấn",
    ),
    (
        "Đổi mới nội dung, biện pháp xây dựng phong trào theo hướng xã hội hóa, phát huy tự quản ngay tại khu dân cư.",
        "Ban Chỉ đạo ANTT thị trấn",
    ),
    ("Đa dạng hóa hình thức tuyên truyền, giáo dục pháp luật cho Nhân dân.", "Công an thị trấn"),
    (
        "Rà soát, kiện toàn Ban Chỉ đạo ANTT, tổ bảo vệ ANTT khu phố và tổ an ninh xã hội.",
        "UBND thị trấn",
    ),
]

OTHER_REPORTS = [
    # host code, date, attendance
    ("14797", datetime.date(2025, 8, 16), 420),
    ("14758", datetime.date(2025, 8, 18), 380),
    ("16531", datetime.date(2025, 8, 19), 610),
    ("14797", datetime.date(2026, 8, 15), 450),
]


def _publish(festival, *, author, approver, report, directions=()):
    festival = report_save(
        festival=festival,
        user=author,
        version=festival.version,
        data=report,
        directions=[{"text": t, "owner": o, "due_on": None} for t, o in directions],
        attended=[d.pk for d in festival.delegates.all()],
    )
    festival = report_submit(festival=festival, user=author)
    return report_publish(festival=festival, user=approver)


def seed_demo_reports(summary):
    """The 2023 Rừng Thông festival published with its report, and a few more published reports of
    Thanh Hóa communes in 2025 and 2026, so that lists, search and statistics show something real."""
    admin = User.objects.get(username="demo-admin")
    commune = User.objects.get(username="demo-commune")
    district = User.objects.get(username="demo-district")
    published = 0
    reference = Festival.objects.get(title=REFERENCE_FESTIVAL_TITLE)
    if reference.status != FestivalStatus.PUBLISHED:
        add_demo_photos(reference, commune)
        _publish(
            reference,
            author=commune,
            approver=district,
            report=REFERENCE_REPORT,
            directions=REFERENCE_DIRECTIONS,
        )
        published += 1
    for code, day, attendance in OTHER_REPORTS:
        host = AdministrativeUnit.objects.current().get(code=code, level=UnitLevel.COMMUNE)
        title = f"Ngày hội toàn dân bảo vệ ANTQ {host.name[0].lower()}{host.name[1:]} dịp 19/8/{day.year}"
        if Festival.objects.filter(host_unit=host, year=day.year, title=title).exists():
            continue
        festival, _created = demo_festival(
            host_code=code, title=title, starts_at=day, hours=4, author=admin, approver=district
        )
        _publish(
            festival,
            author=admin,
            approver=district,
            report={
                "summary": f"{host.name} tổ chức Ngày hội với {attendance} người tham dự, biểu dương các khu phố "
                "làm tốt công tác tự quản về an ninh trật tự.",
                "results": "Số vụ việc về trật tự xã hội giảm so với năm trước; các mô hình tự quản hoạt động đều.",
                "attendance": attendance,
                "organisations_present": f"UBND {host.name}\nCông an {host.name}",
                "highlights": "Ký giao ước thi đua giữa các khu phố.",
                "author_credit": f"Ban Chỉ đạo ANTT {host.name}",
            },
            directions=[
                (
                    "Duy trì hoạt động của các tổ an ninh xã hội ở khu dân cư.",
                    f"Công an {host.name}",
                )
            ],
        )
        published += 1
    summary.append(f"Reports: {published} published.")
