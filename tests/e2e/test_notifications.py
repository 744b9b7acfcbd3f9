"""Browser journey: an officer chooses which emails they get from their account, and a manager finds
the messages sent about a case in the message log. Each page is checked with axe-core."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from cme.notifications.models import Preference
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in
from tests.e2e.pages_notifications import some_messages


def test_an_officer_chooses_emails_and_a_manager_reads_the_message_log(page: Page, persona):
    officer = persona("cme_officer_west")
    some_messages()
    sign_in(page, officer)
    console = ConsoleErrors(page)

    page.get_by_role("link", name="Email preferences").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Email preferences")
    digest = page.get_by_label("A daily summary of your work that is overdue, due today or at risk")
    referrals = page.get_by_label("An email for each new referral for your team, as it arrives")
    expect(digest).to_be_checked()
    expect(referrals).not_to_be_checked()
    assert_accessible(page)

    digest.uncheck()
    referrals.check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your email preferences have been saved"
    )
    expect(page.get_by_label("A daily summary of your work that is overdue, due today or at risk")).not_to_be_checked()
    assert dict(Preference.objects.filter(user=officer).values_list("kind", "enabled")) == {
        "daily_digest": False,
        "new_referral": True,
    }

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, persona("cme_manager"))
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Messages sent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Messages sent")
    expect(page.locator("tbody tr")).to_have_count(3)
    page.get_by_text("Filter the messages").click()
    page.get_by_label("Case or referral reference").fill("C-2026-0007")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody tr")).to_contain_text("Escalation to a manager")
    expect(page.locator("tbody tr").get_by_role("link", name="Case C-2026-0007")).to_be_visible()
    assert_accessible(page)
    assert console.messages == []
