"""Demo data: Thanh Hóa's unit history from the reference festival and the demo users.

Every step is idempotent, so `seed_demo` can run again after later issues add more.
"""

import csv
import datetime
from pathlib import Path

from django.db import transaction

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from units.enums import UnitLevel
from units.models import AdministrativeUnit
from units.services import units_import_current, units_import_history

DEMO_PASSWORD = "demo-pass-2026"
UNITS_DATA = Path(__file__).resolve().parent.parent / "units" / "data"

THANH_HOA = "38"
DONG_SON_WARD = "16378"  # Phường Đông Sơn: thị trấn Rừng Thông's code, carried on.
OTHER_COMMUNE = "14797"  # Phường Hạc Thành, another commune of Thanh Hóa.

DEMO_USERS = [
    # username, full name, position, role, unit code and level (None: whole country)
    ("demo-admin", "Trần Minh Quân", "Quản trị hệ thống", Role.ADMINISTRATOR, None),
    (
        "demo-district",
        "Lê Thị Hồng Nhung",
        "Chuyên viên Công an tỉnh Thanh Hóa",
        Role.DISTRICT_STAFF,
        (THANH_HOA, UnitLevel.PROVINCE),
    ),
    (
        "demo-commune",
        "Nguyễn Văn Bình",
        "Công an phường Đông Sơn",
        Role.COMMUNE_OFFICIAL,
        (DONG_SON_WARD, UnitLevel.COMMUNE),
    ),
    (
        "demo-commune-other",
        "Phạm Thu Trang",
        "Công an phường Hạc Thành",
        Role.COMMUNE_OFFICIAL,
        (OTHER_COMMUNE, UnitLevel.COMMUNE),
    ),
]


class SeedSummary(list):
    users: list


def _read_csv(name):
    with open(UNITS_DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def seed_demo():
    summary = SeedSummary()
    if not AdministrativeUnit.objects.current().filter(level=UnitLevel.COMMUNE).exists():
        units_import_current()
        summary.append("Imported today's provinces and communes.")
    report = units_import_history(
        unit_rows=_read_csv("thanh-hoa-history.csv"),
        succession_rows=_read_csv("thanh-hoa-successions.csv"),
    )
    if not report.ok:
        raise RuntimeError("; ".join(str(e) for e in report.errors))
    summary.append(
        f"Thanh Hóa history: {report.units_created} units and {report.successions_created} successions added."
    )
    summary.users = []
    start = datetime.date(2025, 7, 1)
    for username, full_name, position, role, unit_key in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "position": position,
                "email": f"{username}@example.invalid",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            if role == Role.ADMINISTRATOR:
                user.is_staff = user.is_superuser = True
            user.save()
        unit = None
        if unit_key:
            code, level = unit_key
            unit = AdministrativeUnit.objects.current().get(code=code, level=level)
        RoleAssignment.objects.get_or_create(
            user=user, role=role, unit=unit, defaults={"valid_from": start}
        )
        summary.users.append((username, role))
    summary.append(f"{len(summary.users)} demo users ready.")
    seed_demo_festivals(summary)
    seed_reference_festival(summary)
    for seed in _later_seeds():
        seed(summary)
    return summary


def _later_seeds():
    """Demo data of the other apps, each idempotent (movements, awards)."""
    from demo.awards import seed_demo_awards
    from demo.movements import seed_demo_movements

    return [seed_demo_movements, seed_demo_awards, seed_demo_reports]


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


def _demo_festival(*, host_code, title, starts_at, hours, author, approver=None, backdate=False):
    from events.models import Festival, FestivalTransition
    from events.services import festival_approve, festival_create, festival_submit

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
        _demo_festival(
            host_code=DONG_SON_WARD,
            title=f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc phường Đông Sơn năm {ahead.year}",
            starts_at=ahead,
            hours=4,
            author=commune,
            approver=district,
        )[1],
        _demo_festival(
            host_code=DONG_SON_WARD,
            title=f"Ngày hội toàn dân bảo vệ ANTQ phường Đông Sơn, đợt {past:%m/%Y}",
            starts_at=past,
            hours=4,
            author=commune,
            approver=district,
            backdate=True,
        )[1],
        _demo_festival(
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
    from events.models import Festival, FestivalTransition
    from events.services import festival_approve, festival_create, festival_submit

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
    from events.reports import report_publish, report_save, report_submit

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
    from events.enums import FestivalStatus
    from events.models import Festival

    admin = User.objects.get(username="demo-admin")
    commune = User.objects.get(username="demo-commune")
    district = User.objects.get(username="demo-district")
    published = 0
    reference = Festival.objects.get(title=REFERENCE_FESTIVAL_TITLE)
    if reference.status != FestivalStatus.PUBLISHED:
        _add_demo_photos(reference, commune)
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
        festival, _created = _demo_festival(
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


REFERENCE_PHOTOS = [
    (
        "Lễ chào cờ khai mạc Ngày hội",
        "Cán bộ và Nhân dân thị trấn Rừng Thông dự lễ chào cờ",
        (164, 22, 26),
    ),
    (
        "Trao lẵng hoa chúc mừng",
        "Lãnh đạo tỉnh trao lẵng hoa chúc mừng cán bộ và Nhân dân thị trấn",
        (20, 108, 67),
    ),
    (
        "Trao Bằng khen của Chủ tịch UBND tỉnh",
        "Đại diện Nhân dân và cán bộ thị trấn nhận Bằng khen",
        (13, 110, 253),
    ),
    (
        "Lãnh đạo huyện Đông Sơn phát biểu",
        "Lãnh đạo huyện phát biểu, giao nhiệm vụ cho thị trấn",
        (122, 91, 0),
    ),
]


def _demo_photo_bytes(colour, index):
    """A simple generated picture (banded colours and a sun) standing in for a real photo."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), colour)
    draw = ImageDraw.Draw(image)
    for band in range(8):
        shade = tuple(min(255, c + band * 18) for c in colour)
        draw.rectangle([0, 500 + band * 40, 1200, 540 + band * 40], fill=shade)
    draw.ellipse([860 - index * 120, 120, 1040 - index * 120, 300], fill=(244, 196, 48))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _add_demo_photos(festival, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.photos import festival_photo_add

    if festival.photos.exists():
        return
    for index, (caption, alt_text, colour) in enumerate(REFERENCE_PHOTOS):
        festival_photo_add(
            festival=festival,
            user=user,
            upload=SimpleUploadedFile(
                f"anh-{index + 1}.jpg", _demo_photo_bytes(colour, index), "image/jpeg"
            ),
            caption=caption,
            alt_text=alt_text,
            credit="Ban Chỉ đạo ANTT thị trấn Rừng Thông",
        )
