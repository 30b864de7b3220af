import time

from django.core.management.base import BaseCommand

from units.enums import UnitLevel
from units.models import AdministrativeUnit
from units.services import national_history_loaded, units_import_current, units_import_national


class Command(BaseCommand):
    help = (
        "Load today's 34 provinces and 3,321 communes from the vietnam-provinces package, then the "
        "tree of 30 June 2025 (63 provinces, 696 districts, 10,035 communes) and the successions "
        "of 1 July 2025 from the vietnamadminunits package (idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip-if-loaded",
            action="store_true",
            help="Do nothing when today's units and the 2025 history are already there.",
        )
        parser.add_argument(
            "--current-only",
            action="store_true",
            help="Load today's units only, not the tree of 30 June 2025.",
        )

    def handle(self, *args, skip_if_loaded=False, current_only=False, **options):
        verbose = options.get("verbosity", 1) >= 2
        current_loaded = (
            AdministrativeUnit.objects.current().filter(level=UnitLevel.COMMUNE).exists()
        )
        history_wanted = not current_only
        if skip_if_loaded and current_loaded and (not history_wanted or national_history_loaded()):
            self.stdout.write("Administrative units already loaded.")
            return
        if not (skip_if_loaded and current_loaded):
            started = time.monotonic()
            counts = units_import_current()
            self.stdout.write(
                f"Today's units (vietnam-provinces), {time.monotonic() - started:.1f} s:"
            )
            for level, label in [
                (UnitLevel.PROVINCE, "provinces"),
                (UnitLevel.COMMUNE, "communes"),
            ]:
                c = counts[level]
                self.stdout.write(
                    f"  {label}: {c.created} created, {c.updated} updated, {c.unchanged} unchanged"
                )
        if history_wanted:
            report = units_import_national()
            for line in report.lines(verbose=verbose):
                self.stdout.write(line)
