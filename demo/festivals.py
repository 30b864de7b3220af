"""Demo festivals: two of Phường Đông Sơn (one ahead, one held), a draft of Phường Hạc Thành, and
the 2023 Rừng Thông festival of the reference report. Idempotent.
"""

import datetime

from accounts.models import User
from demo.units import DONG_SON_WARD, OTHER_COMMUNE
from events.models import Festival, FestivalTransition
from events.services import festival_approve, festival_create, festival_submit
from units.enums import UnitLevel
from units.models import AdministrativeUnit


def _programme(hour, minute):
    """A realistic programme starting at hour:minute, a few minutes per item."""
    items = [
        ("ceremony", "flag_salute", "Chào cờ", ""),
        ("ceremony", "delegates", "Tuyên bố lý do, giới thiệu đại biểu", "Trần Văn Hải"),
        (
            "ceremony",
            "report",
            "Báo cáo kết quả phong trào Toàn dân bảo vệ ANTQ năm qua",
            "Nguyễn Văn Bình",
        ),
        ("ceremony", "speech", "Phát biểu chỉ đạo của lãnh đạo tỉnh", "Hoàng Minh Đức"),
        ("ceremony", "discussion", "Nhân dân thảo luận, góp ý với lực lượng Công an", ""),
        ("ceremony", "awards", "Trao Bằng khen, Giấy khen cho tập thể và cá nhân tiêu biểu", ""),
        ("ceremony", "pledge", "Ký giao ước thi đua giữa các khu phố", ""),
        ("festivities", "performance", "Văn nghệ chào mừng của các khu phố", ""),
        ("festivities", "sport", "Kéo co, bóng chuyền hơi", ""),
        ("festivities", "closing", "Bế mạc", ""),
    ]
    start = datetime.datetime.combine(datetime.date.today(), datetime.time(hour, minute))
    rows = []
    for index, (part, kind, title, speaker) in enumerate(items):
        at = (start + datetime.timedelta(minutes=12 * index)).time()
        rows.append(
            {"part": part, "time": at, "kind": kind, "title": title, "speaker_name": speaker}
        )
    return rows


DEMO_DELEGATES = [
    ("Hoàng Minh Đức", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh Thanh Hóa", "leader", 1),
    ("Lê Quang Vinh", "Phó Giám đốc Công an tỉnh", "Công an tỉnh Thanh Hóa", "leader", 2),
    ("Trần Văn Hải", "Bí thư Đảng ủy phường", "Đảng ủy phường Đông Sơn", "organiser", 3),
    ("Nguyễn Văn Bình", "Trưởng Công an phường", "Công an phường Đông Sơn", "organiser", 4),
    ("Phạm Thị Lan", "Tổ trưởng tổ dân phố số 3", "Khu phố 3", "resident", 5),
]
DEMO_ORGANISERS = [
    ("Ban Chỉ đạo 138 tỉnh Thanh Hóa", "directing"),
    ("Ban Chỉ đạo ANTT phường Đông Sơn", "lead"),
    ("Ủy ban MTTQ phường Đông Sơn", "co_organiser"),
]


def demo_festival(*, host_code, title, starts_at, hours, author, approver=None, backdate=False):
    """The festival `title` of commune `host_code`, created (and approved by `approver` when one is
    given) unless it exists; returns (festival, created)."""
    host = AdministrativeUnit.objects.current().get(code=host_code, level=UnitLevel.COMMUNE)
    existing = Festival.objects.filter(host_unit=host, title=title).first()
    if existing:
        return existing, False
    tz = datetime.timezone(datetime.timedelta(hours=7))
    starts = datetime.datetime.combine(starts_at, datetime.time(7, 30), tzinfo=tz)
    festival = festival_create(
        user=author,
        host_unit=host,
        data={
            "year": starts_at.year,
            "title": title,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=hours),
            "venue": "Nhà văn hóa khu phố 3",
            "address": "Khu phố 3",
            "pilot_level": "",
            "plan_number": "45/KH-UBND",
            "expected_attendance": 300,
            "description": "Ngày hội ôn lại truyền thống phong trào Toàn dân bảo vệ an ninh Tổ quốc, "
            "đánh giá kết quả bảo đảm an ninh trật tự trên địa bàn và biểu dương tập thể, cá nhân tiêu biểu.",
        },
        organisers=[
            {
                "name": n.replace(
                    "Đông Sơn", host.name.removeprefix("Phường ").removeprefix("Xã ")
                ),
                "role": r,
            }
            for n, r in DEMO_ORGANISERS
        ],
        programme=_programme(7, 30),
        delegates=[
            {
                "full_name": n,
                "position": p,
                "organisation": o,
                "category": c,
                "precedence": i,
                "status": "invited",
            }
            for n, p, o, c, i in DEMO_DELEGATES
        ],
    )
    if approver is not None:
        festival = festival_submit(festival=festival, user=author)
        festival = festival_approve(festival=festival, user=approver)
    if backdate:
        FestivalTransition.objects.filter(festival=festival).update(
            at=starts - datetime.timedelta(days=20)
        )
    return festival, True


def seed_demo_festivals(summary):
    """A scheduled festival of Phường Đông Sơn a few weeks ahead, one held a few months ago whose
    report is still to be written, and a draft of the other demo commune (dates relative to today)."""
    today = datetime.date.today()
    commune = User.objects.get(username="demo-commune")
    other = User.objects.get(username="demo-commune-other")
    district = User.objects.get(username="demo-district")
    ahead = today + datetime.timedelta(days=21)
    past = today - datetime.timedelta(days=100)
    created = [
        demo_festival(
            host_code=DONG_SON_WARD,
            title=f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc phường Đông Sơn năm {ahead.year}",
            starts_at=ahead,
            hours=4,
            author=commune,
            approver=district,
        )[1],
        demo_festival(
            host_code=DONG_SON_WARD,
            title=f"Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn, đợt {past:%m/%Y}",
            starts_at=past,
            hours=4,
            author=commune,
            approver=district,
            backdate=True,
        )[1],
        demo_festival(
            host_code=OTHER_COMMUNE,
            title=f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc phường Hạc Thành năm {ahead.year}",
            starts_at=ahead + datetime.timedelta(days=7),
            hours=3,
            author=other,
        )[1],
    ]
    summary.append(f"Festivals: {sum(created)} added.")


REFERENCE_FESTIVAL_TITLE = "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2023 thị trấn Rừng Thông"


def seed_reference_festival(summary):
    """The festival of the reference report: thị trấn Rừng Thông, huyện Đông Sơn, 3 August 2023,
    planned under the unit as it was then (today's Phường Đông Sơn finds it through succession)."""
    if Festival.objects.filter(title=REFERENCE_FESTIVAL_TITLE).exists():
        return Festival.objects.get(title=REFERENCE_FESTIVAL_TITLE)
    township = AdministrativeUnit.objects.get(name="Thị trấn Rừng Thông")
    commune = User.objects.get(username="demo-commune")
    district = User.objects.get(username="demo-district")
    tz = datetime.timezone(datetime.timedelta(hours=7))
    starts = datetime.datetime(2023, 8, 3, 7, 30, tzinfo=tz)
    programme = [
        ("ceremony", "07:30", "flag_salute", "Chào cờ", ""),
        ("ceremony", "07:40", "delegates", "Tuyên bố lý do, giới thiệu đại biểu", ""),
        (
            "ceremony",
            "07:50",
            "report",
            "Ôn lại truyền thống Ngày hội và báo cáo kết quả bảo đảm ANTT của thị trấn",
            "",
        ),
        (
            "ceremony",
            "08:20",
            "discussion",
            "Cán bộ, đảng viên và Nhân dân trao đổi kinh nghiệm, góp ý với lực lượng Công an",
            "",
        ),
        (
            "ceremony",
            "08:50",
            "awards",
            "Trao lẵng hoa, Bằng khen và quà chúc mừng",
            "Nguyễn Ngọc Tiến",
        ),
        ("ceremony", "09:20", "speech", "Phát biểu của lãnh đạo huyện Đông Sơn", "Lê Trọng Thụ"),
        ("ceremony", "09:50", "closing", "Bế mạc", ""),
    ]
    festival = festival_create(
        user=commune,
        host_unit=township,
        data={
            "year": 2023,
            "title": REFERENCE_FESTIVAL_TITLE,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=3, minutes=30),
            "venue": "Hội trường thị trấn Rừng Thông",
            "address": "Thị trấn Rừng Thông, huyện Đông Sơn",
            "pilot_level": "",
            "plan_number": "",
            "expected_attendance": None,
            "description": "Cán bộ, đảng viên và Nhân dân thị trấn ôn lại truyền thống Ngày hội, đánh giá "
            "công tác bảo đảm an ninh trật tự trên địa bàn và ba mô hình phong trào tiêu biểu.",
        },
        organisers=[
            {"name": "Ban Chỉ đạo 138 huyện Đông Sơn", "role": "directing"},
            {"name": "Ban Chỉ đạo ANTT thị trấn Rừng Thông", "role": "lead"},
        ],
        programme=[
            {
                "part": part,
                "time": datetime.time.fromisoformat(time),
                "kind": kind,
                "title": title,
                "speaker_name": speaker,
            }
            for part, time, kind, title, speaker in programme
        ],
        delegates=[
            {
                "full_name": "Nguyễn Ngọc Tiến",
                "position": "Ủy viên Ban Thường vụ, Trưởng Ban Nội chính Tỉnh ủy",
                "organisation": "Tỉnh ủy Thanh Hóa",
                "category": "leader",
                "precedence": 1,
                "status": "attended",
            },
            {
                "full_name": "Lê Trọng Thụ",
                "position": "Bí thư Huyện ủy, Chủ tịch UBND huyện Đông Sơn",
                "organisation": "Huyện ủy Đông Sơn",
                "category": "leader",
                "precedence": 2,
                "status": "attended",
            },
        ],
    )
    festival = festival_submit(festival=festival, user=commune)
    festival = festival_approve(festival=festival, user=district)
    FestivalTransition.objects.filter(festival=festival).update(
        at=datetime.datetime(2023, 7, 20, 9, 0, tzinfo=tz)
    )
    summary.append("The 2023 Rừng Thông festival added.")
    return festival
