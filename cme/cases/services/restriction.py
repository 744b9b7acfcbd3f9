"""Restricted cases (for example a family fleeing domestic violence): the child's address and the
concerns are hidden on the case's pages unless the user gives a reason, which is audited. Restricting
and lifting a restriction each need a reason, kept as a note on the case's timeline."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.models import Case, CaseNote
from cme.cases.services.guards import locked_case, require_permission, required_text
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm


def _reason(reason: str, *, missing: str) -> str:
    return required_text(
        reason, limit=500, field="reason", missing=missing, too_long="The reason must be 500 characters or fewer"
    )


def _save(case: Case, actor: Any, *, restricted: bool, reason: str, note: str, action: AuditAction) -> Case:
    case.restricted = restricted
    case.restriction_reason = reason if restricted else ""
    case.version = F("version") + 1
    case.modified_by = actor
    case.save(update_fields=["restricted", "restriction_reason", "version", "modified_by", "modified_on"])
    case.refresh_from_db(fields=["version"])
    CaseNote.objects.create(case=case, author=actor, written_on=timezone.now(), text=f"{note}: {reason}")
    audit_record(actor=actor, action=action, target=case, case_id=str(case.pk))
    return case


@transaction.atomic
def case_restrict(*, case: Case, actor: Any, reason: str, expected_version: int) -> Case:
    """Hide the child's address and the concerns on this case from anyone who does not give a reason."""
    require_permission(actor, Perm.WORK_CASES, "You do not have permission to restrict a case")
    case = locked_case(case, expected_version=expected_version)
    if case.restricted:
        raise ApplicationError("This case is already restricted")
    reason = _reason(reason, missing="Enter why the case must be restricted")
    return _save(
        case, actor, restricted=True, reason=reason, note="Restricted the case", action=AuditAction.CASE_RESTRICTED
    )


@transaction.atomic
def case_unrestrict(*, case: Case, actor: Any, reason: str, expected_version: int) -> Case:
    """Lift a case's restriction, so its pages show the address and the concerns again."""
    require_permission(actor, Perm.WORK_CASES, "You do not have permission to lift a case's restriction")
    case = locked_case(case, expected_version=expected_version)
    if not case.restricted:
        raise ApplicationError("This case is not restricted")
    reason = _reason(reason, missing="Enter why the restriction can be lifted")
    return _save(
        case,
        actor,
        restricted=False,
        reason=reason,
        note="Lifted the restriction",
        action=AuditAction.CASE_UNRESTRICTED,
    )


@transaction.atomic
def case_restricted_details_reveal(*, case: Case, actor: Any, reason: str) -> None:
    """Record that ``actor`` gave ``reason`` to see a restricted case's hidden details. The details are
    shown for that one request only: nothing is unlocked for later. The reason is the user's own words
    about why they need to look, so the audit event keeps it."""
    require_permission(actor, Perm.VIEW_CASES, "You do not have permission to read cases")
    if not case.restricted:
        raise ApplicationError("This case is not restricted: its details are on the case page")
    reason = required_text(
        reason,
        limit=500,
        field="reason",
        missing="Enter why you need to see the restricted details",
        too_long="The reason must be 500 characters or fewer",
    )
    audit_record(
        actor=actor,
        action=AuditAction.CASE_RESTRICTED_VIEWED,
        target=case,
        case_id=str(case.pk),
        data={"reason": reason},
    )
