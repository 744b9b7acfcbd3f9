"""Reading enquiries: a case's checklist, whether its enquiries are exhausted, what is overdue, and
other councils' requests. docs/enquiries.md describes the rules."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from cme.cases.models import Case
from cme.cases.selectors import case_get_for_user, case_visible_to
from cme.enquiries.models import Check, Enquiry, EnquiryStep, InboundEnquiry
from cme.organisations.models import Organisation


class EnquiryStatus(StrEnum):
    NOT_STARTED = "not_started"
    WAITING = "waiting"
    OVERDUE = "overdue"
    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_finished(self) -> bool:
        return self in (EnquiryStatus.ANSWERED, EnquiryStatus.NOT_APPLICABLE)

    @property
    def tag_class(self) -> str:
        """The GOV.UK tag colour pages show it in."""
        return _STATUS_TAGS[self]


_STATUS_LABELS = {
    EnquiryStatus.NOT_STARTED: "Not started",
    EnquiryStatus.WAITING: "Waiting for an answer",
    EnquiryStatus.OVERDUE: "Overdue",
    EnquiryStatus.ANSWERED: "Answered",
    EnquiryStatus.NOT_APPLICABLE: "Not applicable",
}


_STATUS_TAGS = {
    EnquiryStatus.NOT_STARTED: "govuk-tag--grey",
    EnquiryStatus.WAITING: "govuk-tag--blue",
    EnquiryStatus.OVERDUE: "govuk-tag--red",
    EnquiryStatus.ANSWERED: "govuk-tag--green",
    EnquiryStatus.NOT_APPLICABLE: "govuk-tag--purple",
}


def enquiry_status(enquiry: Enquiry | None, *, today: date) -> EnquiryStatus:
    if enquiry is None:
        return EnquiryStatus.NOT_STARTED
    if enquiry.not_applicable:
        return EnquiryStatus.NOT_APPLICABLE
    if enquiry.outcome:
        return EnquiryStatus.ANSWERED
    if not enquiry.is_asked:
        return EnquiryStatus.NOT_STARTED
    if enquiry.due_on is not None and enquiry.due_on < today:
        return EnquiryStatus.OVERDUE
    return EnquiryStatus.WAITING


@dataclass(frozen=True)
class CouncilEnquiry:
    enquiry: Enquiry
    status: EnquiryStatus


@dataclass(frozen=True)
class ChecklistItem:
    """One check of the checklist: its standard enquiry (None: not started) and, for the cross-border
    check, the enquiries to named councils. ``status`` is the check's as a whole (see ``_check_status``)."""

    check: Check
    enquiry: Enquiry | None
    status: EnquiryStatus
    own_status: EnquiryStatus
    councils: list[CouncilEnquiry] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.check.label)

    @property
    def version(self) -> int:
        return self.enquiry.version if self.enquiry is not None else 0


def _case_enquiries(case: Case) -> list[Enquiry]:
    return list(
        Enquiry.objects.filter(case=case).select_related("other_council").order_by("other_council__name", "created_on")
    )


def _check_status(own: EnquiryStatus, councils: list[CouncilEnquiry]) -> EnquiryStatus:
    """A check with enquiries to named councils: overdue or waiting while any enquiry of it is;
    otherwise answered when any is answered, else as its own enquiry."""
    statuses = [own, *(council.status for council in councils)]
    for status in (EnquiryStatus.OVERDUE, EnquiryStatus.WAITING, EnquiryStatus.ANSWERED):
        if status in statuses:
            return status
    if EnquiryStatus.NOT_APPLICABLE in statuses:
        return EnquiryStatus.NOT_APPLICABLE
    return EnquiryStatus.NOT_STARTED


def enquiry_checklist_for(case: Case, *, today: date | None = None) -> list[ChecklistItem]:
    """Every check of policy 6.3 in order, each with its enquiry or "not started". One query."""
    today = today or timezone.localdate()
    standard: dict[str, Enquiry] = {}
    councils: list[CouncilEnquiry] = []
    for enquiry in _case_enquiries(case):
        if enquiry.other_council_id is None:
            standard[enquiry.check_type] = enquiry
        else:
            councils.append(CouncilEnquiry(enquiry, enquiry_status(enquiry, today=today)))
    items = []
    for check in Check:
        own_enquiry = standard.get(check)
        own = enquiry_status(own_enquiry, today=today)
        extra = councils if check == Check.CROSS_BORDER else []
        items.append(ChecklistItem(check, own_enquiry, _check_status(own, extra), own, extra))
    return items


def checklist_item_for(case: Case, *, check: str, today: date | None = None) -> ChecklistItem | None:
    """One check of a case's checklist; None for a value that is not a check."""
    if check not in Check.values:
        return None
    return next(item for item in enquiry_checklist_for(case, today=today) if item.check == check)


def checklist_overdue_count(items: list[ChecklistItem]) -> int:
    """How many enquiries of a checklist, to named councils included, are overdue."""
    return sum(
        1
        for item in items
        for status in (item.own_status, *(council.status for council in item.councils))
        if status == EnquiryStatus.OVERDUE
    )


def _waiting_description(enquiry: Enquiry, status: EnquiryStatus) -> str:
    name = (
        f"Cross-border enquiry to {enquiry.other_council}"
        if enquiry.other_council_id
        else enquiry.get_check_type_display()
    )
    due = f" (due {date_format(enquiry.due_on, 'j F Y')})" if enquiry.due_on else ""
    if status == EnquiryStatus.OVERDUE:
        return f"{name}: overdue, no answer yet{due}"
    return f"{name}: waiting for an answer{due}"


def enquiries_exhausted(case: Case, *, today: date | None = None) -> tuple[bool, list[str]]:
    """Whether every enquiry has been made and concluded, and if not, what is missing, in checklist order.

    Exhausted means: every check has an enquiry that is answered (any outcome, "no response" after a
    chase included) or marked not applicable with a reason, and no enquiry, to a named council or
    otherwise, is still waiting for an answer. The cross-border check is also met by answered
    enquiries to named councils. This is what the manager's review (policy 6.4) confirms.
    """
    return checklist_exhausted(enquiry_checklist_for(case, today=today))


def checklist_exhausted(items: list[ChecklistItem]) -> tuple[bool, list[str]]:
    """``enquiries_exhausted`` for a checklist already read."""
    missing: list[str] = []
    for item in items:
        pairs = [(item.enquiry, item.own_status), *((c.enquiry, c.status) for c in item.councils)]
        waiting = [
            (enquiry, status)
            for enquiry, status in pairs
            if enquiry is not None and status in (EnquiryStatus.WAITING, EnquiryStatus.OVERDUE)
        ]
        missing.extend(_waiting_description(enquiry, status) for enquiry, status in waiting)
        if not waiting and not item.status.is_finished:
            missing.append(f"{item.label}: not started")
    return (not missing, missing)


def overdue_enquiries(*, today: date | None = None, cases: QuerySet[Case] | None = None) -> QuerySet[Enquiry]:
    """Enquiries asked and past their due date with no answer, oldest due first; within ``cases``
    when given (for example ``case_visible_to(user=...)``)."""
    today = today or timezone.localdate()
    enquiries = Enquiry.objects.filter(
        asked_on__isnull=False, due_on__lt=today, outcome="", not_applicable=False
    ).select_related("case", "other_council")
    if cases is not None:
        enquiries = enquiries.filter(case__in=cases)
    return enquiries.order_by("due_on", "created_on")


def overdue_enquiries_for_user(*, user: Any, today: date | None = None) -> QuerySet[Enquiry]:
    return overdue_enquiries(today=today, cases=case_visible_to(user=user))


def enquiry_steps(enquiry: Enquiry | None) -> list[EnquiryStep]:
    """An enquiry's history, oldest first, with who recorded each step."""
    if enquiry is None:
        return []
    return list(enquiry.steps.select_related("recorded_by").order_by("recorded_at", "id"))


def case_for_enquiries(*, user: Any, case_id: uuid.UUID) -> Case | None:
    """The case, if ``user`` may see it (the same rule as the case page)."""
    return case_get_for_user(user=user, case_id=case_id)


def council_enquiry_get(*, case: Case, enquiry_id: uuid.UUID) -> Enquiry | None:
    return (
        Enquiry.objects.filter(case=case, pk=enquiry_id, other_council__isnull=False)
        .select_related("other_council")
        .first()
    )


def other_councils() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.OTHER_COUNCIL, is_active=True).order_by("name")


def councils_not_yet_asked(case: Case) -> QuerySet[Organisation]:
    asked = Enquiry.objects.filter(case=case, other_council__isnull=False).values("other_council_id")
    return other_councils().exclude(pk__in=asked)


# Other councils' requests --------------------------------------------------------------------------


def inbound_enquiry_list(*, status: str = "") -> QuerySet[InboundEnquiry]:
    """Requests from other councils: open ones first by due date, then answered ones, newest first."""
    inbound = InboundEnquiry.objects.select_related("requesting_council", "school")
    if status == InboundEnquiry.Status.OPEN:
        return inbound.filter(status=status).order_by("due_on", "received_on", "reference")
    if status == InboundEnquiry.Status.ANSWERED:
        return inbound.filter(status=status).order_by("-answered_on", "-received_on", "reference")
    return inbound.order_by("-status", "due_on", "-received_on", "reference")


def inbound_enquiry_get(*, inbound_id: uuid.UUID) -> InboundEnquiry | None:
    return (
        InboundEnquiry.objects.select_related("requesting_council", "school", "answered_by")
        .filter(pk=inbound_id)
        .first()
    )


def inbound_overdue_count(*, today: date | None = None) -> int:
    today = today or timezone.localdate()
    return InboundEnquiry.objects.filter(Q(status=InboundEnquiry.Status.OPEN) & Q(due_on__lt=today)).count()
