"""The work queues' deadlines: due_items gathers triage, case clocks, enquiries and tasks (frozen time)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from cme.calendars.services import term_dates_seed_defaults
from cme.cases.models import Case, CaseTask
from cme.cases.services import case_open
from cme.enquiries.tests.factories import EnquiryFactory
from cme.policy.services import policy_version_create
from cme.referrals.tests.triage_data import a_referral
from cme.worklist.selectors import due_counts_by_area, due_items, policy_review_reminder

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
FRIDAY = date(2026, 11, 27)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON)


def summary(items):
    return [(item.what, item.due, item.state, item.area_name) for item in items]


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_triage_is_due_a_working_day_after_arrival_and_urgent_the_same_day():
    a_referral(area="west", received=at(date(2026, 11, 25)))  # Wednesday: due Thursday, overdue
    a_referral(area="east", received=at(date(2026, 11, 26)))  # Thursday: due Friday (today)
    a_referral(area=None, received=at(date(2026, 11, 27)), urgent=True, urgent_reason="Injury seen")  # today
    items = due_items(on=FRIDAY)
    got = sorted((item.what.split(" R")[0], item.due, item.state, item.area_name) for item in items)
    assert got == [
        ("Triage referral", date(2026, 11, 26), "overdue", "West"),
        ("Triage referral", date(2026, 11, 27), "due_today", "East"),
        ("Triage urgent referral", date(2026, 11, 27), "due_today", ""),
    ]
    # An area's officer sees their area's and the unallocated ones.
    assert sorted(item.area_name for item in due_items(on=FRIDAY, area="west")) == ["", "West"]


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_policy_values_change_the_triage_due_date(persona):
    policy_version_create(
        actor=persona("cme_manager"), effective_from=FRIDAY, values={"triage_working_days": 3}, reason="Trial"
    )
    a_referral(area="west", received=at(FRIDAY))
    # Three working days after Friday 27 November 2026 is Wednesday 2 December; at risk within two.
    assert summary(due_items(on=FRIDAY))[0][1:] == (date(2026, 12, 2), "later", "West")
    assert due_items(on=date(2026, 11, 30))[0].state == "at_risk"


def test_case_clocks_enquiries_and_tasks_by_officer(persona):
    term_dates_seed_defaults()
    officer = persona("cme_officer_west")
    with time_machine.travel("2026-11-09 10:00", tick=False):
        case = case_open(
            actor=officer,
            forenames="S",
            surname="C",
            date_of_birth=date(2014, 5, 17),
            cme_from=date(2026, 11, 2),
            area=None,
        )
        Case.objects.filter(pk=case.pk).update(allocated_to=officer, area_id="west")
        EnquiryFactory.create(case=case, asked_on=date(2026, 11, 9), due_on=date(2026, 11, 23))
        CaseTask.objects.create(
            case=case,
            kind=CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD,
            assigned_to="Social worker",
            due_on=date(2026, 11, 20),
        )
    items = due_items(on=date(2026, 11, 23), officer=officer)
    assert summary(items) == [
        ("Task: Social worker to contact counterparts abroad", date(2026, 11, 20), "overdue", "West"),
        ("Answer due: Police", date(2026, 11, 23), "due_today", "West"),
        ("Complete the council's enquiries", date(2026, 11, 23), "due_today", "West"),
        ("Review the case", date(2026, 12, 7), "later", "West"),
    ]
    assert {item.case_reference for item in items} == {case.reference}
    assert items[0].officer_name == officer.get_full_name()
    assert items[0].url == f"/cases/{case.pk}/tasks/{items[0].url.split('/')[-2]}/"
    # Overdue by more than three working days: escalated.
    assert [item.escalated for item in due_items(on=date(2026, 11, 26), officer=officer)][:1] == [True]
    assert due_items(on=date(2026, 11, 23), officer=persona("cme_officer_east")) == []
    counts = due_counts_by_area(items)
    assert [(c.area_name, c.overdue, c.due_today, c.at_risk) for c in counts] == [("West", 1, 2, 0)]


def test_the_policy_review_reminder_starts_20_working_days_before(persona):
    # Default next review 1 September 2026 (policy 9.1): long past on 27 November 2026.
    reminder = policy_review_reminder(on=FRIDAY)
    assert reminder is not None
    assert (reminder.review_date, reminder.overdue) == (date(2026, 9, 1), True)
    with time_machine.travel("2026-11-27 10:00", tick=False):
        policy_version_create(
            actor=persona("cme_manager"),
            effective_from=FRIDAY,
            values={"policy_next_review_date": "2027-09-01"},
            reason="Reviewed at the November meeting",
        )
    assert policy_review_reminder(on=FRIDAY) is None
    # 20 working days before Wednesday 1 September 2027 (30 August is a bank holiday) is 3 August.
    assert policy_review_reminder(on=date(2027, 8, 2)) is None
    reminder = policy_review_reminder(on=date(2027, 8, 3))
    assert reminder is not None
    assert reminder.overdue is False
