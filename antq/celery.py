"""The Celery app (`celery -A antq worker`, `celery -A antq beat`; deploy/systemd/).

Configured from the Django settings whose names start with CELERY_ (antq/settings.py): the
broker is CELERY_BROKER_URL, by default REDIS_URL; with neither set, tasks run eagerly in the
process that sends them. Tasks are declared in each app's `tasks.py` (core.tasks.job_task) and
found here.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq.settings")

app = Celery("antq")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
