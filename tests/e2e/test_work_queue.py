"""The Deadlines work queue in Chromium: a CME officer finds an overdue case on the work list, opens
it from the queue, sees its due dates, pauses the enquiries clock while waiting for the Home Office,
and the case leaves the queue. axe-core runs on every page on the way.

The helpers also give the accessibility page table (pages_clocks.py) its data.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from cme.calendars.models import ClockPause
from cme.calendars.services import clock_pause
from cme.cases.models import Case
from cme.casework.tests.detail_data import a_case
from cme.conftest import make_persona
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in
from tests.e2e.test_enquiries import fill_date


def an_overdue_case() -> Case:
    """A West case allocated to the West officer, opened 20 days ago: its enquiries are overdue, its
    review not yet due."""
    officer = make_persona("cme_officer_west")
    case = a_case(allocated_to=officer)
    Case.objects.filter(pk=case.pk).update(created_on=timezone.now() - timedelta(days=20))
    return Case.objects.get(pk=case.pk)


def a_paused_clock() -> ClockPause:
    officer = make_persona("cme_officer_west")
    return clock_pause(
        case=an_overdue_case(),
        clock=ClockPause.Clock.ENQUIRIES,
        actor=officer,
        paused_on=timezone.localdate() - timedelta(days=13),
        reason="Waiting for the Home Office",
    )


def test_an_officer_pauses_an_overdue_clock_and_the_case_leaves_the_queue(page: Page, live_server):
    case = an_overdue_case()
    sign_in(page, make_persona("cme_officer_west"))
    console = ConsoleErrors(page)

    page.goto("/")
    expect(page.get_by_role("heading", name="Deadlines")).to_be_visible()
    page.get_by_role("link", name="Overdue: 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deadlines")
    overdue = page.locator("table#overdue")
    expect(overdue).to_contain_text(case.reference)
    assert_accessible(page)

    overdue.get_by_role("link", name="Complete the council's enquiries").click()
    due_dates = page.locator("#due-dates + table")
    expect(due_dates).to_contain_text("Overdue")
    page.get_by_role("link", name="Pause a clock while waiting on someone else").click()
    page.get_by_role("button", name="Pause the clock").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select which clock to pause")
    assert_accessible(page)
    page.get_by_label("Completing the council's enquiries").check()
    # The Home Office was asked before the enquiries fell due: the clock stopped counting then.
    fill_date(page, "id_paused_on", timezone.localdate() - timedelta(days=13))
    page.get_by_label("Who or what the case is waiting for").fill("Waiting for the Home Office")
    page.get_by_role("button", name="Pause the clock").click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text("Clock paused")
    expect(page.locator("#due-dates + table")).to_contain_text("Waiting for: Waiting for the Home Office")
    assert_accessible(page)

    expect(page.locator("#due-dates + table")).to_contain_text("Paused since")
    page.goto("/deadlines/?state=overdue")
    expect(page.get_by_text("Nothing is overdue, due today or at risk.")).to_be_visible()
    assert console.messages == []
