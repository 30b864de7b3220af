import csv
import io
import json
import re
import resource
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse

from accounts.models import User
from antq.celery import app as celery_app
from awards.models import Decision, IssuingAuthority
from awards.spreadsheets import HEADERS

IMPORT_ROWS = 5000


def _peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import_file(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for n in range(1, rows + 1):
        writer.writerow(
            [
                n,
                "Giấy khen",
                "Cá nhân",
                f"Nguyễn Văn Bench {n}",
                "Trưởng thôn",
                "Xã Bench",
                "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc",
                500000,
                "",
            ]
        )
    return buffer.getvalue().encode("utf-8")


class Command(BaseCommand):
    help = (
        "Time the awards export of the district user's whole scope (and this process's peak "
        "memory) and the import of a 5,000-row file into a new decision, removed afterwards; "
        "prints JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", default="bench-district")
        parser.add_argument("--authority", type=int, required=True)
        parser.add_argument("--skip-export", action="store_true")

    def handle(self, *args, user, authority, skip_export, **options):
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(User.objects.get(username=user))
        result = {}
        # The background jobs (a large export, the import of a long list) run in this process,
        # as a worker would run them, so that their time and memory are measured here.
        celery_app.conf.task_always_eager = True
        if not skip_export:
            before = _peak_mib()
            started = time.monotonic()
            url = reverse("awards:award.export", kwargs={"fmt": "xlsx"})
            response = client.get(url)
            via = "page"
            if not response.streaming:
                # Past EXPORT_SYNC_MAX_ROWS: the page offers the file as a job; made, then taken.
                job = resolve(client.post(url)["Location"]).kwargs["pk"]
                response = client.get(reverse("jobs:job.download", kwargs={"pk": job}))
                via = "job"
            size = sum(len(chunk) for chunk in response.streaming_content)
            result["export"] = {
                "status": response.status_code,
                "via": via,
                "seconds": time.monotonic() - started,
                "bytes": size,
                "peak_mib": _peak_mib(),
                "peak_before_mib": before,
            }
        decision = Decision.objects.create(
            number=f"{int(time.time())}/QĐ-BENCH",
            date=Decision._meta.get_field("date").to_python("2026-08-19"),
            authority=IssuingAuthority.objects.get(pk=authority),
            signer_name="Bench",
        )
        try:
            upload = SimpleUploadedFile("bench.csv", _import_file(IMPORT_ROWS), "text/csv")
            url = reverse("awards:decision.import", kwargs={"pk": decision.pk})
            started = time.monotonic()
            preview = client.post(url, {"file": upload})
            match = re.search(rb'name="token" value="([0-9a-f-]+)"', preview.content)
            previewed = time.monotonic()
            confirm = client.post(url, {"token": match.group(1).decode()}) if match else None
            result["import"] = {
                "rows": IMPORT_ROWS,
                "preview_status": preview.status_code,
                "confirm_status": confirm.status_code if confirm else None,
                "imported": decision.awards.count(),
                "preview_seconds": previewed - started,
                "seconds": time.monotonic() - started,
            }
        finally:
            with transaction.atomic():
                decision.staged_imports.all().delete()
                decision.awards.all()._raw_delete(decision.awards.all().db)
                Decision.objects.filter(pk=decision.pk).delete()
        self.stdout.write(json.dumps(result))
