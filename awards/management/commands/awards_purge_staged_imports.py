from django.core.management.base import BaseCommand

from awards.imports import staged_imports_purge


class Command(BaseCommand):
    help = "Delete award lists uploaded for import and never confirmed, once they have expired."

    def handle(self, *args, **options):
        count = staged_imports_purge()
        self.stdout.write(f"{count} expired staged imports deleted.")
