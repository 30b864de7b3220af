from django.core.management.base import BaseCommand

from units.enums import UnitLevel
from units.models import AdministrativeUnit
from units.services import units_import_current


class Command(BaseCommand):
    help = "Load today's 34 provinces and 3,321 communes from the vietnam-provinces package (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-if-loaded",
            action="store_true",
            help="Do nothing when current provinces and communes are already there.",
        )

    def handle(self, *args, skip_if_loaded=False, **options):
        if (
            skip_if_loaded
            and AdministrativeUnit.objects.current().filter(level=UnitLevel.COMMUNE).exists()
        ):
            self.stdout.write("Administrative units already loaded.")
            return
        counts = units_import_current()
        for level, label in [(UnitLevel.PROVINCE, "provinces"), (UnitLevel.COMMUNE, "communes")]:
            c = counts[level]
            self.stdout.write(
                f"{label}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged"
            )
