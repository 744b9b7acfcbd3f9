"""Browser journeys for triage: a CME officer works from the work list through the queue to a referral,
gets the decision wrong once, then opens a case; and a receiving team marks a referral dealt with.
Every page on the way is checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from cme.cases.models import Case
from cme.referrals.models import Referral
from cme.referrals.tests.triage_data import a_referral, decided
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in


def test_an_officer_triages_a_referral_to_a_case(page: Page, persona):
    officer = persona("cme_officer_west")
    referral = a_referral(forenames="Ada", surname="Example", urgent=True, urgent_reason="Threat of harm")
    a_referral(forenames="Bea", surname="Sample")
    sign_in(page, officer)
    console = ConsoleErrors(page)

    # The work list: urgent first.
    expect(page.get_by_role("heading", level=1)).to_have_text("Work list")
    expect(page.locator("tbody tr").first).to_contain_text(referral.reference)
    assert_accessible(page)

    # The queue, from the service navigation.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Referrals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referrals")
    expect(page.get_by_role("heading", name="2 open referrals")).to_be_visible()
    assert_accessible(page)

    # The referral, with the decision form.
    page.get_by_role("link", name=referral.reference).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Example")
    expect(page.get_by_role("heading", name="Triage decision")).to_be_visible()
    assert_accessible(page)

    # Sent without a decision or reason: an error summary, and nothing decided.
    page.get_by_role("button", name="Record decision").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select your decision")
    expect(summary).to_contain_text("Enter the reason for your decision")
    assert_accessible(page)
    summary.get_by_role("link", name="Select your decision").click()
    expect(page.get_by_label("Missing education: open a case")).to_be_focused()

    # A case opened.
    page.get_by_label("Missing education: open a case").check()
    page.get_by_label("Reason for your decision").fill("Not on any school roll and no education arranged.")
    page.get_by_role("button", name="Record decision").click()

    case = Case.objects.get()
    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Case {case.reference} opened from referral {referral.reference}"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada Example")
    expect(page.get_by_role("link", name=referral.reference)).to_be_visible()
    assert_accessible(page)
    referral.refresh_from_db()
    assert (referral.status, referral.decision, referral.case) == ("closed", "cme", case)
    assert console.messages == []


def test_the_attendance_team_marks_a_referral_dealt_with(page: Page, persona):
    referral = decided(a_referral(), Referral.Decision.ON_ROLL)
    sign_in(page, persona("attendance_officer_west"))

    expect(page.get_by_role("heading", name="Referrals sent to your team")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=referral.reference).click()
    page.get_by_role("button", name="Mark as dealt with").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what your team did")
    assert_accessible(page)
    page.get_by_label("What did your team do?").fill("Home visit made; the child is back at school.")
    page.get_by_role("button", name="Mark as dealt with").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Referral {referral.reference} marked as dealt with"
    )
    assert_accessible(page)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED
