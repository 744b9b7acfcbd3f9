"""The case list's rules that other modules also hold: what counts as an overdue enquiry (the same as
cme.enquiries), and who may take a case (the same as case_claim)."""

from __future__ import annotations

from datetime import date

import pytest

from cme.cases.services import case_claim
from cme.cases.states import CaseStatus
from cme.casework.selectors import CaseListFilters, case_list_for, may_claim, overdue_enquiry_q
from cme.casework.tests.case_data import TODAY, a_case, an_officer, answered_enquiry, overdue_enquiry, waiting_enquiry
from cme.core.exceptions import ApplicationError
from cme.enquiries.models import Check, Enquiry
from cme.enquiries.selectors import overdue_enquiries
from cme.enquiries.tests.factories import EnquiryFactory, OtherCouncilFactory


def test_an_overdue_enquiry_here_is_an_overdue_enquiry_in_cme_enquiries(db):
    case = a_case()
    expected = {
        overdue_enquiry(case, Check.POLICE).pk,
        # Due yesterday, chased, still no answer.
        EnquiryFactory.create(
            case=case, check_type=Check.MASH, asked_on=date(2026, 3, 1), due_on=date(2026, 3, 19), last_chased_on=TODAY
        ).pk,
    }
    waiting_enquiry(case, Check.HEALTH)
    answered_enquiry(case, Check.HOUSING)
    EnquiryFactory.create(case=case, check_type=Check.BENEFITS, asked_on=date(2026, 3, 2), due_on=TODAY)  # due today
    EnquiryFactory.create(
        case=case,
        check_type=Check.COUNCIL_TAX,
        asked_on=date(2026, 3, 2),
        due_on=date(2026, 3, 9),
        not_applicable=True,
        not_applicable_reason="The family were never in the county",
    )
    EnquiryFactory.create(case=case, check_type=Check.LOST_PUPILS, asked_on=None, due_on=date(2026, 3, 9))

    mine = set(Enquiry.objects.filter(overdue_enquiry_q(today=TODAY)).values_list("pk", flat=True))
    theirs = set(overdue_enquiries(today=TODAY).values_list("pk", flat=True))

    assert mine == theirs == expected


@pytest.mark.parametrize(
    ("who", "case_details", "expected"),
    [
        ("cme_officer_west", {"area": "west"}, True),
        ("cme_officer_west", {"area": None}, True),
        ("cme_officer_east", {"area": "west"}, False),
        ("cme_officer_west", {"area": "west", "status": CaseStatus.CLOSED}, False),
        ("cme_officer_west", {"area": "west", "held": True}, False),
        ("cme_manager", {"area": "west"}, False),
    ],
)
def test_the_take_button_is_offered_exactly_when_case_claim_would_allow_it(persona, who, case_details, expected):
    held = case_details.pop("held", False)
    case = a_case(allocated_to=an_officer("Ann Officer") if held else None, **case_details)
    user = persona(who)

    offered = may_claim(user=user, case=case)
    try:
        case_claim(case=case, actor=user)
        allowed = True
    except ApplicationError:
        allowed = False

    assert offered == allowed == expected


def test_the_overdue_count_counts_enquiries_to_named_councils_too(persona):
    case = a_case()
    overdue_enquiry(case, Check.CROSS_BORDER)
    EnquiryFactory.create(
        case=case,
        check_type=Check.CROSS_BORDER,
        other_council=OtherCouncilFactory.create(),
        asked_on=date(2026, 3, 2),
        due_on=date(2026, 3, 16),
    )

    [listed] = case_list_for(user=persona("cme_manager"), filters=CaseListFilters(), today=TODAY)

    assert getattr(listed, "overdue_enquiries") == 2  # noqa: B009 - an annotation the model does not declare
