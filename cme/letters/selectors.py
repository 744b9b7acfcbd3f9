"""Reading letter templates and issued documents: who may see which."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet

from cme.cases.selectors import case_visible_to
from cme.core.permissions import Perm
from cme.letters.models import IssuedDocument, LetterTemplate
from cme.letters.templates_registry import LETTER_KINDS


def letter_template_versions(*, kind: str) -> QuerySet[LetterTemplate]:
    return LetterTemplate.objects.filter(kind=kind).select_related("created_by").order_by("-version")


def letter_template_version(*, kind: str, version: int) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(kind=kind, version=version).select_related("created_by").first()


def letter_templates_current() -> dict[str, LetterTemplate]:
    """The newest version of each kind that has one, by kind key (one query)."""
    newest: dict[str, LetterTemplate] = {}
    for template in LetterTemplate.objects.filter(kind__in=LETTER_KINDS).select_related("created_by"):
        if template.kind not in newest or template.version > newest[template.kind].version:
            newest[template.kind] = template
    return newest


def _documents() -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.defer("pdf", "context").select_related("issued_by", "case")


def case_documents(*, case: Any) -> list[IssuedDocument]:
    """A case's issued letters and notices, newest first (without their bytes)."""
    return list(_documents().filter(case=case).order_by("-issued_on"))


def issued_document_get_for_user(*, user: Any, document_id: uuid.UUID) -> IssuedDocument | None:
    """The document if ``user`` may read its case (the case's own scoping rules), else None."""
    if not (user.has_perm(Perm.VIEW_CASES) or user.has_perm(Perm.VIEW_LEGAL)):
        return None
    return (
        IssuedDocument.objects.select_related("case")
        .filter(pk=document_id, case__in=case_visible_to(user=user).values("pk"))
        .first()
    )
