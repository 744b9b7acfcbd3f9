"""Outcomes and their evidence (domain.md §10.2): starting enquiries, located and the school's
confirmation, closing with an outcome, closing after review, reopening; stale edits and permissions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from cme.accounts.roles import ROLE_PERMISSIONS, Role
from cme.audit.models import AuditEvent
from cme.cases.codes import CaseOutcome, RiskFactor
from cme.cases.models import Case, CaseStatusChange, CaseTask, CmeInterval
from cme.cases.outcomes import (
    CLOSING_OUTCOMES,
    CTF_DESTINATION_UNKNOWN,
    CTF_MOVED_ABROAD,
    OUTCOME_RULES,
    OutcomeEvidenceError,
    ctf_destination,
)
from cme.cases.services import (
    STALE_EDIT,
    case_close_not_located,
    case_close_with_outcome,
    case_confirm_placement,
    case_open,
    case_record_located,
    case_reopen,
    case_return_to_enquiries,
    case_start_enquiries,
)
from cme.cases.states import CaseStatus, InvalidTransitionError
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.permissions import Perm
from cme.schools.models import School
from cme.schools.tests.factories import SchoolFactory

CME_FROM = date(2026, 1, 5)
TODAY = date(2026, 3, 10)


def a_case(
    actor,
    status: str = CaseStatus.ENQUIRIES,
    *,
    date_of_birth: date | None = date(2014, 5, 17),
    cme_from: date = CME_FROM,
    **fields,
):
    case = case_open(
        actor=actor,
        forenames="Sample",
        surname="Child",
        date_of_birth=date_of_birth,
        cme_from=cme_from,
        area=None,
    )
    Case.objects.filter(pk=case.pk).update(status=status, **fields)
    return Case.objects.get(pk=case.pk)


def last_reason(case: Case) -> str:
    change = case.status_changes.last()
    assert change is not None
    return change.reason


def problems_of(error: pytest.ExceptionInfo) -> list[tuple[str, str]]:
    assert isinstance(error.value, OutcomeEvidenceError)
    return error.value.problems


@pytest.fixture
def officer(persona):
    return persona("cme_officer_west")


@pytest.fixture
def manager(persona):
    return persona("cme_manager")


@pytest.fixture
def school(db):
    return SchoolFactory(urn=117501, name="Synthetic Primary School")


def locate(case, actor, school, **overrides):
    arguments = {
        "case": case,
        "actor": actor,
        "outcome": CaseOutcome.ON_ROLL_IN_LA,
        "school": school,
        "located_on": date(2026, 3, 2),
        "expected_start_date": date(2026, 3, 9),
        "evidence": "Admissions confirmed the place by email on 2 March",
        "expected_version": case.version,
        "today": TODAY,
    } | overrides
    return case_record_located(**arguments)


# Starting enquiries ---------------------------------------------------------------------------------


def test_start_enquiries_moves_an_open_case_to_making_enquiries(officer):
    case = a_case(officer, CaseStatus.OPEN)

    case = case_start_enquiries(case=case, actor=officer, expected_version=case.version, today=TODAY)

    assert case.status == CaseStatus.ENQUIRIES
    assert last_reason(case) == "Enquiries started"


def test_start_enquiries_is_refused_for_a_case_already_making_enquiries(officer):
    case = a_case(officer, CaseStatus.ENQUIRIES)

    with pytest.raises(InvalidTransitionError) as error:
        case_start_enquiries(case=case, actor=officer, expected_version=case.version, today=TODAY)

    assert error.value.message == "This case is “Making enquiries”, so you cannot do that now"


# Located -----------------------------------------------------------------------------------------------


def test_located_on_roll_in_the_la_waits_for_the_school_with_a_confirmation_task(officer, school):
    case = a_case(officer)

    case = locate(case, officer, school)

    case.refresh_from_db()
    assert case.status == CaseStatus.LOCATED
    assert case.outcome == CaseOutcome.ON_ROLL_IN_LA
    assert case.outcome_recorded_on is None
    assert (case.located_school, case.located_on, case.expected_start_date) == (
        school,
        date(2026, 3, 2),
        date(2026, 3, 9),
    )
    assert case.outcome_evidence == "Admissions confirmed the place by email on 2 March"
    task = case.tasks.get()
    assert (task.kind, task.status, task.assigned_to) == (
        CaseTask.Kind.SCHOOL_CONFIRMATION,
        CaseTask.Status.OPEN,
        "Synthetic Primary School",
    )
    # Five school days (the policy default; no term dates recorded, so working days) after the later of
    # the start date and today (10 March 2026 is a Tuesday).
    assert task.due_on == date(2026, 3, 17)
    assert task.details == "Confirm that the child started on 9 March 2026 and is attending"
    # The CME interval ends on the day the child was recorded located.
    assert list(case.cme_intervals.values_list("start", "end")) == [(CME_FROM, TODAY)]
    assert AuditEvent.objects.filter(action="case_located", case_id=str(case.pk)).get().data == {
        "outcome": "on_roll_in_la",
        "school_urn": 117501,
    }


@pytest.mark.parametrize(
    ("outcome", "fields", "expected"),
    [
        (CaseOutcome.ON_ROLL_IN_LA, {"school": None}, [("school", "Select the school from the schools register")]),
        (
            CaseOutcome.PLACED_VIA_ADMISSIONS,
            {"school": None},
            [("school", "Select the school from the schools register")],
        ),
        (
            CaseOutcome.ON_ROLL_OTHER_LA,
            {"school": None, "council": "", "school_name": " "},
            [
                ("council", "Enter the council whose area the school is in"),
                ("school_name", "Enter the name of the school"),
            ],
        ),
        ("left_uk", {}, [("outcome", "Select where the child was found")]),
        (
            CaseOutcome.ON_ROLL_IN_LA,
            {"located_on": date(2026, 3, 11)},
            [("located_on", "The date the child was found must be today or in the past")],
        ),
        (
            CaseOutcome.ON_ROLL_IN_LA,
            {"located_on": date(2026, 1, 4)},
            [
                (
                    "located_on",
                    "The date the child was found must be on or after the day they went missing from education "
                    "(5 January 2026)",
                )
            ],
        ),
        (
            CaseOutcome.ON_ROLL_IN_LA,
            {"expected_start_date": None, "evidence": ""},
            [
                ("expected_start_date", "Enter the date the child starts, or started, at the school"),
                ("evidence", "Enter how you know where the child is, for example who told you and when"),
            ],
        ),
    ],
    ids=[
        "in-la-no-school",
        "admissions-no-school",
        "other-la-no-council-or-name",
        "not-a-located-outcome",
        "found-in-future",
        "found-before-cme",
        "no-start-or-evidence",
    ],
)
def test_located_needs_its_evidence(officer, school, outcome, fields, expected):
    case = a_case(officer)

    with pytest.raises(OutcomeEvidenceError) as error:
        locate(case, officer, fields.pop("school", school), outcome=outcome, **fields)

    assert problems_of(error) == expected
    case.refresh_from_db()
    assert (case.status, case.outcome, case.tasks.count()) == (CaseStatus.ENQUIRIES, "", 0)


def test_located_at_a_closed_school_is_refused(officer):
    closed = SchoolFactory(urn=117502, name="Synthetic Closed School", status=School.Status.CLOSED)
    case = a_case(officer)

    with pytest.raises(OutcomeEvidenceError) as error:
        locate(case, officer, closed)

    assert problems_of(error) == [
        ("school", "Synthetic Closed School is closed: select the school the child is on roll at")
    ]


def test_located_in_another_council_records_the_council_and_school_name(officer):
    case = a_case(officer)

    case = locate(
        case,
        officer,
        None,
        outcome=CaseOutcome.ON_ROLL_OTHER_LA,
        council="Synthetic Borough Council",
        school_name="Synthetic Academy",
    )

    case.refresh_from_db()
    assert (case.located_school, case.located_school_name, case.located_council) == (
        None,
        "Synthetic Academy",
        "Synthetic Borough Council",
    )
    assert case.tasks.get().assigned_to == "Synthetic Academy (Synthetic Borough Council)"


# The school's confirmation ------------------------------------------------------------------------------


def test_located_then_confirmed_attending_closes_with_the_outcome(officer, school):
    case = locate(a_case(officer), officer, school)

    case = case_confirm_placement(
        case=case,
        actor=officer,
        attending=True,
        confirmed_on=date(2026, 3, 10),
        start_date=date(2026, 3, 9),
        note="Head of year confirmed by phone",
        expected_version=case.version,
        today=TODAY,
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.outcome == CaseOutcome.ON_ROLL_IN_LA
    assert (case.school_confirmed_on, case.school_confirmed_attendance, case.confirmation_note) == (
        date(2026, 3, 10),
        True,
        "Head of year confirmed by phone",
    )
    assert case.outcome_recorded_by == officer
    assert case.outcome_recorded_on is not None
    task = case.tasks.get()
    assert (task.status, task.done_on, task.result) == (
        CaseTask.Status.DONE,
        date(2026, 3, 10),
        "Started on 9 March 2026 and attending: Head of year confirmed by phone",
    )
    assert last_reason(case) == (
        "The school confirmed on 10 March 2026 that the child started on 9 March 2026 and is attending"
    )
    assert list(case.cme_intervals.values_list("start", "end")) == [(CME_FROM, TODAY)]


def test_located_then_not_attending_returns_to_enquiries_with_a_new_cme_interval(officer, school):
    case = locate(a_case(officer), officer, school, today=date(2026, 3, 2))
    later = date(2026, 3, 16)

    case = case_confirm_placement(
        case=case,
        actor=officer,
        attending=False,
        confirmed_on=later,
        start_date=None,
        note="The child never arrived; the family has not answered calls",
        expected_version=case.version,
        today=later,
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.ENQUIRIES
    assert (case.outcome, case.located_school, case.located_on, case.cme_until) == ("", None, None, None)
    assert list(CmeInterval.objects.filter(case=case).values_list("start", "end")) == [
        (CME_FROM, date(2026, 3, 2)),
        (later, None),
    ]
    assert last_reason(case) == (
        "The school said on 16 March 2026 that the child is not attending: "
        "The child never arrived; the family has not answered calls"
    )
    assert case.tasks.get().result == "Not attending: The child never arrived; the family has not answered calls"


@pytest.mark.parametrize(
    ("attending", "confirmed_on", "start_date", "note", "expected"),
    [
        (None, TODAY, None, "", [("attending", "Select whether the school says the child is attending")]),
        (True, TODAY, None, "", [("start_date", "Enter the start date the school confirmed")]),
        (
            True,
            TODAY,
            date(2026, 3, 11),
            "",
            [("start_date", "The start date must be on or before the date the school confirmed it")],
        ),
        (
            True,
            date(2026, 3, 11),
            date(2026, 3, 9),
            "",
            [("confirmed_on", "The date the school confirmed must be today or in the past")],
        ),
        (
            True,
            date(2026, 3, 1),
            date(2026, 3, 1),
            "",
            [
                (
                    "confirmed_on",
                    "The date the school confirmed must be on or after the date the child was found (2 March 2026)",
                )
            ],
        ),
        (
            False,
            TODAY,
            None,
            "  ",
            [("note", "Enter what the school said, for example that the child never arrived")],
        ),
    ],
    ids=[
        "no-answer",
        "no-start-date",
        "start-after-confirmation",
        "confirmed-in-future",
        "confirmed-before-found",
        "not-attending-without-note",
    ],
)
def test_confirmation_needs_its_evidence(officer, school, attending, confirmed_on, start_date, note, expected):
    case = locate(a_case(officer), officer, school)

    with pytest.raises(OutcomeEvidenceError) as error:
        case_confirm_placement(
            case=case,
            actor=officer,
            attending=attending,
            confirmed_on=confirmed_on,
            start_date=start_date,
            note=note,
            expected_version=case.version,
            today=TODAY,
        )

    assert problems_of(error) == expected
    assert Case.objects.get(pk=case.pk).status == CaseStatus.LOCATED


def test_confirmation_is_refused_for_a_case_that_is_not_located(officer):
    case = a_case(officer, CaseStatus.NOT_LOCATED)

    with pytest.raises(InvalidTransitionError):
        case_confirm_placement(
            case=case,
            actor=officer,
            attending=False,
            confirmed_on=TODAY,
            start_date=None,
            note="Not there",
            expected_version=case.version,
            today=TODAY,
        )

    assert Case.objects.get(pk=case.pk).status == CaseStatus.NOT_LOCATED


# Closing with an outcome ------------------------------------------------------------------------------


def close(case, actor, outcome, **overrides):
    arguments = {
        "case": case,
        "actor": actor,
        "outcome": outcome,
        "evidence": "Written evidence received on 9 March 2026",
        "expected_version": case.version,
        "today": TODAY,
    } | overrides
    return case_close_with_outcome(**arguments)


@pytest.mark.parametrize(
    ("outcome", "fields", "expected"),
    [
        (
            CaseOutcome.EHE_SUITABLE,
            {"evidence": ""},
            [("evidence", "Enter the parent's written notice of home education: when it came and what it says")],
        ),
        (
            CaseOutcome.OTHER_SUITABLE_PROVISION,
            {"evidence": "", "provider": ""},
            [
                ("provider", "Enter the name of the provider"),
                ("evidence", "Enter the provider's confirmation: who confirmed it, and when"),
            ],
        ),
        (
            CaseOutcome.LEFT_UK,
            {"evidence": "", "destination": "", "left_uk_confirmed": False},
            [
                ("destination", "Enter the country, or the new address, the child has moved to"),
                (
                    "left_uk_confirmed",
                    "Without confirmation that the child has left England, treat them as missing: keep making "
                    "enquiries and, if they are not found, send the case for the manager's review",
                ),
                ("evidence", "Enter the evidence that the child has left, for example the new school's confirmation"),
            ],
        ),
        (CaseOutcome.DECEASED, {"evidence": " "}, [("evidence", "Enter how and when the council was told")]),
        (
            CaseOutcome.NOT_CME_ON_ROLL,
            {"evidence": ""},
            [("evidence", "Enter the school the child is on roll at, and when the absence was passed to attendance")],
        ),
        (
            CaseOutcome.ON_ROLL_IN_LA,
            {},
            [
                (
                    "outcome",
                    "A child found on a school roll is recorded as located; the case closes when the school "
                    "confirms the start date and attendance",
                )
            ],
        ),
        (
            CaseOutcome.NOT_LOCATED_LPD,
            {},
            [
                (
                    "outcome",
                    "Only the CME manager's review can close a case as not located: record that the child is not "
                    "located, then send the case for review",
                )
            ],
        ),
        (
            CaseOutcome.NOT_LOCATED_SOCIAL_CARE,
            {},
            [
                (
                    "outcome",
                    "Only the CME manager's review can close a case as not located: record that the child is not "
                    "located, then send the case for review",
                )
            ],
        ),
        ("", {}, [("outcome", "Select the outcome")]),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_each_outcome_needs_its_evidence(officer, outcome, fields, expected):
    case = a_case(officer)

    with pytest.raises(OutcomeEvidenceError) as error:
        close(case, officer, outcome, **fields)

    assert problems_of(error) == expected
    case.refresh_from_db()
    assert (case.status, case.outcome) == (CaseStatus.ENQUIRIES, "")


@pytest.mark.parametrize(
    ("outcome", "fields", "detail"),
    [
        (CaseOutcome.EHE_SUITABLE, {}, ""),
        (
            CaseOutcome.OTHER_SUITABLE_PROVISION,
            {"provider": "Synthetic Alternative Provision"},
            "Synthetic Alternative Provision",
        ),
        (CaseOutcome.DECEASED, {}, ""),
        (CaseOutcome.NOT_CME_ON_ROLL, {}, ""),
    ],
    ids=str,
)
def test_each_outcome_closes_with_its_evidence(officer, outcome, fields, detail):
    case = a_case(officer, CaseStatus.OPEN)

    case = close(case, officer, outcome, **fields)

    case.refresh_from_db()
    assert (case.status, case.outcome, case.outcome_detail, case.outcome_evidence) == (
        CaseStatus.CLOSED,
        outcome,
        detail,
        "Written evidence received on 9 March 2026",
    )
    assert (case.outcome_recorded_by, case.lost_pupils_database) == (officer, False)
    assert last_reason(case) == f"Closed: {CaseOutcome(outcome).label}"
    assert AuditEvent.objects.get(action="case_outcome_recorded", case_id=str(case.pk)).data == {
        "outcome": outcome,
        "lost_pupils_database": False,
    }


def test_ehe_after_unsuitable_home_education_is_refused_until_assessed_suitable(officer):
    # Policy 5.5: the child remains CME until the new provision is assessed as suitable.
    case = a_case(officer, ehe_previously_unsuitable=True)

    with pytest.raises(OutcomeEvidenceError) as error:
        close(case, officer, CaseOutcome.EHE_SUITABLE, evidence="Parent's letter of 2 March 2026")

    assert problems_of(error) == [
        (
            "ehe_assessed_suitable",
            "This child's home education was assessed as unsuitable before, so they remain missing education "
            "until the new provision is assessed as suitable (policy 5.5). Record that assessment in the "
            "evidence and confirm it, or keep making enquiries",
        )
    ]
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ENQUIRIES


def test_ehe_after_unsuitable_home_education_closes_once_assessed_suitable(officer):
    case = a_case(officer, ehe_previously_unsuitable=True)

    case = close(
        case,
        officer,
        CaseOutcome.EHE_SUITABLE,
        evidence="Parent's letter of 2 March 2026; EHE adviser assessed the provision as suitable on 9 March",
        ehe_assessed_suitable=True,
    )

    assert Case.objects.get(pk=case.pk).outcome == CaseOutcome.EHE_SUITABLE


def test_left_uk_with_confirmation_marks_the_case_for_a_moved_abroad_ctf(officer):
    case = a_case(officer)

    case = close(
        case,
        officer,
        CaseOutcome.LEFT_UK,
        destination="Portugal",
        left_uk_confirmed=True,
        evidence="The new school in Portugal confirmed attendance by email",
    )

    case.refresh_from_db()
    assert (case.outcome, case.outcome_detail, case.lost_pupils_database) == (CaseOutcome.LEFT_UK, "Portugal", True)
    assert ctf_destination(outcome=case.outcome, lost_pupils_database=case.lost_pupils_database) == CTF_MOVED_ABROAD
    assert case.tasks.count() == 0


@pytest.mark.parametrize("plan", [RiskFactor.CHILD_IN_NEED, RiskFactor.CHILD_PROTECTION])
def test_left_uk_on_a_plan_sets_the_social_worker_a_counterparts_task(officer, plan):
    case = a_case(officer, risk_factors=[plan])

    close(
        case,
        officer,
        CaseOutcome.LEFT_UK,
        destination="Poland",
        left_uk_confirmed=True,
        evidence="Confirmed by the family's new school",
    )

    task = CaseTask.objects.get(case=case)
    assert (task.kind, task.assigned_to, task.status) == (
        CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD,
        "The allocated social worker",
        CaseTask.Status.OPEN,
    )
    assert "in Poland" in task.details


def test_aged_out_is_refused_while_the_child_is_of_compulsory_school_age(officer):
    # Born 10 March 2009: 16 on 10 March 2025, so compulsory school age ends on the school leaving
    # date that year, Friday 27 June 2025.
    case = a_case(officer, date_of_birth=date(2009, 3, 10), cme_from=date(2025, 1, 6))

    with pytest.raises(OutcomeEvidenceError) as error:
        close(case, officer, CaseOutcome.AGED_OUT, evidence="", today=date(2025, 6, 27))

    assert problems_of(error) == [
        (
            "outcome",
            "The child is of compulsory school age until 27 June 2025, so the case cannot be closed as ceased "
            "to be of compulsory school age before then",
        )
    ]


def test_aged_out_closes_the_day_after_compulsory_school_age_ends(officer):
    case = a_case(officer, date_of_birth=date(2009, 3, 10), cme_from=date(2025, 1, 6))

    case = close(case, officer, CaseOutcome.AGED_OUT, evidence="", today=date(2025, 6, 28))

    case.refresh_from_db()
    assert (case.status, case.outcome, case.outcome_evidence) == (
        CaseStatus.CLOSED,
        CaseOutcome.AGED_OUT,
        "Compulsory school age ended on 27 June 2025",
    )


def test_aged_out_needs_a_date_of_birth(officer):
    case = a_case(officer, date_of_birth=None)

    with pytest.raises(OutcomeEvidenceError) as error:
        close(case, officer, CaseOutcome.AGED_OUT, evidence="")

    assert problems_of(error) == [
        ("outcome", "Record the child's date of birth before closing the case as ceased to be of compulsory school age")
    ]


@pytest.mark.parametrize("status", [CaseStatus.LOCATED, CaseStatus.NOT_LOCATED, CaseStatus.MANAGER_REVIEW])
def test_closing_with_an_outcome_is_only_from_open_or_making_enquiries(officer, status):
    case = a_case(officer, status)

    with pytest.raises(ApplicationError):
        close(case, officer, CaseOutcome.DECEASED)

    assert Case.objects.get(pk=case.pk).status == status


# Closing after the manager's review (the exhaustion check is in cme.casework) ---------------------------


def test_closing_not_located_to_social_care_needs_their_reference(manager):
    case = a_case(manager, CaseStatus.MANAGER_REVIEW)

    with pytest.raises(OutcomeEvidenceError) as error:
        case_close_not_located(
            case=case,
            actor=manager,
            outcome=CaseOutcome.NOT_LOCATED_SOCIAL_CARE,
            evidence="Reviewed",
            expected_version=case.version,
        )

    assert problems_of(error) == [("social_care_reference", "Enter Children's Social Care's reference")]


def test_closing_not_located_for_the_lost_pupils_database_marks_an_unknown_destination_ctf(manager):
    case = a_case(manager, CaseStatus.MANAGER_REVIEW)

    case = case_close_not_located(
        case=case,
        actor=manager,
        outcome=CaseOutcome.NOT_LOCATED_LPD,
        evidence="Reviewed",
        expected_version=case.version,
    )

    case.refresh_from_db()
    assert (case.status, case.outcome, case.lost_pupils_database) == (
        CaseStatus.CLOSED,
        CaseOutcome.NOT_LOCATED_LPD,
        True,
    )
    assert ctf_destination(outcome=case.outcome, lost_pupils_database=True) == CTF_DESTINATION_UNKNOWN


def test_an_officer_cannot_close_after_review(officer):
    case = a_case(officer, CaseStatus.MANAGER_REVIEW)

    with pytest.raises(PermissionDeniedError):
        case_close_not_located(
            case=case,
            actor=officer,
            outcome=CaseOutcome.NOT_LOCATED_LPD,
            evidence="Reviewed",
            expected_version=case.version,
        )

    assert Case.objects.get(pk=case.pk).status == CaseStatus.MANAGER_REVIEW


# Reopening -----------------------------------------------------------------------------------------------


def test_reopen_clears_the_outcome_but_keeps_the_history(manager, officer):
    case = close(
        a_case(officer),
        officer,
        CaseOutcome.LEFT_UK,
        destination="Spain",
        left_uk_confirmed=True,
        evidence="New school confirmed",
    )

    case = case_reopen(
        case=case,
        actor=manager,
        reason="The family has been seen back at the old address",
        expected_version=case.version,
        today=date(2026, 4, 1),
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.ENQUIRIES
    assert (case.outcome, case.outcome_detail, case.outcome_evidence, case.lost_pupils_database) == ("", "", "", False)
    assert (case.outcome_recorded_on, case.outcome_recorded_by) == (None, None)
    assert list(case.status_changes.values_list("to_status", "reason"))[-2:] == [
        (CaseStatus.CLOSED, "Closed: Left England: moved abroad or to Wales, Scotland or Northern Ireland"),
        (CaseStatus.ENQUIRIES, "Reopened: The family has been seen back at the old address"),
    ]
    assert list(case.cme_intervals.values_list("start", "end")) == [(CME_FROM, TODAY), (date(2026, 4, 1), None)]
    assert AuditEvent.objects.get(action="case_reopened", case_id=str(case.pk)).data == {"previous_outcome": "left_uk"}


def test_reopen_needs_a_reason(manager):
    case = a_case(manager, CaseStatus.CLOSED, outcome=CaseOutcome.DECEASED)

    with pytest.raises(OutcomeEvidenceError) as error:
        case_reopen(case=case, actor=manager, reason=" ", expected_version=case.version)

    assert problems_of(error) == [("reason", "Enter why the case is being reopened")]
    assert Case.objects.get(pk=case.pk).outcome == CaseOutcome.DECEASED


def test_reopen_is_only_for_a_closed_case(manager):
    case = a_case(manager, CaseStatus.LOCATED)

    with pytest.raises(InvalidTransitionError):
        case_reopen(case=case, actor=manager, reason="Test", expected_version=case.version)

    assert Case.objects.get(pk=case.pk).status == CaseStatus.LOCATED


# Stale edits and permissions --------------------------------------------------------------------------------


def _calls(officer, manager, school):
    """Each service, ready to call on a case in the state it needs with a given version."""
    return {
        "start enquiries": (
            CaseStatus.OPEN,
            lambda case, actor, version: case_start_enquiries(case=case, actor=actor, expected_version=version),
        ),
        "record located": (
            CaseStatus.ENQUIRIES,
            lambda case, actor, version: locate(case, actor, school, expected_version=version),
        ),
        "confirm placement": (
            CaseStatus.LOCATED,
            lambda case, actor, version: case_confirm_placement(
                case=case,
                actor=actor,
                attending=False,
                confirmed_on=TODAY,
                start_date=None,
                note="Never arrived",
                expected_version=version,
                today=TODAY,
            ),
        ),
        "close with outcome": (
            CaseStatus.ENQUIRIES,
            lambda case, actor, version: close(case, actor, CaseOutcome.DECEASED, expected_version=version),
        ),
        "close after review": (
            CaseStatus.MANAGER_REVIEW,
            lambda case, actor, version: case_close_not_located(
                case=case,
                actor=actor,
                outcome=CaseOutcome.NOT_LOCATED_LPD,
                evidence="Reviewed",
                expected_version=version,
            ),
        ),
        "reopen": (
            CaseStatus.CLOSED,
            lambda case, actor, version: case_reopen(
                case=case, actor=actor, reason="New information", expected_version=version
            ),
        ),
    }


ACTIONS = [
    "start enquiries",
    "record located",
    "confirm placement",
    "close with outcome",
    "close after review",
    "reopen",
]


@pytest.mark.parametrize("action", ACTIONS)
def test_a_stale_edit_is_refused_and_changes_nothing(officer, manager, school, action):
    status, call = _calls(officer, manager, school)[action]
    case = a_case(manager, status)
    Case.objects.filter(pk=case.pk).update(version=case.version + 1)  # someone else saved meanwhile

    with pytest.raises(ApplicationError) as error:
        call(case, manager, case.version)

    assert error.value.message == STALE_EDIT
    assert Case.objects.get(pk=case.pk).status == status
    assert not CaseStatusChange.objects.filter(case=case, from_status=status).exists()


_NEEDS = {
    "start enquiries": Perm.WORK_CASES,
    "record located": Perm.WORK_CASES,
    "confirm placement": Perm.WORK_CASES,
    "close with outcome": Perm.WORK_CASES,
    "close after review": Perm.REVIEW_CASES,
    "reopen": Perm.REOPEN_CASES,
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", ACTIONS)
def test_each_action_needs_its_permission(persona, officer, manager, school, action, role):
    status, call = _calls(officer, manager, school)[action]
    case = a_case(manager, status)
    name = {Role.CME_OFFICER: "cme_officer_west", Role.ATTENDANCE_OFFICER: "attendance_officer_west"}.get(
        role, role.value
    )
    user = persona(name)

    if _NEEDS[action] in ROLE_PERMISSIONS[role]:
        call(case, user, case.version)
        assert Case.objects.get(pk=case.pk).status != status
    else:
        with pytest.raises(PermissionDeniedError):
            call(case, user, case.version)
        assert Case.objects.get(pk=case.pk).status == status
        assert Case.objects.get(pk=case.pk).version == case.version


# The rules table ---------------------------------------------------------------------------------------------

DOC = Path(settings.BASE_DIR) / "docs" / "case-lifecycle.md"


def _doc_outcomes() -> set[tuple[str, str, str, str]]:
    rows = set()
    in_table = False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| Outcome | Recorded by | Evidence needed | CTF destination |"):
            in_table = True
            continue
        if in_table and line.startswith("|---"):
            continue
        if in_table and line.startswith("|"):
            outcome, recorded_by, evidence, destination = (cell.strip() for cell in line.strip("|").split("|"))
            rows.add((outcome, recorded_by, evidence, destination.strip("`")))
        elif in_table:
            break
    return rows


def test_every_outcome_has_a_rule():
    assert set(OUTCOME_RULES) == set(CaseOutcome)
    assert CaseOutcome.AGED_OUT in CLOSING_OUTCOMES


def test_the_document_lists_exactly_the_outcome_rules():
    in_code = {(rule.label, rule.recorded_by, rule.evidence, rule.ctf_destination) for rule in OUTCOME_RULES.values()}

    assert _doc_outcomes() == in_code


# Return to enquiries from not located ----------------------------------------------------------------------


def test_return_to_enquiries_from_not_located_needs_a_reason(officer):
    case = a_case(officer, CaseStatus.NOT_LOCATED)

    with pytest.raises(OutcomeEvidenceError) as error:
        case_return_to_enquiries(case=case, actor=officer, reason="", expected_version=case.version)
    assert problems_of(error) == [("reason", "Enter why the case needs more enquiries")]

    case = case_return_to_enquiries(
        case=case, actor=officer, reason="A neighbour says the family moved to Luton", expected_version=case.version
    )

    assert case.status == CaseStatus.ENQUIRIES
    assert last_reason(case) == "Returned to enquiries: A neighbour says the family moved to Luton"
