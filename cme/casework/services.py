"""Lifecycle steps that need the enquiry checklist: recording that the child is not located, sending
the case for the manager's review, and the review's decision (policy 6.4, 6.5). The checklist lives
in cme.enquiries, above cme.cases, so these compose the two here; the writes themselves are the
cases services'."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.codes import CaseOutcome
from cme.cases.models import Case
from cme.cases.outcomes import OutcomeEvidenceError
from cme.cases.services import case_check_transition, case_close_not_located, case_transition
from cme.cases.states import CaseStatus
from cme.core.exceptions import ApplicationError
from cme.enquiries.selectors import enquiries_exhausted


class ReviewDecision(models.TextChoices):
    """What the CME manager decides at review (policy 6.4, 6.5)."""

    SOCIAL_CARE = "social_care", "Pass the case to Children's Social Care"
    LOST_PUPILS_DATABASE = "lost_pupils_database", "Close as not located and mark for the Lost Pupils Database"
    MORE_ENQUIRIES = "more_enquiries", "Return the case for more enquiries"


_CLOSING_DECISIONS: dict[str, CaseOutcome] = {
    ReviewDecision.SOCIAL_CARE: CaseOutcome.NOT_LOCATED_SOCIAL_CARE,
    ReviewDecision.LOST_PUPILS_DATABASE: CaseOutcome.NOT_LOCATED_LPD,
}


class EnquiriesOutstandingError(ApplicationError):
    """The enquiries are not exhausted. ``outstanding`` lists what is still to do, in checklist order."""

    def __init__(self, outstanding: list[str]) -> None:
        super().__init__(
            "The enquiries are not finished: every check must be answered or marked not applicable, and "
            "no enquiry may still be waiting for an answer. Still outstanding: " + "; ".join(outstanding),
            field="enquiries",
        )
        self.outstanding = outstanding


def _require_exhausted(case: Case, *, today: date) -> None:
    exhausted, outstanding = enquiries_exhausted(case, today=today)
    if not exhausted:
        raise EnquiriesOutstandingError(outstanding)


def _reason(text: str, *, field: str, missing: str) -> str:
    text = text.strip()
    if not text:
        raise OutcomeEvidenceError([(field, missing)])
    if len(text) > 2000:
        raise OutcomeEvidenceError([(field, "The reason must be 2,000 characters or fewer")])
    return text


@transaction.atomic
def case_mark_not_located(
    *, case: Case, actor: Any, reason: str, expected_version: int, today: date | None = None
) -> Case:
    """Making enquiries → not located: every enquiry has been made and concluded and the child has
    not been found. Refused, with the list of what is outstanding, until the enquiries are exhausted."""
    today = today or timezone.localdate()
    locked = case_check_transition(
        case=case,
        sources=(CaseStatus.ENQUIRIES,),
        target=CaseStatus.NOT_LOCATED,
        actor=actor,
        expected_version=expected_version,
    )
    reason = _reason(reason, field="reason", missing="Enter what the enquiries found, and why the child is not located")
    _require_exhausted(locked, today=today)
    return case_transition(
        case=locked,
        target=CaseStatus.NOT_LOCATED,
        actor=actor,
        reason=f"Not located: {reason}",
        expected_version=expected_version,
        today=today,
    )


@transaction.atomic
def case_submit_for_review(
    *, case: Case, actor: Any, expected_version: int, note: str = "", today: date | None = None
) -> Case:
    """Not located → manager review (policy 6.4). Refused, with the list of what is outstanding, while
    any enquiry is unfinished (one may have been asked again since the child was recorded not located)."""
    today = today or timezone.localdate()
    locked = case_check_transition(
        case=case,
        sources=(CaseStatus.NOT_LOCATED,),
        target=CaseStatus.MANAGER_REVIEW,
        actor=actor,
        expected_version=expected_version,
    )
    note = note.strip()
    if len(note) > 2000:
        raise OutcomeEvidenceError([("note", "The note for the manager must be 2,000 characters or fewer")])
    _require_exhausted(locked, today=today)
    return case_transition(
        case=locked,
        target=CaseStatus.MANAGER_REVIEW,
        actor=actor,
        reason="Sent for the manager's review" + (f": {note}" if note else ""),
        expected_version=expected_version,
        today=today,
    )


@transaction.atomic
def case_review_decide(
    *,
    case: Case,
    actor: Any,
    decision: str,
    expected_version: int,
    all_exhausted_confirmed: bool = False,
    social_care_reference: str = "",
    reason: str = "",
    today: date | None = None,
) -> Case:
    """The CME manager's review of a case where the child was not located (policy 6.4).

    Closing needs the manager to confirm that every action was exhausted (and the checklist to show
    it): either passing the case to Children's Social Care with their reference, or closing it as not
    located and marking it for the Lost Pupils Database (policy 6.5, a "destination unknown" CTF).
    Returning it for more enquiries needs a reason (the child still counts as missing education: the
    CME interval runs on)."""
    today = today or timezone.localdate()
    if decision not in ReviewDecision.values:
        case_check_transition(
            case=case,
            sources=(CaseStatus.MANAGER_REVIEW,),
            target=CaseStatus.CLOSED,
            actor=actor,
            expected_version=expected_version,
        )
        raise OutcomeEvidenceError([("decision", "Select your decision")])
    if decision == ReviewDecision.MORE_ENQUIRIES:
        locked = case_check_transition(
            case=case,
            sources=(CaseStatus.MANAGER_REVIEW,),
            target=CaseStatus.ENQUIRIES,
            actor=actor,
            expected_version=expected_version,
        )
        reason = _reason(reason, field="reason", missing="Enter what enquiries are still needed")
        case = case_transition(
            case=locked,
            target=CaseStatus.ENQUIRIES,
            actor=actor,
            reason=f"Returned for more enquiries: {reason}",
            expected_version=expected_version,
            today=today,
        )
    else:
        case = _close_after_review(
            case=case,
            actor=actor,
            decision=decision,
            expected_version=expected_version,
            all_exhausted_confirmed=all_exhausted_confirmed,
            social_care_reference=social_care_reference,
            reason=reason,
            today=today,
        )
    audit_record(
        actor=actor,
        action=AuditAction.CASE_REVIEW_DECIDED,
        target=case,
        case_id=str(case.pk),
        data={"decision": decision},
    )
    return case


def _close_after_review(
    *,
    case: Case,
    actor: Any,
    decision: str,
    expected_version: int,
    all_exhausted_confirmed: bool,
    social_care_reference: str,
    reason: str,
    today: date,
) -> Case:
    locked = case_check_transition(
        case=case,
        sources=(CaseStatus.MANAGER_REVIEW,),
        target=CaseStatus.CLOSED,
        actor=actor,
        expected_version=expected_version,
    )
    problems: list[tuple[str, str]] = []
    if not all_exhausted_confirmed:
        problems.append(
            ("all_exhausted_confirmed", "Confirm that every enquiry has been made and concluded before closing")
        )
    if decision == ReviewDecision.SOCIAL_CARE and not social_care_reference.strip():
        problems.append(("social_care_reference", "Enter Children's Social Care's reference"))
    if len(reason.strip()) > 2000:
        problems.append(("reason", "The notes must be 2,000 characters or fewer"))
    if problems:
        raise OutcomeEvidenceError(problems)
    _require_exhausted(locked, today=today)
    evidence = (
        f"The CME manager reviewed the case on {date_format(today, 'j F Y')} and confirmed that every "
        "enquiry on the checklist was made and concluded"
    )
    if reason.strip():
        evidence = f"{evidence}. {reason.strip()}"
    return case_close_not_located(
        case=locked,
        actor=actor,
        outcome=_CLOSING_DECISIONS[decision],
        evidence=evidence,
        social_care_reference=social_care_reference,
        expected_version=expected_version,
        today=today,
    )
