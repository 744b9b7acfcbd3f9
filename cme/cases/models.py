"""CME cases. A case is opened when triage decides a referred child is missing education."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.core.models import BaseModel


class Case(BaseModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    reference = models.CharField(max_length=11, unique=True)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    area = models.ForeignKey("areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    urgent = models.BooleanField(default=False)
    cme_from = models.DateField(help_text="The first day the child was missing education, for the DfE return")
    cme_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_on"]

    def __str__(self) -> str:
        return self.reference
