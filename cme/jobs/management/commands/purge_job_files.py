"""Delete the files of jobs older than CME_JOB_FILE_DAYS (run daily, e.g. from cron)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cme.jobs.services import job_files_purge


class Command(BaseCommand):
    help = "Delete the files of background jobs (exports) older than CME_JOB_FILE_DAYS days."

    def handle(self, *args: Any, **options: Any) -> None:
        cutoff = timezone.now() - timedelta(days=settings.CME_JOB_FILE_DAYS)
        deleted = job_files_purge(finished_before=cutoff)
        self.stdout.write(f"Deleted {deleted} job file{'' if deleted == 1 else 's'}.")
