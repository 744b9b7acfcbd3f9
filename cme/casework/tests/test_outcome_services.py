"""Not located, sending for review and the manager's review (policy 6.4, 6.5): refused until the
enquiries are exhausted, with the list of what is outstanding."""

from __future__ import annotations

from datetime import date

import pytest

from cme.accounts.roles import ROLE_PERMISSIONS, Role
from cme.audit.models import AuditEvent
from cme.cases.codes import CaseOutcome
from cme.cases.models import Case, CmeInterval
from cme.cases.outcomes import OutcomeEvidenceError
from cme.cases.services import STALE_EDIT
from cme.cases.states import CaseStatus, InvalidTransitionError
from cme.casework.services import (
    EnquiriesOutstandingError,
    ReviewDecision,
    case_mark_not_located,
    case_review_decide,
    case_submit_for_review,
)
from cme.casework.tests.outcome_data import exhaust
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.permissions import Perm
from cme.enquiries.models import Check, Enquiry
from cme.enquiries.tests.factories import CaseFactory, EnquiryFactory

TODAY = date(2026, 3, 20)


def a_case(status: str = CaseStatus.ENQUIRIES, *, exhausted: bool = True) -> Case:
    case = CaseFactory.create(status=status)
    CmeInterval.objects.create(case=case, start=case.cme_from)
    if exhausted:
        exhaust(case)
    return case


def last_reason(case: Case) -> str:
    change = case.status_changes.last()
    assert change is not None
    return change.reason


@pytest.fixture
def officer(persona):
    return persona("cme_officer_west")


@pytest.fixture
def manager(persona):
    return persona("cme_manager")


# Not located ---------------------------------------------------------------------------------------------


def test_not_located_is_refused_until_the_enquiries_are_exhausted(officer):
    case = a_case(exhausted=False)
    EnquiryFactory.create(case=case, check_type=Check.POLICE, asked_on=date(2026, 3, 2), due_on=date(2026, 3, 16))
    EnquiryFactory.create(case=case, check_type=Check.HEALTH, asked_on=date(2026, 3, 10), due_on=date(2026, 3, 24))

    with pytest.raises(EnquiriesOutstandingError) as error:
        case_mark_not_located(
            case=case, actor=officer, reason="Nothing found", expected_version=case.version, today=TODAY
        )

    assert error.value.outstanding == [
        "Systems interrogation (school rolls, admissions, EHE register): not started",
        "Children's social care: not started",
        "Police: overdue, no answer yet (due 16 March 2026)",
        "Health (NHS): waiting for an answer (due 24 March 2026)",
        "MASH referral (where required): not started",
        "Cross-border enquiry with other councils: not started",
        "Establishing the family's location (home visit): not started",
        "Confirming educational provision: not started",
        "Housing: not started",
        "Benefits: not started",
        "Council tax: not started",
        "Lost Pupils Database / S2S search: not started",
        "Information to the social worker for border control: not started",
    ]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ENQUIRIES


def test_not_located_once_exhausted_records_the_reason(officer):
    case = a_case()

    case = case_mark_not_located(
        case=case,
        actor=officer,
        reason="Every agency says the family is not known; home visit found the house empty",
        expected_version=case.version,
        today=TODAY,
    )

    assert case.status == CaseStatus.NOT_LOCATED
    assert last_reason(case) == (
        "Not located: Every agency says the family is not known; home visit found the house empty"
    )


def test_not_located_needs_a_reason(officer):
    case = a_case()

    with pytest.raises(OutcomeEvidenceError) as error:
        case_mark_not_located(case=case, actor=officer, reason="", expected_version=case.version, today=TODAY)

    assert error.value.problems == [("reason", "Enter what the enquiries found, and why the child is not located")]


# Sending for review ----------------------------------------------------------------------------------------


def test_review_is_refused_while_an_enquiry_asked_again_is_waiting(officer):
    case = a_case(CaseStatus.NOT_LOCATED)
    Enquiry.objects.filter(case=case, check_type=Check.POLICE).update(
        outcome="", answer="", asked_on=date(2026, 3, 18), due_on=date(2026, 4, 1)
    )

    with pytest.raises(EnquiriesOutstandingError) as error:
        case_submit_for_review(case=case, actor=officer, expected_version=case.version, today=TODAY)

    assert error.value.outstanding == ["Police: waiting for an answer (due 1 April 2026)"]
    assert "Still outstanding: Police: waiting for an answer (due 1 April 2026)" in error.value.message
    assert Case.objects.get(pk=case.pk).status == CaseStatus.NOT_LOCATED


def test_review_once_exhausted_goes_to_the_manager(officer):
    case = a_case(CaseStatus.NOT_LOCATED)

    case = case_submit_for_review(
        case=case, actor=officer, expected_version=case.version, note="Please review", today=TODAY
    )

    assert case.status == CaseStatus.MANAGER_REVIEW
    assert last_reason(case) == "Sent for the manager's review: Please review"


# The manager's decision --------------------------------------------------------------------------------------


def test_review_to_social_care_closes_with_their_reference(manager):
    case = a_case(CaseStatus.MANAGER_REVIEW)

    case = case_review_decide(
        case=case,
        actor=manager,
        decision=ReviewDecision.SOCIAL_CARE,
        all_exhausted_confirmed=True,
        social_care_reference="CSC-2026-0042",
        expected_version=case.version,
        today=TODAY,
    )

    case.refresh_from_db()
    assert (case.status, case.outcome, case.social_care_reference, case.lost_pupils_database) == (
        CaseStatus.CLOSED,
        CaseOutcome.NOT_LOCATED_SOCIAL_CARE,
        "CSC-2026-0042",
        False,
    )
    assert case.outcome_evidence == (
        "The CME manager reviewed the case on 20 March 2026 and confirmed that every enquiry on the checklist "
        "was made and concluded"
    )
    assert case.outcome_recorded_by == manager
    assert AuditEvent.objects.get(action="case_review_decided", case_id=str(case.pk)).data == {
        "decision": "social_care"
    }


def test_review_to_the_lost_pupils_database_marks_the_case(manager):
    case = a_case(CaseStatus.MANAGER_REVIEW)

    case = case_review_decide(
        case=case,
        actor=manager,
        decision=ReviewDecision.LOST_PUPILS_DATABASE,
        all_exhausted_confirmed=True,
        reason="No safeguarding concerns recorded",
        expected_version=case.version,
        today=TODAY,
    )

    case.refresh_from_db()
    assert (case.status, case.outcome, case.lost_pupils_database, case.cme_until) == (
        CaseStatus.CLOSED,
        CaseOutcome.NOT_LOCATED_LPD,
        True,
        TODAY,
    )
    assert case.outcome_evidence.endswith("was made and concluded. No safeguarding concerns recorded")


def test_closing_at_review_needs_the_manager_to_confirm_and_the_reference(manager):
    case = a_case(CaseStatus.MANAGER_REVIEW)

    with pytest.raises(OutcomeEvidenceError) as error:
        case_review_decide(
            case=case,
            actor=manager,
            decision=ReviewDecision.SOCIAL_CARE,
            all_exhausted_confirmed=False,
            social_care_reference="",
            expected_version=case.version,
            today=TODAY,
        )

    assert error.value.problems == [
        ("all_exhausted_confirmed", "Confirm that every enquiry has been made and concluded before closing"),
        ("social_care_reference", "Enter Children's Social Care's reference"),
    ]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.MANAGER_REVIEW


def test_closing_at_review_is_refused_if_an_enquiry_is_unfinished(manager):
    case = a_case(CaseStatus.MANAGER_REVIEW)
    Enquiry.objects.filter(case=case, check_type=Check.HOUSING).delete()

    with pytest.raises(EnquiriesOutstandingError) as error:
        case_review_decide(
            case=case,
            actor=manager,
            decision=ReviewDecision.LOST_PUPILS_DATABASE,
            all_exhausted_confirmed=True,
            expected_version=case.version,
            today=TODAY,
        )

    assert error.value.outstanding == ["Housing: not started"]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.MANAGER_REVIEW


def test_returning_for_more_enquiries_needs_a_reason_and_keeps_the_cme_interval(manager):
    case = a_case(CaseStatus.MANAGER_REVIEW)

    with pytest.raises(OutcomeEvidenceError) as error:
        case_review_decide(
            case=case, actor=manager, decision=ReviewDecision.MORE_ENQUIRIES, expected_version=case.version
        )
    assert error.value.problems == [("reason", "Enter what enquiries are still needed")]

    case = case_review_decide(
        case=case,
        actor=manager,
        decision=ReviewDecision.MORE_ENQUIRIES,
        reason="Ask the family's GP practice again",
        expected_version=case.version,
        today=TODAY,
    )

    assert case.status == CaseStatus.ENQUIRIES
    assert last_reason(case) == "Returned for more enquiries: Ask the family's GP practice again"
    assert list(case.cme_intervals.values_list("start", "end")) == [(date(2026, 1, 5), None)]


def test_a_decision_must_be_chosen(manager):
    case = a_case(CaseStatus.MANAGER_REVIEW)

    with pytest.raises(OutcomeEvidenceError) as error:
        case_review_decide(case=case, actor=manager, decision="", expected_version=case.version)

    assert error.value.problems == [("decision", "Select your decision")]


def test_review_is_only_for_a_case_in_review(manager):
    case = a_case(CaseStatus.NOT_LOCATED)

    with pytest.raises(InvalidTransitionError):
        case_review_decide(
            case=case,
            actor=manager,
            decision=ReviewDecision.LOST_PUPILS_DATABASE,
            all_exhausted_confirmed=True,
            expected_version=case.version,
        )


# Stale edits and permissions ------------------------------------------------------------------------------------

CALLS = {
    "not located": (
        CaseStatus.ENQUIRIES,
        Perm.WORK_CASES,
        lambda case, actor, version: case_mark_not_located(
            case=case, actor=actor, reason="Nothing found", expected_version=version, today=TODAY
        ),
    ),
    "submit for review": (
        CaseStatus.NOT_LOCATED,
        Perm.WORK_CASES,
        lambda case, actor, version: case_submit_for_review(
            case=case, actor=actor, expected_version=version, today=TODAY
        ),
    ),
    "review: social care": (
        CaseStatus.MANAGER_REVIEW,
        Perm.REVIEW_CASES,
        lambda case, actor, version: case_review_decide(
            case=case,
            actor=actor,
            decision=ReviewDecision.SOCIAL_CARE,
            all_exhausted_confirmed=True,
            social_care_reference="CSC-1",
            expected_version=version,
            today=TODAY,
        ),
    ),
    "review: more enquiries": (
        CaseStatus.MANAGER_REVIEW,
        Perm.REVIEW_CASES,
        lambda case, actor, version: case_review_decide(
            case=case,
            actor=actor,
            decision=ReviewDecision.MORE_ENQUIRIES,
            reason="More to do",
            expected_version=version,
            today=TODAY,
        ),
    ),
}


@pytest.mark.parametrize("action", CALLS)
def test_a_stale_edit_is_refused(manager, action):
    status, _perm, call = CALLS[action]
    case = a_case(status)
    Case.objects.filter(pk=case.pk).update(version=case.version + 1)

    with pytest.raises(ApplicationError) as error:
        call(case, manager, case.version)

    assert error.value.message == STALE_EDIT
    assert Case.objects.get(pk=case.pk).status == status


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", CALLS)
def test_each_step_needs_its_permission(persona, action, role):
    status, perm, call = CALLS[action]
    case = a_case(status)
    user = persona(
        {Role.CME_OFFICER: "cme_officer_west", Role.ATTENDANCE_OFFICER: "attendance_officer_west"}.get(role, role.value)
    )

    if perm in ROLE_PERMISSIONS[role]:
        call(case, user, case.version)
        assert Case.objects.get(pk=case.pk).status != status
    else:
        with pytest.raises(PermissionDeniedError):
            call(case, user, case.version)
        assert Case.objects.get(pk=case.pk).status == status
