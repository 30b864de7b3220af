from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from demo.seed import seed_demo
from demo.units import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Load the demo data (Thanh Hóa's unit history and demo users). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has users.",
        )

    def handle(self, *args, force=False, if_empty=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo adds demo users with a known password; use --force outside DEBUG."
            )
        if if_empty and User.objects.exists():
            self.stdout.write("The database has users already; demo data not loaded.")
            usernames = list(
                User.objects.filter(username__in=[row[0] for row in DEMO_USERS])
                .order_by("username")
                .values_list("username", flat=True)
            )
        else:
            summary = seed_demo()
            for line in summary:
                self.stdout.write(line)
            usernames = [username for username, _role in summary.users]
        if usernames:
            self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}): " + ", ".join(usernames))
