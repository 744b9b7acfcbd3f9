"""Stored due dates come from the policy values: an enquiry's answer and a school's confirmation."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from cme.calendars.services import term_dates_seed_defaults
from cme.cases.codes import CaseOutcome
from cme.cases.models import CaseTask
from cme.enquiries.models import Check, Method
from cme.enquiries.services import enquiry_record
from cme.enquiries.tests.factories import CaseFactory
from cme.policy.services import policy_version_create
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_an_enquiry_is_due_after_the_policys_chase_interval(persona):
    officer = persona("cme_officer_west")
    case = CaseFactory.create()
    enquiry = enquiry_record(
        case=case,
        check=Check.POLICE,
        actor=officer,
        asked_whom="Police",
        asked_on=date(2026, 11, 27),
        method=Method.EMAIL,
        expected_version=0,
    )
    # 10 working days after Friday 27 November 2026.
    assert enquiry.due_on == date(2026, 12, 11)
    policy_version_create(
        actor=persona("cme_manager"),
        effective_from=date(2026, 11, 27),
        values={"enquiry_chase_working_days": 5},
        reason="r",
    )
    enquiry = enquiry_record(
        case=case,
        check=Check.HEALTH,
        actor=officer,
        asked_whom="Health",
        asked_on=date(2026, 11, 27),
        method=Method.EMAIL,
        expected_version=0,
    )
    assert enquiry.due_on == date(2026, 12, 4)


@time_machine.travel("2026-12-16 10:00", tick=False)
def test_the_schools_confirmation_is_due_in_school_days_after_the_start_date(persona):
    from cme.cases.services import case_record_located

    term_dates_seed_defaults()
    officer = persona("cme_officer_west")
    case = CaseFactory.create()
    case_record_located(
        case=case,
        actor=officer,
        outcome=CaseOutcome.ON_ROLL_IN_LA,
        school=SchoolFactory.create(urn=117502, name="Synthetic Infant School"),
        located_on=date(2026, 12, 15),
        expected_start_date=date(2026, 12, 17),
        evidence="Admissions confirmed the place",
        expected_version=case.version,
    )
    task = CaseTask.objects.get(case=case, kind=CaseTask.Kind.SCHOOL_CONFIRMATION)
    # 5 school days after Thursday 17 December 2026: Friday 18, then 5 to 8 January 2027 (Christmas holiday).
    assert task.due_on == date(2027, 1, 8)
