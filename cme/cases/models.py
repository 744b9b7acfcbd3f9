"""CME cases. A case is opened when triage decides a referred child is missing education, and its
status changes only through ``cme.cases.services.case_transition`` (the table in states.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.cases.states import CaseStatus
from cme.core.models import BaseModel


class Case(BaseModel):
    Status = CaseStatus

    reference = models.CharField(max_length=11, unique=True)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    area = models.ForeignKey("areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    allocated_on = models.DateTimeField(null=True, blank=True)
    urgent = models.BooleanField(default=False)
    cme_from = models.DateField(help_text="The first day the child was missing education, for the DfE return")
    cme_until = models.DateField(null=True, blank=True)
    # Every change bumps the version; a change made from a stale page is refused (services check it).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_on"]
        indexes = [models.Index(fields=["status", "area", "allocated_to"], name="case_queue_idx")]

    def __str__(self) -> str:
        return self.reference


class CaseStatusChange(models.Model):
    """One move of a case through its lifecycle: who, when, why. Kept for reporting time in each state."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    changed_on = models.DateTimeField()
    reason = models.TextField(max_length=5000)

    class Meta:
        ordering = ["changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status or 'new'} → {self.to_status}"


class CmeInterval(models.Model):
    """A period in which the child on this case was missing education. A case reopened, or returned
    to enquiries after a placement fell through, starts a new interval (for the DfE return)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="cme_intervals")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="cme_interval_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start} to {self.end or 'now'}"
