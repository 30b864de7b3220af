import csv

from django.core.management.base import BaseCommand, CommandError

from units.services import units_import_history


class Command(BaseCommand):
    help = (
        "Import historical units and successions from CSV files (UTF-8, comma-separated, header row). "
        "Units: code,name,kind,parent_code,valid_from,valid_to. "
        "Successions: predecessor_code,successor_code,date,kind,legal_basis. "
        "All or nothing: with one bad row nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", help="CSV file of units")
        parser.add_argument("--successions", help="CSV file of successions")

    def handle(self, *args, units=None, successions=None, **options):
        if not units and not successions:
            raise CommandError("Give --units FILE, --successions FILE or both.")
        handles = []
        try:
            unit_rows = succession_rows = None
            if units:
                handles.append(open(units, encoding="utf-8-sig", newline=""))  # noqa: SIM115
                unit_rows = csv.DictReader(handles[-1])
            if successions:
                handles.append(open(successions, encoding="utf-8-sig", newline=""))  # noqa: SIM115
                succession_rows = csv.DictReader(handles[-1])
            report = units_import_history(
                unit_rows=unit_rows,
                succession_rows=succession_rows,
                units_source=units or "",
                successions_source=successions or "",
            )
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            for handle in handles:
                handle.close()
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} error(s); nothing was imported.")
        self.stdout.write(
            f"units: {report.units_created} created, {report.units_updated} updated; "
            f"successions: {report.successions_created} created, {report.successions_updated} updated"
        )
