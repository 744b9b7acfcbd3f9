"""Accessibility rows for clocks, policy values, term dates and work queues (joined by test_accessibility)."""

from __future__ import annotations

from cme.calendars.services import term_dates_seed_defaults
from cme.referrals.tests.triage_data import a_referral
from tests.e2e import test_policy as policy
from tests.e2e import test_work_queue as queue
from tests.e2e.page_checks import Given, PageCheck, press_and_expect_errors

PAGE_CHECKS: list[PageCheck] = []

# URL names that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {}


def _deadlines() -> Given:
    """An overdue case in the West and a referral waiting for triage."""
    queue.an_overdue_case()
    a_referral(forenames="Ada", surname="Example")
    return Given()


def _an_overdue_case() -> Given:
    return Given(kwargs={"case_id": queue.an_overdue_case().pk})


def _a_paused_clock() -> Given:
    pause = queue.a_paused_clock()
    return Given(kwargs={"case_id": pause.case_id, "pause_id": pause.pk})


def _a_version() -> Given:
    return Given(kwargs={"number": policy.a_policy_version().number})


def _term_dates() -> Given:
    term_dates_seed_defaults()
    return Given()


def _a_year_of_term_dates() -> Given:
    term_dates_seed_defaults()
    return Given(kwargs={"year": 2026})


PAGE_CHECKS += [
    PageCheck("worklist:queue", "cme_manager", given=_deadlines),
    PageCheck("worklist:queue", "cme_officer_west", given=_deadlines, state="officer"),
    PageCheck("policy:home", "cme_officer_west"),
    PageCheck("policy:change", "cme_manager"),
    PageCheck("policy:change", "cme_manager", state="errors", then=press_and_expect_errors("Record the new values")),
    PageCheck("policy:version", "cme_manager", given=_a_version),
    PageCheck("calendars:term_dates", "cme_manager", given=_term_dates),
    PageCheck("calendars:term_dates_edit", "cme_manager", given=_a_year_of_term_dates),
    PageCheck(
        "calendars:term_dates_edit",
        "cme_manager",
        given=lambda: Given(kwargs={"year": 2030}),
        state="errors",
        then=press_and_expect_errors("Save the term dates"),
    ),
    PageCheck("casework:case_clock_pause", "cme_officer_west", given=_an_overdue_case),
    PageCheck(
        "casework:case_clock_pause",
        "cme_officer_west",
        given=_an_overdue_case,
        state="errors",
        then=press_and_expect_errors("Pause the clock"),
    ),
    PageCheck("casework:case_clock_resume", "cme_officer_west", given=_a_paused_clock),
    PageCheck("casework:case_periodic_review", "cme_officer_west", given=_an_overdue_case),
]
