"""Reading what a case's outcome pages need: which lifecycle actions a user may take on a case now,
the outcome (or where the child was found) as the case page shows it, what the manager's review
shows, and the cases waiting for review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from cme.cases.codes import CaseOutcome
from cme.cases.models import Case, CaseStatusChange
from cme.cases.outcomes import OUTCOME_RULES, ctf_destination
from cme.cases.selectors import case_visible_to, child_school_age
from cme.cases.states import CaseStatus, transitions_from
from cme.enquiries.selectors import ChecklistItem, checklist_exhausted, enquiry_checklist_for


@dataclass(frozen=True)
class CaseAction:
    """A lifecycle action offered on the case page: a link to its page, or (``post``) a button that
    sends the case's version straight to ``url_name``."""

    label: str
    url_name: str
    post: bool = False
    secondary: bool = False


# Each action, the move it makes, and how the case page offers it. The lifecycle table decides
# whether the move is allowed from the case's status and which permission it needs.
_ACTIONS: tuple[tuple[CaseStatus, CaseStatus, CaseAction], ...] = (
    (CaseStatus.OPEN, CaseStatus.ENQUIRIES, CaseAction("Start enquiries", "casework:start_enquiries", post=True)),
    (
        CaseStatus.ENQUIRIES,
        CaseStatus.LOCATED,
        CaseAction("Record that the child is located", "casework:record_located"),
    ),
    (
        CaseStatus.LOCATED,
        CaseStatus.CLOSED,
        CaseAction("Record the school's confirmation", "casework:confirm_placement"),
    ),
    (
        CaseStatus.ENQUIRIES,
        CaseStatus.NOT_LOCATED,
        CaseAction("Record that the child is not located", "casework:not_located", secondary=True),
    ),
    (
        CaseStatus.NOT_LOCATED,
        CaseStatus.MANAGER_REVIEW,
        CaseAction("Send for manager review", "casework:submit_for_review"),
    ),
    (
        CaseStatus.NOT_LOCATED,
        CaseStatus.ENQUIRIES,
        CaseAction("Return to enquiries", "casework:return_to_enquiries", secondary=True),
    ),
    (CaseStatus.MANAGER_REVIEW, CaseStatus.CLOSED, CaseAction("Review the case", "casework:review")),
    (
        CaseStatus.OPEN,
        CaseStatus.CLOSED,
        CaseAction("Close the case with an outcome", "casework:close", secondary=True),
    ),
    (
        CaseStatus.ENQUIRIES,
        CaseStatus.CLOSED,
        CaseAction("Close the case with an outcome", "casework:close", secondary=True),
    ),
    (CaseStatus.CLOSED, CaseStatus.ENQUIRIES, CaseAction("Reopen the case", "casework:reopen", secondary=True)),
)


def case_actions(*, user: Any, case: Case) -> list[CaseAction]:
    """The lifecycle actions ``user`` may take on ``case`` in its current status, in the order the
    case page shows them: those the lifecycle table allows from the status and whose permission the
    user holds."""
    allowed = {t.target: t.permission for t in transitions_from(case.status)}
    return [
        action
        for source, target, action in _ACTIONS
        if source == case.status and target in allowed and user.has_perm(allowed[target])
    ]


# The outcome, as the case page shows it ------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    key: str
    value: str


def _long(day: date | datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = timezone.localdate(day)
    return date_format(day, "j F Y")


def _where_found(case: Case) -> str:
    if case.located_school is not None:
        return f"{case.located_school.name} (URN {case.located_school.urn})"
    if case.located_school_name:
        return f"{case.located_school_name}, {case.located_council}"
    return ""


def _location_rows(case: Case) -> list[SummaryRow]:
    rows: list[SummaryRow] = []
    where = _where_found(case)
    if where:
        rows.append(SummaryRow("School", where))
    if case.located_on:
        rows.append(SummaryRow("Found on", _long(case.located_on)))
    if case.expected_start_date:
        key = "Start date" if case.school_confirmed_attendance else "Expected start date"
        rows.append(SummaryRow(key, _long(case.expected_start_date)))
    if case.school_confirmed_on:
        confirmed = f"{_long(case.school_confirmed_on)}: attending"
        if case.confirmation_note:
            confirmed = f"{confirmed}. {case.confirmation_note}"
        rows.append(SummaryRow("School confirmed", confirmed))
    return rows


def case_outcome_rows(case: Case) -> list[SummaryRow]:
    """Where the child was found and how the case closed, as summary-list rows (empty while the case
    has neither)."""
    rows: list[SummaryRow] = []
    if case.outcome:
        key = "Outcome" if case.status == CaseStatus.CLOSED else "Outcome when the school confirms"
        rows.append(SummaryRow(key, str(CaseOutcome(case.outcome).label)))
    rows += _location_rows(case)
    if case.outcome_detail:
        key = "Provider" if case.outcome == CaseOutcome.OTHER_SUITABLE_PROVISION else "Moved to"
        rows.append(SummaryRow(key, case.outcome_detail))
    if case.social_care_reference:
        rows.append(SummaryRow("Children's Social Care reference", case.social_care_reference))
    if case.outcome_evidence:
        rows.append(SummaryRow("Evidence", case.outcome_evidence))
    destination = ctf_destination(outcome=case.outcome, lost_pupils_database=case.lost_pupils_database)
    if destination:
        rows.append(SummaryRow("Lost Pupils Database", f"Yes: CTF destination {destination}"))
    if case.outcome_recorded_on:
        by = f" by {case.outcome_recorded_by.full_name}" if case.outcome_recorded_by else ""
        rows.append(SummaryRow("Closed", f"{_long(case.outcome_recorded_on)}{by}"))
    return rows


def outcome_hints() -> dict[str, str]:
    """What each outcome needs, keyed by code (the close page's hints)."""
    return {str(outcome): rule.evidence for outcome, rule in OUTCOME_RULES.items()}


def compulsory_school_age_end(case: Case) -> date | None:
    """The last day of the child's compulsory school age, or None when the date of birth is unknown."""
    age = child_school_age(date_of_birth=case.child.date_of_birth, on=timezone.localdate())
    return age.ends if age else None


# Not located and review ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnquiryState:
    """The checklist and whether it is exhausted, with what is outstanding."""

    items: list[ChecklistItem]
    exhausted: bool
    outstanding: list[str]


def enquiry_state(case: Case, *, today: date | None = None) -> EnquiryState:
    items = enquiry_checklist_for(case, today=today)
    exhausted, outstanding = checklist_exhausted(items)
    return EnquiryState(items=items, exhausted=exhausted, outstanding=outstanding)


def latest_change_to(case: Case, status: str) -> CaseStatusChange | None:
    """The last time the case moved to ``status`` (who, when, why), or None."""
    return (
        CaseStatusChange.objects.filter(case=case, to_status=status)
        .select_related("changed_by")
        .order_by("-changed_on", "-id")
        .first()
    )


def cases_awaiting_review(*, user: Any) -> QuerySet[Case]:
    """Cases in manager review that ``user`` may see, the longest waiting first, each annotated with
    ``sent_for_review_on`` and ``sent_for_review_by`` (the name of who sent it)."""
    latest = CaseStatusChange.objects.filter(case=OuterRef("pk"), to_status=CaseStatus.MANAGER_REVIEW).order_by(
        "-changed_on", "-id"
    )
    return (
        case_visible_to(user=user)
        .filter(status=CaseStatus.MANAGER_REVIEW)
        .annotate(
            sent_for_review_on=Subquery(latest.values("changed_on")[:1]),
            sent_for_review_by=Subquery(latest.values("changed_by__full_name")[:1]),
        )
        .order_by("sent_for_review_on", "reference")
    )
