"""The append-only audit trail. The database itself refuses UPDATE and DELETE on this table
(triggers in migration 0002), so a row once written stays as written."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.audit.events import action_sentence, object_type_label


class AuditEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=60, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    case_id = models.CharField(max_length=64, blank=True, db_index=True)
    request_id = models.CharField(max_length=64, blank=True)
    # Identifiers and codes only: never a child's name, address or other details.
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "occurred_at"], name="audit_object_idx"),
            models.Index(fields=["request_id"], name="audit_request_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.action} {self.object_type}:{self.object_id}"

    @property
    def sentence(self) -> str:
        return action_sentence(self.action)

    @property
    def object_type_label(self) -> str:
        return object_type_label(self.object_type)
