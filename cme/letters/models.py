"""Letter templates (versioned) and the documents issued from them (kept exactly as issued)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from cme.core.models import BaseModel
from cme.letters.templates_registry import KIND_CHOICES


class LetterTemplate(BaseModel):
    """One version of the body of one kind of letter. Saving a change adds a version; versions are
    never changed or deleted, because issued documents name the version they were made from."""

    kind = models.CharField(max_length=50, choices=KIND_CHOICES)
    version = models.PositiveIntegerField()
    body = models.TextField(max_length=20000)
    change_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="letter_template_kind_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.version}"


class IssuedDocument(BaseModel):
    """A letter or notice as it was issued on a case: the PDF bytes themselves (in the database, so a
    backup of the database holds every document and nothing else needs setting up), their SHA-256,
    the template version and the values it was rendered with. The PDF is never rendered again."""

    class MethodOfService(models.TextChoices):
        FIRST_CLASS_POST = "first_class_post", "First class post"
        RECORDED_DELIVERY = "recorded_delivery", "Recorded delivery"
        BY_HAND = "by_hand", "Delivered by hand"
        EMAIL = "email", "Email"
        INTERNAL = "internal", "Sent internally"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="issued_documents")
    kind = models.CharField(max_length=50, choices=KIND_CHOICES)
    title = models.CharField(max_length=200, help_text="The kind's title when it was issued")
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="issued_documents")
    template_version = models.PositiveIntegerField()
    context = models.JSONField(encoder=DjangoJSONEncoder, help_text="The values the letter was rendered with")
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_on = models.DateTimeField()
    method_of_service = models.CharField(max_length=30, choices=MethodOfService.choices, blank=True)
    served_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on"]
        indexes = [models.Index(fields=["case", "-issued_on"], name="issued_document_case_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.issued_on:%Y-%m-%d})"

    @property
    def filename(self) -> str:
        """No names in it: the case reference, the kind and the time of issue."""
        return f"{self.case.reference}-{self.kind.replace('_', '-')}-{self.issued_on:%Y%m%d-%H%M%S}.pdf"
