"""Notes on a case's timeline. A note is never edited or deleted: a correction is another note."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.models import Case, CaseNote
from cme.cases.services.guards import require_permission, required_text
from cme.core.permissions import Perm


@transaction.atomic
def case_note_add(*, case: Case, actor: Any, text: str) -> CaseNote:
    require_permission(actor, Perm.WORK_CASES, "You do not have permission to add notes to a case")
    text = required_text(
        text,
        limit=10000,
        field="text",
        missing="Enter the note",
        too_long="The note must be 10,000 characters or fewer",
    )
    note = CaseNote.objects.create(case=case, author=actor, written_on=timezone.now(), text=text)
    audit_record(actor=actor, action=AuditAction.CASE_NOTE_ADDED, target=note, case_id=str(case.pk))
    return note
