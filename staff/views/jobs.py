"""The page of a background job (a large export or import) for the user who started it: its
progress, polled while it runs, its outcome, and the file it made. Anyone else's job is a 404."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from awards.imports import IMPORT_JOB_KIND
from awards.models import StagedImport
from core.downloads import file_response
from core.jobs import job_for_owner
from staff.decorators import staff_area_required


def _job_of(request, pk):
    job = job_for_owner(request.user, pk)
    if job is None:
        raise Http404
    return job


def _way_back(job):
    """Where the job's page leads back to: (address, text)."""
    if job.kind == IMPORT_JOB_KIND:
        staged = StagedImport.objects.filter(job=job).select_related("decision").first()
        if staged is not None:
            return staged.decision.get_absolute_url(), _("Back to decision %(number)s") % {
                "number": staged.decision.number
            }
    return reverse("awards:decision.list"), _("Back to the award decisions")


@require_safe
@staff_area_required
def job_detail(request, pk):
    job = _job_of(request, pk)
    back_url, back_text = _way_back(job)
    return render(
        request,
        "staff/jobs/job_detail.html",
        {"job": job, "back_url": back_url, "back_text": back_text},
    )


@require_safe
@staff_area_required
def job_status(request, pk):
    """The job's state as its page shows it; the page asks for it again every few seconds
    (htmx) until the job is finished."""
    return render(request, "staff/jobs/_job_status.html", {"job": _job_of(request, pk)})


@require_safe
@staff_area_required
def job_download(request, pk):
    job = _job_of(request, pk)
    if job.status != job.Status.DONE or not job.file:
        raise Http404
    return file_response(job.file, filename=job.file_name, attachment=True)
