"""The message log (every email cme sends, with who it went to and which record it was about) and
each user's choice of non-urgent notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.core.models import BaseModel
from cme.notifications.catalogue import TEMPLATES


class Message(BaseModel):
    """One email to one address. ``idempotency_key`` names the logical message (for example a daily
    summary for one user on one day): it is unique, so the same message is never sent twice however
    often the job that sends it runs. The body is not kept (a set-password link must not be); the
    subject carries references only."""

    class Status(models.TextChoices):
        PENDING = "pending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not sent: will retry"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        NOTIFY = "notify", "GOV.UK Notify"

    idempotency_key = models.CharField(max_length=200, unique=True)
    template = models.CharField(max_length=60)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient_email = models.EmailField()
    subject = models.CharField(max_length=300)
    urgent = models.BooleanField(default=False)
    # The record the message is about, by type and id (as in the audit trail) and its reference.
    record_type = models.CharField(max_length=60, blank=True)
    record_id = models.CharField(max_length=64, blank=True)
    reference = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    provider_id = models.CharField(max_length=100, blank=True, help_text="GOV.UK Notify's id for the message")
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_on = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_on"]
        indexes = [
            models.Index(fields=["-created_on"], name="message_created_idx"),
            models.Index(fields=["recipient_email", "-created_on"], name="message_recipient_idx"),
            models.Index(fields=["reference"], name="message_reference_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.template} to {self.recipient_email}"

    @property
    def template_name(self) -> str:
        spec = TEMPLATES.get(self.template)
        return spec.name if spec is not None else self.template

    @property
    def case_id(self) -> str:
        """The case's id when the message is about a case (for a link to it), else ""."""
        return self.record_id if self.record_type == "cases.case" else ""


class Preference(BaseModel):
    """Whether a user receives one kind of non-urgent notification. No row: the kind's default."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    enabled = models.BooleanField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="preference_user_kind_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {'on' if self.enabled else 'off'}"
