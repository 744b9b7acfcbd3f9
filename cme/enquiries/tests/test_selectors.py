"""The checklist, the exhaustion rule the manager's review relies on, and overdue enquiries."""

from __future__ import annotations

from datetime import date

import pytest

from cme.enquiries.models import Check, Outcome
from cme.enquiries.selectors import (
    EnquiryStatus,
    checklist_item_for,
    enquiries_exhausted,
    enquiry_checklist_for,
    enquiry_status,
    overdue_enquiries,
    overdue_enquiries_for_user,
)
from cme.enquiries.tests.factories import CaseFactory, EnquiryFactory, OtherCouncilFactory

TODAY = date(2026, 3, 10)

pytestmark = pytest.mark.django_db

POLICY_CHECKS = [
    "Systems interrogation (school rolls, admissions, EHE register)",
    "Children's social care",
    "Police",
    "Health (NHS)",
    "MASH referral (where required)",
    "Cross-border enquiry with other councils",
    "Establishing the family's location (home visit)",
    "Confirming educational provision",
    "Housing",
    "Benefits",
    "Council tax",
    "Lost Pupils Database / S2S search",
    "Information to the social worker for border control",
]


def _answered(case, check, **extra):
    return EnquiryFactory.create(
        case=case, check_type=check, outcome=Outcome.NOTHING_KNOWN, answer="Nothing known", completed_on=TODAY, **extra
    )


def _not_applicable(case, check):
    return EnquiryFactory.create(
        case=case, check_type=check, asked_on=None, due_on=None, not_applicable=True, not_applicable_reason="Not needed"
    )


def _finish_all_but(case, *left_out):
    for check in Check:
        if check not in left_out:
            _answered(case, check)


def test_a_new_case_shows_every_check_of_the_policy_not_started(django_assert_num_queries):
    case = CaseFactory.create()

    with django_assert_num_queries(1):
        items = enquiry_checklist_for(case, today=TODAY)

    assert [item.label for item in items] == POLICY_CHECKS
    assert {(item.enquiry, item.status, item.version) for item in items} == {(None, EnquiryStatus.NOT_STARTED, 0)}


def test_each_check_shows_its_own_enquiry_and_status():
    case = CaseFactory.create()
    police = EnquiryFactory.create(case=case, check_type=Check.POLICE, due_on=date(2026, 3, 16))
    health = EnquiryFactory.create(case=case, check_type=Check.HEALTH, due_on=date(2026, 3, 9))
    housing = _answered(case, Check.HOUSING)
    mash = _not_applicable(case, Check.MASH)
    EnquiryFactory.create(check_type=Check.BENEFITS)  # another case's

    statuses = {item.check: (item.enquiry, item.status) for item in enquiry_checklist_for(case, today=TODAY)}

    assert statuses[Check.POLICE] == (police, EnquiryStatus.WAITING)
    assert statuses[Check.HEALTH] == (health, EnquiryStatus.OVERDUE)
    assert statuses[Check.HOUSING] == (housing, EnquiryStatus.ANSWERED)
    assert statuses[Check.MASH] == (mash, EnquiryStatus.NOT_APPLICABLE)
    assert statuses[Check.BENEFITS] == (None, EnquiryStatus.NOT_STARTED)


def test_an_enquiry_due_today_is_not_yet_overdue():
    enquiry = EnquiryFactory.create(due_on=TODAY)

    assert enquiry_status(enquiry, today=TODAY) == EnquiryStatus.WAITING
    assert enquiry_status(enquiry, today=date(2026, 3, 11)) == EnquiryStatus.OVERDUE


def test_status_labels_are_the_words_pages_show():
    assert [status.label for status in EnquiryStatus] == [
        "Not started",
        "Waiting for an answer",
        "Overdue",
        "Answered",
        "Not applicable",
    ]


def test_one_check_of_the_checklist_by_its_value():
    case = CaseFactory.create()

    item = checklist_item_for(case, check="council_tax", today=TODAY)

    assert item is not None
    assert item.label == "Council tax"
    assert checklist_item_for(case, check="tea_leaves", today=TODAY) is None


# Exhaustion ------------------------------------------------------------------------------------------


def test_a_new_case_is_not_exhausted_and_every_check_is_missing():
    exhausted, missing = enquiries_exhausted(CaseFactory.create(), today=TODAY)

    assert exhausted is False
    assert missing == [f"{label}: not started" for label in POLICY_CHECKS]


def test_every_check_answered_or_not_applicable_is_exhausted():
    case = CaseFactory.create()
    _finish_all_but(case, Check.MASH, Check.BORDER_CONTROL)
    _not_applicable(case, Check.MASH)
    _not_applicable(case, Check.BORDER_CONTROL)

    assert enquiries_exhausted(case, today=TODAY) == (True, [])


def test_no_response_after_a_chase_counts_as_concluded():
    case = CaseFactory.create()
    _finish_all_but(case, Check.POLICE)
    EnquiryFactory.create(
        case=case,
        check_type=Check.POLICE,
        outcome=Outcome.NO_RESPONSE,
        last_chased_on=date(2026, 3, 5),
        completed_on=TODAY,
    )

    assert enquiries_exhausted(case, today=TODAY) == (True, [])


def test_an_enquiry_still_waiting_or_overdue_is_missing_with_its_due_date():
    case = CaseFactory.create()
    _finish_all_but(case, Check.POLICE, Check.HOUSING)
    EnquiryFactory.create(case=case, check_type=Check.POLICE, due_on=date(2026, 3, 16))
    EnquiryFactory.create(case=case, check_type=Check.HOUSING, due_on=date(2026, 3, 6))

    assert enquiries_exhausted(case, today=TODAY) == (
        False,
        [
            "Police: waiting for an answer (due 16 March 2026)",
            "Housing: overdue, no answer yet (due 6 March 2026)",
        ],
    )


def test_the_cross_border_check_is_met_by_answered_enquiries_to_named_councils():
    case = CaseFactory.create()
    _finish_all_but(case, Check.CROSS_BORDER)
    _answered(case, Check.CROSS_BORDER, other_council=OtherCouncilFactory.create(name="Synthetic North Council"))

    assert enquiries_exhausted(case, today=TODAY) == (True, [])


def test_a_council_still_to_answer_keeps_enquiries_open_even_when_the_general_enquiry_is_answered():
    case = CaseFactory.create()
    _finish_all_but(case)
    EnquiryFactory.create(
        case=case,
        check_type=Check.CROSS_BORDER,
        other_council=OtherCouncilFactory.create(name="Synthetic South Council"),
        due_on=date(2026, 3, 20),
    )

    assert enquiries_exhausted(case, today=TODAY) == (
        False,
        ["Cross-border enquiry to Synthetic South Council: waiting for an answer (due 20 March 2026)"],
    )


def test_the_cross_border_check_lists_councils_and_takes_the_most_pressing_status():
    case = CaseFactory.create()
    answered = _answered(
        case, Check.CROSS_BORDER, other_council=OtherCouncilFactory.create(name="Synthetic North Council")
    )
    overdue = EnquiryFactory.create(
        case=case,
        check_type=Check.CROSS_BORDER,
        other_council=OtherCouncilFactory.create(name="Synthetic South Council"),
        due_on=date(2026, 3, 6),
    )

    item = checklist_item_for(case, check=Check.CROSS_BORDER, today=TODAY)

    assert item is not None
    assert (item.enquiry, item.own_status, item.status) == (None, EnquiryStatus.NOT_STARTED, EnquiryStatus.OVERDUE)
    assert [(council.enquiry, council.status) for council in item.councils] == [
        (answered, EnquiryStatus.ANSWERED),
        (overdue, EnquiryStatus.OVERDUE),
    ]


# Overdue -------------------------------------------------------------------------------------------


def test_overdue_enquiries_are_asked_past_due_and_unanswered_oldest_due_first():
    case = CaseFactory.create()
    later = EnquiryFactory.create(case=case, check_type=Check.POLICE, due_on=date(2026, 3, 9))
    earlier = EnquiryFactory.create(case=case, check_type=Check.HEALTH, due_on=date(2026, 3, 2))
    EnquiryFactory.create(case=case, check_type=Check.HOUSING, due_on=TODAY)  # due today: not overdue
    _answered(case, Check.BENEFITS, due_on=date(2026, 3, 1))
    EnquiryFactory.create(
        case=case, check_type=Check.MASH, due_on=date(2026, 3, 1), not_applicable=True, not_applicable_reason="No"
    )

    assert list(overdue_enquiries(today=TODAY)) == [earlier, later]


def test_overdue_enquiries_for_a_user_are_only_of_cases_they_may_see(persona):
    west = EnquiryFactory.create(case=CaseFactory.create(area_id="west"), due_on=date(2026, 3, 2))
    east = EnquiryFactory.create(case=CaseFactory.create(area_id="east"), due_on=date(2026, 3, 2))

    assert list(overdue_enquiries_for_user(user=persona("cme_officer_west"), today=TODAY)) == [west]
    assert set(overdue_enquiries_for_user(user=persona("cme_manager"), today=TODAY)) == {west, east}
    assert list(overdue_enquiries_for_user(user=persona("auditor"), today=TODAY)) == []
