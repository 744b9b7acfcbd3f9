"""Cases for the case list, allocation and workload tests. Children and cases are synthetic."""

from __future__ import annotations

from datetime import date
from typing import Any

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.enquiries.models import Check, Enquiry
from cme.enquiries.tests.factories import CaseFactory, ChildFactory, EnquiryFactory

TODAY = date(2026, 3, 20)


def a_case(
    *,
    forenames: str = "Sample",
    surname: str = "Testchild",
    other_names: str = "",
    date_of_birth: date | None = date(2014, 5, 17),
    postcode: str = "WD17 1AA",
    upn: str = "",
    area: str | None = "west",
    status: str = CaseStatus.ENQUIRIES,
    **case: Any,
) -> Case:
    child = ChildFactory.create(
        forenames=forenames,
        surname=surname,
        other_names=other_names,
        date_of_birth=date_of_birth,
        postcode=postcode,
        upn=upn,
        address_line_1="1 Synthetic Road",
    )
    return CaseFactory.create(child=child, area_id=area, status=status, **case)


def an_officer(name: str, *, area: str = "west", active: bool = True) -> User:
    email = name.lower().replace(" ", ".") + "@council.example"
    return UserFactory.create(email=email, full_name=name, role=Role.CME_OFFICER, area_id=area, is_active=active)


def overdue_enquiry(case: Case, check: str = Check.POLICE) -> Enquiry:
    """Asked on 2 March 2026, due 16 March: overdue on ``TODAY`` (20 March)."""
    return EnquiryFactory.create(case=case, check_type=check, asked_on=date(2026, 3, 2), due_on=date(2026, 3, 16))


def waiting_enquiry(case: Case, check: str = Check.HEALTH) -> Enquiry:
    """Asked and due after ``TODAY``: waiting, not overdue."""
    return EnquiryFactory.create(case=case, check_type=check, asked_on=date(2026, 3, 10), due_on=date(2026, 3, 24))


def answered_enquiry(case: Case, check: str = Check.HOUSING) -> Enquiry:
    """Past its due date but answered: not overdue."""
    return EnquiryFactory.create(
        case=case,
        check_type=check,
        asked_on=date(2026, 3, 2),
        due_on=date(2026, 3, 9),
        outcome="nothing_known",
        answer="Not known to housing.",
    )
