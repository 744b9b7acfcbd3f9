"""The policy values in Chromium: the CME manager changes a timescale, is told what is wrong first,
and the new version shows with what changed. axe-core runs on every page on the way.

The helpers also give the accessibility page table (pages_clocks.py) its data.
"""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from cme.conftest import make_persona
from cme.policy.models import PolicyVersion
from cme.policy.services import policy_version_create
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in


def a_policy_version() -> PolicyVersion:
    return policy_version_create(
        actor=make_persona("cme_manager"),
        effective_from=timezone.localdate(),
        values={"enquiries_complete_school_days": 15},
        reason="Agreed at the team meeting",
    )


def test_the_manager_changes_a_timescale(page: Page, live_server):
    sign_in(page, make_persona("cme_manager"))
    console = ConsoleErrors(page)

    page.get_by_role("link", name="Policy values").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Policy values")
    assert_accessible(page)
    page.get_by_role("link", name="Change the policy values").click()
    page.get_by_role("button", name="Record the new values").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why the policy values are changing")
    assert_accessible(page)

    page.get_by_label("Complete the council's enquiries within (school days)").fill("15")
    page.get_by_label("Why the values are changing").fill("Agreed at the team meeting")
    page.get_by_role("button", name="Record the new values").click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text("Version 1 recorded")
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("main")).to_contain_text(
        "Complete the council's enquiries within: 10 school days → 15 school days"
    )
    assert_accessible(page)
    assert PolicyVersion.objects.get().values["enquiries_complete_school_days"] == 15
    assert console.messages == []
