import datetime
import json

from django.core.management.base import BaseCommand
from django.db.models import Count

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from awards.models import Decision
from events.models import Festival
from units.enums import UnitLevel
from units.models import AdministrativeUnit, UnitScope

PASSWORD = "bench-pass-2026"
THANH_HOA = "38"


def _user(username, full_name, role, unit):
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": full_name, "position": "Bench"}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=unit, defaults={"valid_from": datetime.date(2016, 1, 1)}
    )
    return user


class Command(BaseCommand):
    help = "Make the benchmark's users and print, as JSON, the pages it measures."

    def handle(self, *args, **options):
        province = AdministrativeUnit.objects.current().get(
            code=THANH_HOA, level=UnitLevel.PROVINCE
        )
        in_province = UnitScope.objects.filter(root=province).values("unit_id")
        # The commune official: the commune of Thanh Hóa with most festivals in its scope (its
        # own and its predecessors').
        communes = (
            UnitScope.objects.filter(
                root__in=AdministrativeUnit.objects.current().filter(
                    level=UnitLevel.COMMUNE, parent=province
                ),
                unit__festivals__isnull=False,
            )
            .values("root_id")
            .annotate(n=Count("unit__festivals"))
            .order_by("-n", "root_id")
        )
        commune = AdministrativeUnit.objects.get(pk=communes[0]["root_id"])
        district = _user("bench-district", "Lê Thị Bench", Role.DISTRICT_STAFF, province)
        official = _user("bench-commune", "Nguyễn Văn Bench", Role.COMMUNE_OFFICIAL, commune)
        festivals = Festival.objects.filter(host_unit__in=in_province)
        report = (
            festivals.filter(status="published")
            .annotate(n=Count("delegates"))
            .order_by("-year", "-n", "pk")
            .first()
        )
        decision = (
            Decision.objects.filter(authority__unit__in=in_province)
            .annotate(n=Count("awards"))
            .filter(n__gte=20)
            .order_by("n", "-date", "pk")
            .first()
        )
        own = Festival.objects.filter(
            host_unit__in=UnitScope.objects.filter(root=commune).values("unit_id")
        ).order_by("-starts_at", "-pk")
        self.stdout.write(
            json.dumps(
                {
                    "password": PASSWORD,
                    "district": district.username,
                    "commune": official.username,
                    "commune_name": commune.name,
                    "province_festivals": festivals.count(),
                    "commune_festivals": own.count(),
                    "report": report.get_public_url() if report else None,
                    "report_id": report.pk if report else None,
                    "decision_id": decision.pk if decision else None,
                    "decision_awards": decision.n if decision else 0,
                    "commune_festival_id": own.first().pk if own.exists() else None,
                    "authority_id": decision.authority_id if decision else None,
                }
            )
        )
