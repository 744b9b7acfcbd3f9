"""The progress page of a job, the list of a user's recent jobs, and the download of a job's file.
Only the job's owner may see any of them; anyone else is told it does not exist."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.core.access import any_signed_in_user
from cme.jobs.models import Job
from cme.jobs.selectors import job_get_for_owner, jobs_recent_for_owner
from cme.jobs.services import job_file_path

# How often the progress page reloads itself while the job runs (seconds).
REFRESH_SECONDS = 3


def _own_job(request: HttpRequest, job_id: uuid.UUID) -> Job:
    job = job_get_for_owner(user=request.user, job_id=job_id)
    if job is None:
        raise Http404
    return job


@any_signed_in_user
@require_GET
def job_detail(request: HttpRequest, job_id: uuid.UUID) -> HttpResponse:
    """While the job runs the page reloads itself every few seconds, without JavaScript, through the
    HTTP ``Refresh`` header (which browsers treat as ``<meta http-equiv="refresh">``). The page offers
    to stop that (``?refresh=off``), so nobody has it reload while they read it (WCAG 2.2.1)."""
    job = _own_job(request, job_id)
    refreshing = not job.is_finished and request.GET.get("refresh") != "off"
    response = render(
        request,
        "jobs/job_detail.html",
        {
            "job": job,
            "refreshing": refreshing,
            "refresh_seconds": REFRESH_SECONDS,
            "keep_days": settings.CME_JOB_FILE_DAYS,
        },
    )
    if refreshing:
        response["Refresh"] = str(REFRESH_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@any_signed_in_user
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "jobs/job_list.html",
        {"jobs": jobs_recent_for_owner(user=request.user), "keep_days": settings.CME_JOB_FILE_DAYS},
    )


@any_signed_in_user
@require_GET
def job_download(request: HttpRequest, job_id: uuid.UUID) -> FileResponse:
    job = _own_job(request, job_id)
    path = job_file_path(job) if job.has_file else None
    if path is None or not path.exists():
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.JOB_FILE_DOWNLOADED,
        target=job,
        data={"kind": job.kind, **job.summary},
    )
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.file_name, content_type=job.content_type)
