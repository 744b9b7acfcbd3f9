"""Background jobs for exports. Thin: each runs one service by id."""

from __future__ import annotations

from django_tasks import task

from cme.exports.services import case_export_run


@task()
def export_cases(*, job_id: str) -> str:
    """Write a large case list export to a file, reporting progress on its job."""
    return case_export_run(job_id=job_id)
