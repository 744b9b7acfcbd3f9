"""Versions of the policy values. A version holds every value, takes effect on its date, and is never
changed afterwards: a new decision is a new version, so what applied on any past date stays answerable."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.core.models import BaseModel


class PolicyVersion(BaseModel):
    number = models.PositiveIntegerField(unique=True)
    effective_from = models.DateField()
    # Policy key name -> stored value (cme.policy.definitions.serialise_value). A key missing from a
    # version (added to the service later) has its documented default.
    values = models.JSONField(default=dict)
    reason = models.TextField(max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateTimeField()

    class Meta:
        ordering = ["-effective_from", "-number"]
        indexes = [models.Index(fields=["effective_from", "number"], name="policy_version_effective_idx")]

    def __str__(self) -> str:
        return f"Version {self.number} from {self.effective_from}"
