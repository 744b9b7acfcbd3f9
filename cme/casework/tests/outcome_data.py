"""Data for the outcome tests and the browser journeys: a case in a given status, and an enquiry
checklist that is exhausted. Children and cases are synthetic."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from cme.cases.models import Case, CmeInterval
from cme.cases.states import CaseStatus
from cme.enquiries.models import Check, Outcome
from cme.enquiries.tests.factories import CaseFactory, ChildFactory, EnquiryFactory

# Checks marked not applicable in an exhausted checklist; the others are answered "nothing known".
NOT_APPLICABLE_CHECKS = (Check.MASH, Check.BORDER_CONTROL)


def exhaust(case: Case, *, answered_on: date | None = None) -> None:
    """Every check answered ("nothing known"), or not applicable (MASH, border control)."""
    answered_on = answered_on or timezone.localdate() - timedelta(days=2)
    for check in Check:
        if check in NOT_APPLICABLE_CHECKS:
            EnquiryFactory.create(
                case=case,
                check_type=check,
                asked_whom="",
                asked_on=None,
                method="",
                due_on=None,
                not_applicable=True,
                not_applicable_reason="No safeguarding concern; the family has not left the UK",
                completed_on=answered_on,
            )
        else:
            EnquiryFactory.create(
                case=case,
                check_type=check,
                asked_on=answered_on - timedelta(days=10),
                due_on=answered_on,
                outcome=Outcome.NOTHING_KNOWN,
                answer="Not known to us",
                completed_on=answered_on,
            )


def case_in(
    status: str = CaseStatus.ENQUIRIES,
    *,
    area: str | None = "west",
    exhausted: bool = False,
    forenames: str = "Sample",
    surname: str = "Testchild",
    cme_from: date | None = None,
    **fields: Any,
) -> Case:
    """A case in ``status`` with its open CME interval (and an exhausted checklist if asked)."""
    child = ChildFactory.create(forenames=forenames, surname=surname, date_of_birth=date(2014, 5, 17))
    cme_from = cme_from or timezone.localdate() - timedelta(days=60)
    case = CaseFactory.create(child=child, status=status, area_id=area, cme_from=cme_from, **fields)
    CmeInterval.objects.create(case=case, start=cme_from)
    if exhausted:
        exhaust(case)
    return case
