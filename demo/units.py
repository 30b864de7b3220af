"""Demo units and users: Thanh Hóa's unit history from the reference festival, on top of today's
provinces and communes, and the demo users with their roles. Idempotent."""

import csv
import datetime
from pathlib import Path

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


def _read_csv(name):
    with open(UNITS_DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def seed_demo_units(summary):
    """Today's provinces and communes (when missing) and Thanh Hóa's history before 2025."""
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


def seed_demo_users(summary):
    """The demo users with password DEMO_PASSWORD and their roles; `summary.users` lists them."""
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
