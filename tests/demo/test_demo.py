import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from demo.units import DEMO_PASSWORD
from units.models import AdministrativeUnit, UnitSuccession
from units.selectors import unit_current_successors


@pytest.mark.django_db
def test_seed_demo_refuses_outside_debug_unless_forced():
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_seed_demo_builds_thanh_hoa_history_and_users_and_is_idempotent():
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    assert "demo-admin, demo-district, demo-commune, demo-commune-other" in out.getvalue()
    counts = (
        AdministrativeUnit.objects.count(),
        UnitSuccession.objects.count(),
        User.objects.count(),
    )

    township = AdministrativeUnit.objects.get(name="Thị trấn Rừng Thông")
    assert township.parent.name == "Huyện Đông Sơn"
    assert [u.name for u in unit_current_successors(township)] == ["Phường Đông Sơn"]
    roles = {
        a.user.username: (a.role, a.unit.name if a.unit else None)
        for a in RoleAssignment.objects.select_related("user", "unit")
    }
    assert roles == {
        "demo-admin": (Role.ADMINISTRATOR, None),
        "demo-district": (Role.DISTRICT_STAFF, "Tỉnh Thanh Hóa"),
        "demo-commune": (Role.COMMUNE_OFFICIAL, "Phường Đông Sơn"),
        "demo-commune-other": (Role.COMMUNE_OFFICIAL, "Phường Hạc Thành"),
    }
    assert all(u.check_password(DEMO_PASSWORD) for u in User.objects.all())

    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert (
        AdministrativeUnit.objects.count(),
        UnitSuccession.objects.count(),
        User.objects.count(),
    ) == counts
    assert RoleAssignment.objects.count() == 4

    out = io.StringIO()
    call_command("seed_demo", "--force", "--if-empty", stdout=out)
    assert "demo data not loaded" in out.getvalue()
    logins = [line for line in out.getvalue().splitlines() if line.startswith("Demo logins")]
    assert logins == [
        "Demo logins (password demo-pass-2026): "
        "demo-admin, demo-commune, demo-commune-other, demo-district"
    ]


@pytest.mark.django_db
def test_demo_commune_official_sees_the_township_of_2023(client):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    township = AdministrativeUnit.objects.get(name="Thị trấn Rừng Thông")
    client.post(reverse("login"), {"username": "demo-commune", "password": DEMO_PASSWORD})
    assert client.get(township.get_absolute_url()).status_code == 200
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "demo-commune-other", "password": DEMO_PASSWORD})
    assert client.get(township.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_seed_demo_adds_a_scheduled_a_held_and_a_draft_festival_once():
    from events.models import Festival

    call_command("seed_demo", "--force", stdout=io.StringIO())
    call_command("seed_demo", "--force", stdout=io.StringIO())
    festivals = {}
    for f in Festival.objects.order_by("starts_at"):
        festivals.setdefault(f"{f.host_unit.name}:{f.effective_status}", f)
    assert sorted(f"{f.host_unit.name}:{f.effective_status}" for f in Festival.objects.all()) == [
        "Phường Hàm Rồng:published",
        "Phường Hạc Thành:draft",
        "Phường Hạc Thành:published",
        "Phường Hạc Thành:published",
        "Phường Sầm Sơn:published",
        "Phường Đông Sơn:held",
        "Phường Đông Sơn:scheduled",
        "Thị trấn Rừng Thông:published",
    ]
    reference = festivals["Thị trấn Rừng Thông:published"]
    assert reference.starts_at.date() == datetime.date(2023, 8, 3)
    assert reference.host_unit.parent.name == "Huyện Đông Sơn"
    assert [d.full_name for d in reference.delegates.all()] == ["Nguyễn Ngọc Tiến", "Lê Trọng Thụ"]
    assert reference.report.attendance == 500
    assert reference.directions.count() == 4
    assert {d.status for d in reference.delegates.all()} == {"attended"}
    scheduled = festivals["Phường Đông Sơn:scheduled"]
    assert [item.kind for item in scheduled.programme_items.all()][:4] == [
        "flag_salute",
        "delegates",
        "report",
        "speech",
    ]
    assert {"awards", "performance"} <= {item.kind for item in scheduled.programme_items.all()}
    assert scheduled.starts_at.date() > datetime.date.today()
    assert festivals["Phường Đông Sơn:held"].ends_at.date() < datetime.date.today()
