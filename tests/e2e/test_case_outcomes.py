"""A case moved through its life in Chromium, with axe-core checking every page on the way:

- referral → case → enquiries → located → the school confirms → closed;
- not located → sent for review → the manager passes the case to Children's Social Care.

The ``a_*`` helpers also give the accessibility page table its data.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from cme.cases.codes import CaseOutcome
from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.casework.tests.outcome_data import case_in
from cme.referrals.tests.triage_data import a_referral
from cme.schools.models import School
from cme.schools.tests.factories import SchoolFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in

SCHOOL_URN = 117590
SCHOOL_NAME = "Synthetic Community Primary School"


def a_school() -> School:
    return SchoolFactory.create(urn=SCHOOL_URN, name=SCHOOL_NAME, town="Watford")


def a_located_case() -> Case:
    """A West case located at a school, waiting for the school's confirmation."""
    return case_in(
        CaseStatus.LOCATED,
        outcome=CaseOutcome.ON_ROLL_IN_LA,
        located_school=a_school(),
        located_on=timezone.localdate(),
        expected_start_date=timezone.localdate(),
        outcome_evidence="Admissions confirmed the place",
    )


def a_case_making_enquiries() -> Case:
    """A West case making enquiries, none of them made yet."""
    return case_in(CaseStatus.ENQUIRIES)


def a_case_with_enquiries_exhausted(status: str = CaseStatus.ENQUIRIES) -> Case:
    return case_in(status, exhausted=True)


def a_closed_case() -> Case:
    return case_in(
        CaseStatus.CLOSED,
        outcome=CaseOutcome.LEFT_UK,
        outcome_detail="Portugal",
        outcome_evidence="The new school confirmed attendance",
        lost_pupils_database=True,
        outcome_recorded_on=timezone.now(),
    )


def fill_date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_referral_to_case_to_located_to_confirmed_to_closed(page: Page, persona):
    officer = persona("cme_officer_west")
    referral = a_referral(forenames="Cara", surname="Example")
    a_school()
    today = timezone.localdate()
    sign_in(page, officer)
    console = ConsoleErrors(page)

    # Triage: the referral becomes a case.
    page.goto(reverse("referrals:detail", kwargs={"referral_id": referral.pk}))
    page.get_by_label("Missing education: open a case").check()
    page.get_by_label("Reason for your decision").fill("Not on any school roll and no education arranged.")
    page.get_by_role("button", name="Record decision").click()
    case = Case.objects.get()
    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/$"))
    assert_accessible(page)

    # Open → making enquiries.
    page.get_by_role("button", name="Start enquiries").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Enquiries started")
    expect(page.locator("main .govuk-tag").first).to_have_text("Making enquiries")
    assert_accessible(page)

    # Located: sent empty first, then filled in.
    page.get_by_role("button", name="Record that the child is located").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record that the child is located")
    assert_accessible(page)
    page.get_by_role("button", name="Record that the child is located").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select where the child was found")
    assert_accessible(page)
    page.get_by_label("Located on roll at a school in Hertfordshire").check()
    page.get_by_label("School", exact=True).select_option(str(SCHOOL_URN))
    fill_date(page, "Date the child was found", today)
    fill_date(page, "Start date at the school", today + timedelta(days=3))
    page.get_by_label("How do you know?").fill("The school's admissions officer emailed today.")
    page.get_by_role("button", name="Record that the child is located").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("waiting for the school to confirm")
    expect(page.get_by_role("heading", name="Where the child was found")).to_be_visible()
    expect(page.get_by_text(f"{SCHOOL_NAME} (URN {SCHOOL_URN})")).to_be_visible()
    assert_accessible(page)

    # The school confirms: sent with "yes" but no dates first.
    page.get_by_role("button", name="Record the school's confirmation").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Save the school's answer").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the date the school confirmed")
    assert_accessible(page)
    page.get_by_label("Yes").check()
    fill_date(page, "Start date the school confirmed", today)
    fill_date(page, "Date the school confirmed", today)
    page.get_by_label("What the school said").fill("The school office confirmed by phone.")
    page.get_by_role("button", name="Save the school's answer").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Placement confirmed")
    expect(page.get_by_role("heading", name="Outcome", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Reopen the case")).to_have_count(0)  # an officer cannot reopen
    assert_accessible(page)
    case.refresh_from_db()
    assert (case.status, case.outcome, case.school_confirmed_attendance) == (
        CaseStatus.CLOSED,
        CaseOutcome.ON_ROLL_IN_LA,
        True,
    )
    assert console.messages == []


def test_not_located_to_review_to_childrens_social_care(page: Page, persona):
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    case = a_case_with_enquiries_exhausted()
    sign_in(page, officer)
    console = ConsoleErrors(page)

    page.goto(reverse("casework:case", args=[case.pk]))
    page.get_by_role("button", name="Record that the child is not located").click()
    assert_accessible(page)
    page.get_by_label("What did the enquiries find?").fill("No agency knows the family; the house is empty.")
    page.get_by_role("button", name="Record that the child is not located").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("not located")
    assert_accessible(page)

    page.get_by_role("button", name="Send for manager review").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send for manager review").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Sent for the manager's review")
    expect(page.get_by_role("button", name="Review the case")).to_have_count(0)  # the manager reviews

    # The manager: the queue, the review page, a decision sent incomplete, then complete.
    page.context.clear_cookies()
    sign_in(page, manager)
    page.goto(reverse("casework:review_queue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases waiting for review")
    assert_accessible(page)
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manager review")
    expect(page.get_by_role("table", name="Enquiry checklist")).to_contain_text("Not known to us")
    expect(page.get_by_text("No agency knows the family; the house is empty.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Pass the case to Children's Social Care").check()
    page.get_by_role("button", name="Record the decision").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Confirm that every enquiry has been made and concluded before closing")
    expect(summary).to_contain_text("Enter Children's Social Care's reference")
    assert_accessible(page)
    page.get_by_label("I confirm that every enquiry has been made and concluded").check()
    page.get_by_label("Pass the case to Children's Social Care").check()
    page.get_by_label("Children's Social Care's reference").fill("CSC-2026-0107")
    page.get_by_role("button", name="Record the decision").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Review decision recorded")
    expect(page.get_by_text("CSC-2026-0107")).to_be_visible()
    expect(page.get_by_role("button", name="Reopen the case")).to_be_visible()
    assert_accessible(page)
    case.refresh_from_db()
    assert (case.status, case.outcome, case.social_care_reference) == (
        CaseStatus.CLOSED,
        CaseOutcome.NOT_LOCATED_SOCIAL_CARE,
        "CSC-2026-0107",
    )
    assert console.messages == []
