"""Due dates of a case's clocks, from the policy values, the term dates and pauses (frozen time)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from cme.calendars.services import case_review_record, clock_pause, clock_resume, term_dates_seed_defaults
from cme.cases.clocks import ClockData, case_clocks
from cme.cases.models import Case
from cme.cases.services import case_risk_update, case_transition, safeguarding_referral_record
from cme.cases.states import CaseStatus
from cme.policy.services import policy_version_create

pytestmark = pytest.mark.django_db


def open_case(actor, **fields) -> Case:
    from cme.cases.services import case_open

    case = case_open(
        actor=actor,
        forenames="Sample",
        surname="Child",
        date_of_birth=date(2014, 5, 17),
        cme_from=date(2026, 11, 2),
        area=None,
    )
    if fields:
        Case.objects.filter(pk=case.pk).update(**fields)
    return Case.objects.get(pk=case.pk)


def clocks_of(case: Case) -> dict[str, tuple[date | None, str]]:
    case.refresh_from_db()
    return {clock.key: (clock.due, clock.rule) for clock in case_clocks(case, ClockData([case]))}


@pytest.fixture
def officer(persona):
    term_dates_seed_defaults()
    return persona("cme_officer_west")


def test_a_new_case_is_due_enquiries_and_a_review_in_school_days(officer):
    with time_machine.travel("2026-11-09 10:00", tick=False):  # a Monday
        case = open_case(officer)
    assert clocks_of(case) == {
        # 10 school days after Monday 9 November 2026.
        "enquiries": (date(2026, 11, 23), "10 school days after enquiries started (9 November 2026)"),
        # 20 school days: four school weeks.
        "review": (date(2026, 12, 7), "20 school days after the case opened (9 November 2026)"),
    }


def test_going_back_to_enquiries_restarts_the_enquiries_clock(officer, persona):
    with time_machine.travel("2026-11-09 10:00", tick=False):
        case = open_case(officer, status=CaseStatus.NOT_LOCATED)
    with time_machine.travel("2026-11-16 10:00", tick=False):
        case_transition(case=case, target=CaseStatus.ENQUIRIES, actor=officer, reason="New lead from housing")
    assert clocks_of(case)["enquiries"] == (
        date(2026, 11, 30),
        "10 school days after enquiries started (16 November 2026)",
    )


def test_the_policy_in_effect_when_the_clock_started_applies(officer, persona):
    manager = persona("cme_manager")
    with time_machine.travel("2026-11-09 10:00", tick=False):
        case = open_case(officer)
        policy_version_create(
            actor=manager,
            effective_from=date(2026, 11, 10),
            values={"enquiries_complete_school_days": 5},
            reason="Pilot",
        )
    with time_machine.travel("2026-11-10 10:00", tick=False):
        later = open_case(officer)
    assert clocks_of(case)["enquiries"][0] == date(2026, 11, 23)
    assert clocks_of(later)["enquiries"][0] == date(2026, 11, 17)


def test_a_paused_clock_has_no_due_date_and_resumes_later_by_the_paused_school_days(officer):
    with time_machine.travel("2026-11-09 10:00", tick=False):
        case = open_case(officer)
    with time_machine.travel("2026-11-11 10:00", tick=False):
        pause = clock_pause(
            case=case, clock="enquiries", actor=officer, paused_on=date(2026, 11, 11), reason="Home Office"
        )
        assert clocks_of(case)["enquiries"][0] is None
        clock = case_clocks(case, ClockData([case]))[0]
        assert (clock.paused_since, clock.pause_reason) == (date(2026, 11, 11), "Home Office")
    with time_machine.travel("2026-11-16 10:00", tick=False):
        clock_resume(pause=pause, actor=officer, resumed_on=date(2026, 11, 16), reason="Answered")
    # Wednesday 11 to Friday 13 November did not count: three school days later than 23 November.
    assert clocks_of(case)["enquiries"] == (
        date(2026, 11, 26),
        "10 school days after enquiries started (9 November 2026), not counting paused days",
    )
    assert clocks_of(case)["review"][0] == date(2026, 12, 7)


def test_a_periodic_review_restarts_the_review_clock(officer):
    with time_machine.travel("2026-11-09 10:00", tick=False):
        case = open_case(officer)
    with time_machine.travel("2026-12-01 10:00", tick=False):
        case_review_record(case=case, actor=officer, reviewed_on=date(2026, 12, 1), summary="Enquiries continue")
    # 20 school days after Tuesday 1 December 2026: 13 in December, then 7 from 5 January 2027.
    assert clocks_of(case)["review"] == (date(2027, 1, 13), "20 school days after the last review (1 December 2026)")


def test_significant_concerns_with_whereabouts_unknown_are_due_the_same_working_day(officer):
    with time_machine.travel("2026-11-09 10:00", tick=False):
        case = open_case(officer)
    with time_machine.travel("2026-11-14 10:00", tick=False):  # a Saturday
        case_risk_update(
            case=case,
            actor=officer,
            risk_factors=[],
            significant_concerns=True,
            concerns="Sibling reports the child has not been seen",
            whereabouts_known=False,
            expected_version=case.version,
        )
    assert clocks_of(case)["escalation"] == (
        date(2026, 11, 16),
        "The same working day as significant concerns with whereabouts unknown (14 November 2026)",
    )
    with time_machine.travel("2026-11-16 10:00", tick=False):
        safeguarding_referral_record(
            case=case, actor=officer, made_to="mash", made_on=date(2026, 11, 16), reference="M-1", reason="Concerns"
        )
    assert "escalation" not in clocks_of(case)


def test_a_located_child_is_due_the_schools_confirmation_in_school_days(officer):
    with time_machine.travel("2026-12-16 10:00", tick=False):
        case = open_case(
            officer, status=CaseStatus.LOCATED, located_on=date(2026, 12, 15), expected_start_date=date(2026, 12, 17)
        )
    clocks = clocks_of(case)
    assert "enquiries" not in clocks
    # 5 school days after Thursday 17 December 2026: Friday 18, then 5 to 8 January 2027.
    assert clocks["school_confirmation"] == (
        date(2027, 1, 8),
        "5 school days after the expected start date (17 December 2026)",
    )


def test_a_closed_case_has_no_clocks(officer):
    with time_machine.travel("2026-11-09 10:00", tick=False):
        case = open_case(officer, status=CaseStatus.CLOSED)
    assert clocks_of(case) == {}
