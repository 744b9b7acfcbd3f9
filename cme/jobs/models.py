"""The progress of a long piece of work done in the background for one user, such as a large export:
what it is, how far it has got, and the file it made. Only its owner may see it (cme.jobs.selectors)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.core.models import BaseModel


class Job(BaseModel):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # What kind of work it is (a code the app that started it chooses, e.g. "case_export"), and how
    # pages name it ("Case list export (XLSX)").
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # How much is done out of how much (rows, files, ...; ``unit`` says which). total is None until known.
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=20, default="rows")
    # What the work needs to run. Cleared when it ends: it may hold a search the user typed.
    parameters = models.JSONField(default=dict, blank=True)
    # A summary kept after the end, safe to show and to audit (codes and counts only).
    summary = models.JSONField(default=dict, blank=True)
    started_on = models.DateTimeField(null=True, blank=True)
    finished_on = models.DateTimeField(null=True, blank=True)
    # The file it made: its name in the job file storage, the name offered for download, its type.
    file_path = models.CharField(max_length=300, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    file_removed_on = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_on"]
        indexes = [models.Index(fields=["owner", "created_on"], name="job_owner_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        """How far it has got, 0 to 100; None while the total is not known."""
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)

    @property
    def has_file(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file_path) and self.file_removed_on is None
