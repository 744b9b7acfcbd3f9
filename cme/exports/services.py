"""Exporting the case list. A small export is made at once and downloaded; a large one
(more than ``CME_EXPORT_INLINE_ROWS`` rows) runs as a background job whose page shows its progress
and then offers the file. Either way the export is recorded in the audit trail with the filters used
(never the name or date of birth searched for) and how many cases it holds."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.casework.selectors import CaseListFilters
from cme.exports.selectors import (
    CASE_EXPORT_HEADER,
    case_export_queryset,
    case_export_rows,
    filters_from_json,
    filters_to_json,
)
from cme.jobs.files import job_file_location
from cme.jobs.models import Job
from cme.jobs.services import JobFile, Progress, job_create, job_run
from cme.jobs.tables import FileFormat, table_bytes, write_csv, write_xlsx

CASE_EXPORT_KIND = "case_export"


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    file_name: str
    content_type: str
    rows: int


def case_export_file_name(*, file_format: FileFormat, today: date) -> str:
    return f"cme-cases-{today.isoformat()}.{file_format.value}"


def inline_limit() -> int:
    return int(settings.CME_EXPORT_INLINE_ROWS)


@transaction.atomic
def case_export_now(*, actor: Any, filters: CaseListFilters, file_format: FileFormat, today: date) -> ExportedFile:
    """Make the export at once (for up to ``inline_limit()`` cases) and record it."""
    cases = case_export_queryset(user=actor, filters=filters, today=today)
    rows = list(case_export_rows(cases, today=today))
    content = table_bytes(file_format, CASE_EXPORT_HEADER, rows, sheet="Cases")
    audit_record(
        actor=actor,
        action=AuditAction.CASES_EXPORTED,
        data={**filters.for_audit(), "format": file_format.value, "rows": len(rows), "background": False},
    )
    return ExportedFile(
        content=content,
        file_name=case_export_file_name(file_format=file_format, today=today),
        content_type=file_format.content_type,
        rows=len(rows),
    )


@transaction.atomic
def case_export_start(
    *, actor: Any, filters: CaseListFilters, file_format: FileFormat, today: date, expected_rows: int
) -> Job:
    """Queue a large export as a background job for ``actor`` and record it; the job runs once this
    transaction commits."""
    from cme.exports.tasks import export_cases  # the task module imports this one

    job = job_create(
        owner=actor,
        kind=CASE_EXPORT_KIND,
        title=f"Case list export ({file_format.label})",
        unit="cases",
        total=expected_rows,
        parameters={"filters": filters_to_json(filters), "format": file_format.value, "today": today.isoformat()},
        summary={**filters.for_audit(), "format": file_format.value},
    )
    audit_record(
        actor=actor,
        action=AuditAction.CASES_EXPORTED,
        target=job,
        data={**filters.for_audit(), "format": file_format.value, "rows": expected_rows, "background": True},
    )
    job_id = str(job.pk)
    transaction.on_commit(lambda: export_cases.enqueue(job_id=job_id))
    return job


def case_export_run(*, job_id: str) -> str:
    """Write a queued case list export to its file (in the background worker). Returns the job's status."""
    return job_run(job_id=uuid.UUID(job_id), work=_write_case_export).status


def _write_case_export(job: Job, progress: Progress) -> JobFile:
    parameters = job.parameters
    file_format = FileFormat(parameters["format"])
    today = date.fromisoformat(parameters["today"])
    filters = filters_from_json(parameters["filters"])
    # Visibility is decided again now, for the owner as they are now.
    cases = case_export_queryset(user=job.owner, filters=filters, today=today)
    storage_name, path = job_file_location(job_id=str(job.pk), extension=file_format.value)

    def counted() -> Any:
        for row in case_export_rows(cases, today=today):
            progress.advance()
            yield row

    if file_format is FileFormat.CSV:
        with path.open("w", encoding="utf-8", newline="") as out:
            write_csv(out, CASE_EXPORT_HEADER, counted())
    else:
        write_xlsx(path, CASE_EXPORT_HEADER, counted(), sheet="Cases")
    return JobFile(
        storage_name=storage_name,
        file_name=case_export_file_name(file_format=file_format, today=today),
        content_type=file_format.content_type,
    )
