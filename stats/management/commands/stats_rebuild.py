from django.core.management.base import BaseCommand

from stats.services import summaries_refresh


class Command(BaseCommand):
    help = (
        "Rebuild the statistics summary tables from the published data (after loading data "
        "without the application, e.g. by COPY)."
    )

    def handle(self, *args, **options):
        summaries_refresh()
        self.stdout.write("Statistics summaries rebuilt.")
