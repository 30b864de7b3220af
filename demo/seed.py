"""`seed_demo`: all the demo data. Every step is idempotent, so that it can run again after later
issues add more.

    units, users          today's units, Thanh Hóa's history, the demo users    demo.units
    festivals             planned, held and draft festivals, the 2023 one       demo.festivals
    movements             movement models, shown at the 2023 festival           demo.movements
    awards                awards and tributes of the 2023 festival              demo.awards
    reports               published reports with photos and directions          demo.reports
    notifications         what the steps above told the demo users, unmailed    (here)
"""

from django.db import transaction
from django.utils import timezone

from demo.awards import seed_demo_awards
from demo.festivals import seed_demo_festivals, seed_reference_festival
from demo.movements import seed_demo_movements
from demo.reports import seed_demo_reports
from demo.units import seed_demo_units, seed_demo_users
from notifications.models import Notification


def seed_demo_notifications(summary):
    """The steps above told the demo users in-app, as the site does; their mail is not sent (the
    steps are made up, and `make run` would print it all)."""
    Notification.objects.filter(
        recipient__username__startswith="demo-", mailed_at__isnull=True
    ).update(mailed_at=timezone.now())


# In order: each step finds what the ones before it made.
SEEDS = [
    seed_demo_units,
    seed_demo_users,
    seed_demo_festivals,
    seed_reference_festival,
    seed_demo_movements,
    seed_demo_awards,
    seed_demo_reports,
    seed_demo_notifications,
]


class SeedSummary(list):
    """The lines to print, one or two per step; `users` holds (username, role) of the demo users."""

    users: list


@transaction.atomic
def seed_demo():
    """Load all the demo data; returns the summary to print."""
    summary = SeedSummary()
    for seed in SEEDS:
        seed(summary)
    return summary
