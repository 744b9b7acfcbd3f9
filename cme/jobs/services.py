"""Starting, advancing and ending jobs. A job's progress is written in its own small transactions
(the work itself runs in the background worker, outside any request), so the progress page sees
it while the work goes on."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from cme.jobs.files import job_storage
from cme.jobs.models import Job

logger = logging.getLogger(__name__)

# The page never says more about a failure than this: the log has the details (no personal data).
FAILED_MESSAGE = "Something went wrong while making the file. Try again, or tell the system administrator."


@transaction.atomic
def job_create(
    *,
    owner: Any,
    kind: str,
    title: str,
    unit: str = "rows",
    total: int | None = None,
    parameters: dict[str, Any] | None = None,
    summary: dict[str, Any] | None = None,
) -> Job:
    return Job.objects.create(
        owner=owner,
        created_by=owner,
        kind=kind,
        title=title,
        unit=unit,
        total=total,
        parameters=parameters or {},
        summary=summary or {},
    )


@dataclass(frozen=True)
class JobFile:
    """The file a job made: where it is in the job storage, and what to call it on download."""

    storage_name: str
    file_name: str
    content_type: str


class Progress:
    """What a job's work calls to say how far it has got. Writes at most every ``interval`` seconds
    (and always at the start and the end), so reporting costs little however many rows there are."""

    def __init__(self, job_id: uuid.UUID, *, interval: float = 0.5) -> None:
        self.job_id = job_id
        self.interval = interval
        self.done = 0
        self._written_at = 0.0

    def start(self, *, total: int | None) -> None:
        Job.objects.filter(pk=self.job_id).update(
            status=Job.Status.RUNNING, total=total, done=0, started_on=timezone.now(), modified_on=timezone.now()
        )
        self._written_at = time.monotonic()

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if now - self._written_at >= self.interval:
            self._write()
            self._written_at = now

    def _write(self) -> None:
        Job.objects.filter(pk=self.job_id).update(done=self.done, modified_on=timezone.now())


def job_run(*, job_id: uuid.UUID | str, work: Callable[[Job, Progress], JobFile]) -> Job:
    """Run ``work`` for a queued job: mark it running, let it report progress, then keep the file it
    made, or mark the job failed (the error goes to the log, never to the page). Safe to call twice:
    a job already finished is left alone."""
    job = Job.objects.get(pk=job_id)
    if job.is_finished:
        return job
    progress = Progress(job.pk)
    progress.start(total=job.total)
    try:
        made = work(job, progress)
    except Exception:
        logger.exception("Job failed", extra={"job_id": str(job.pk), "kind": job.kind})
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED,
            error=FAILED_MESSAGE,
            parameters={},
            finished_on=timezone.now(),
            modified_on=timezone.now(),
        )
        return Job.objects.get(pk=job.pk)
    storage = job_storage()
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE,
        done=progress.done,
        total=progress.done if job.total is None else max(job.total, progress.done),
        parameters={},
        file_path=made.storage_name,
        file_name=made.file_name,
        content_type=made.content_type,
        file_size=storage.size(made.storage_name),
        finished_on=timezone.now(),
        modified_on=timezone.now(),
    )
    return Job.objects.get(pk=job.pk)


@transaction.atomic
def job_files_purge(*, finished_before: datetime) -> int:
    """Delete the files of jobs finished before ``finished_before``; the jobs stay, saying the file
    has gone. Returns how many files were deleted."""
    storage = job_storage()
    jobs = list(
        Job.objects.select_for_update()
        .filter(finished_on__lt=finished_before, file_removed_on__isnull=True)
        .exclude(file_path="")
    )
    now = timezone.now()
    for job in jobs:
        if storage.exists(job.file_path):
            storage.delete(job.file_path)
        job.file_removed_on = now
        job.save(update_fields=["file_removed_on", "modified_on"])
    return len(jobs)


def job_file_path(job: Job) -> Path:
    return Path(job_storage().path(job.file_path))
