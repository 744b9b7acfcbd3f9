"""Where the files jobs make are kept: a directory outside the web root (``CME_JOB_STORAGE_DIR``),
shared by the web server and the background worker. Files are served only through
``jobs:download``, to the job's owner."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def job_storage() -> FileSystemStorage:
    return FileSystemStorage(location=Path(settings.CME_JOB_STORAGE_DIR))


def job_file_location(*, job_id: str, extension: str) -> tuple[str, Path]:
    """The storage name of a job's file and the path to write it to (its directory made)."""
    name = f"{job_id}.{extension}"
    path = Path(job_storage().path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    return name, path
