"""Browser journeys for finding and allocating cases: a CME officer filters and searches the case
list and takes a case; the manager reads the workload, follows it to an officer's cases and
reallocates one. Every page on the way is checked with axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from cme.accounts.models import User
from cme.cases.codes import RiskLevel
from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.casework.tests.case_data import a_case, an_officer, overdue_enquiry
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in

# Data the pages need (also used by tests/e2e/test_accessibility.py) ---------------------------------


def cases_for_the_list() -> dict[str, Case]:
    """West cases of every kind the list shows: unallocated and urgent, high risk with an overdue
    enquiry, restricted, held by an officer, and one with no area; and one East case."""
    ann = an_officer("Ann Officer")
    urgent = a_case(reference="C-URGT-0001", forenames="Ada", surname="Example", urgent=True, cme_from=date(2026, 1, 5))
    high = a_case(
        reference="C-HIGH-0001",
        forenames="Bea",
        surname="Sample",
        risk_level=RiskLevel.HIGH,
        allocated_to=ann,
        cme_from=date(2025, 12, 1),
    )
    overdue_enquiry(high)
    restricted = a_case(
        reference="C-RSTR-0001",
        forenames="Cal",
        surname="Hidden",
        restricted=True,
        restriction_reason="Family fleeing domestic violence",
        status=CaseStatus.NOT_LOCATED,
        cme_from=date(2026, 2, 2),
    )
    no_area = a_case(reference="C-NOAR-0001", forenames="Dee", surname="Nowhere", area=None, cme_from=date(2026, 2, 9))
    east = a_case(reference="C-EAST-0001", forenames="Eve", surname="Eastern", area="east")
    return {"urgent": urgent, "high": high, "restricted": restricted, "no_area": no_area, "east": east}


def a_case_to_allocate() -> Case:
    an_officer("Ann Officer")
    an_officer("Bob Officer", area="east")
    return a_case(reference="C-ALLO-0001", forenames="Ada", surname="Example")


def apply_filters(page: Page) -> None:
    """Narrow the list to urgent West cases nobody holds, with the filters in the page."""
    page.get_by_label("Area").select_option("West")
    page.get_by_label("Allocated to").select_option("Not allocated")
    page.get_by_label("Only urgent cases").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 case", exact=True)).to_be_visible()


def search_with_an_impossible_date(page: Page) -> None:
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2015")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Date of birth must be a real date")


def rows(page: Page) -> list[str]:
    return [text.strip() for text in page.locator("tbody th[scope=row]").all_inner_texts()]


# Journeys -------------------------------------------------------------------------------------------


def test_an_officer_finds_cases_and_takes_one(page: Page, persona):
    cases = cases_for_the_list()
    officer: User = persona("cme_officer_west")
    sign_in(page, officer)
    console = ConsoleErrors(page)

    # The case list, from the service navigation: West and no-area cases, urgent first; never East.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    expect(page.get_by_role("heading", name="4 cases", exact=True)).to_be_visible()
    assert rows(page) == ["C-URGT-0001", "C-HIGH-0001", "C-RSTR-0001", "C-NOAR-0001"]
    expect(page.locator("main")).not_to_contain_text("Eve Eastern")
    # The restricted case shows no postcode.
    expect(page.locator("tr", has_text="C-RSTR-0001")).to_contain_text("Restricted")
    expect(page.locator("tr", has_text="C-RSTR-0001")).not_to_contain_text("WD17 1AA")
    assert_accessible(page)

    # Filters.
    apply_filters(page)
    assert rows(page) == ["C-URGT-0001"]
    expect(page).to_have_url(re.compile(r"area=west.*officer=unallocated.*urgent=on"))
    assert_accessible(page)

    # Search by name, then a date of birth that cannot exist.
    page.get_by_role("link", name="Clear search and filters").click()
    page.get_by_label("Name, case reference or UPN").fill("sample")
    page.get_by_role("button", name="Search", exact=True).click()
    assert rows(page) == ["C-HIGH-0001"]
    page.get_by_label("Name, case reference or UPN").fill("")
    search_with_an_impossible_date(page)
    expect(page.get_by_label("Day")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    # Take the urgent case from the list.
    page.get_by_role("link", name="Clear search and filters").click()
    page.get_by_role("button", name="Take case C-URGT-0001").click()
    expect(page).to_have_url(re.compile(rf"/cases/{cases['urgent'].pk}/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("You now have case C-URGT-0001")
    assert Case.objects.get(pk=cases["urgent"].pk).allocated_to == officer
    assert console.messages == []


def test_the_manager_reads_the_workload_and_reallocates_a_case(page: Page, persona):
    cases = cases_for_the_list()
    bob = an_officer("Bob Officer")
    sign_in(page, persona("cme_manager"))
    console = ConsoleErrors(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Cases").click()
    page.get_by_role("link", name="See each officer's workload").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Workload")
    ann_row = page.locator("tr", has_text="Ann Officer")
    expect(ann_row).to_contain_text("1")
    assert_accessible(page)

    # From Ann's open cases to the allocation page.
    ann_row.get_by_role("link", name="open cases held by Ann Officer").click()
    assert rows(page) == ["C-HIGH-0001"]
    page.get_by_role("link", name="Reallocate case C-HIGH-0001").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Allocate the case")
    assert_accessible(page)

    # Sent without choosing: an error summary.
    page.get_by_role("button", name="Allocate case").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the CME officer to allocate the case to")
    assert_accessible(page)

    page.get_by_label("Bob Officer, West").check()
    page.get_by_role("button", name="Allocate case").click()
    expect(page).to_have_url(re.compile(rf"/cases/{cases['high'].pk}/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Case C-HIGH-0001 allocated to Bob Officer"
    )
    assert Case.objects.get(pk=cases["high"].pk).allocated_to == bob
    assert console.messages == []
