"""Accessibility rows for notifications, preferences and the message log (joined by test_accessibility)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from cme.notifications.models import Message
from cme.notifications.tests.factories import MessageFactory
from tests.e2e.page_checks import Given, PageCheck, press


def some_messages() -> Given:
    """A sent message about a referral, an urgent escalation about a case, and one that failed."""
    MessageFactory.create(recipient_email="cme-team@council.example", reference="R-2026-0101")
    MessageFactory.create(
        template="escalation",
        subject="Escalation: overdue by 5 working days on case C-2026-0007",
        recipient_email="cme.manager@council.example",
        reference="C-2026-0007",
        record_type="cases.case",
        record_id="2f3a0f55-1f0d-4b54-9f5e-8c9a4a7a2a01",
        urgent=True,
    )
    MessageFactory.create(
        template="daily_digest",
        subject="Your work for Monday 30 November 2026: 2 overdue",
        recipient_email="cme.officer.west@council.example",
        reference="",
        record_type="",
        status=Message.Status.FAILED,
        sent_on=None,
        error="GOV.UK Notify: HTTPError 400",
    )
    return Given()


def _bad_email_filter(page: Page) -> None:
    page.get_by_text("Filter the messages").click()
    page.get_by_label("Sent to (email address)").fill("not an address")
    press("Apply filters")(page)
    expect(page.locator(".govuk-error-summary")).to_be_visible()


PAGE_CHECKS: list[PageCheck] = [
    PageCheck("notifications:preferences", "cme_officer_west"),
    PageCheck("notifications:preferences", "school_user", state="no optional emails"),
    PageCheck("notifications:message_log", "cme_manager", given=some_messages),
    PageCheck("notifications:message_log", "auditor", state="no messages"),
    PageCheck("notifications:message_log", "cme_manager", state="bad filter", then=_bad_email_filter),
]

# URL names that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {}
