"""Reading jobs: a user sees only their own."""

from __future__ import annotations

import uuid
from typing import Any

from cme.jobs.models import Job

RECENT_JOBS = 20


def job_get_for_owner(*, user: Any, job_id: uuid.UUID) -> Job | None:
    return Job.objects.filter(pk=job_id, owner_id=user.pk).first()


def jobs_recent_for_owner(*, user: Any) -> list[Job]:
    return list(Job.objects.filter(owner_id=user.pk).order_by("-created_on")[:RECENT_JOBS])
