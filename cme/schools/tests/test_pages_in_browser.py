"""The schools register in a real browser: it works without JavaScript-only controls, and axe-core
finds no WCAG 2.2 AA problem in its states (results with pagination, an error, nothing found, details)."""

import pytest
from playwright.sync_api import Page, expect

from cme.schools.models import School
from cme.schools.tests.factories import SchoolFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in


@pytest.fixture
def schools_on_three_pages():
    for n in range(120):
        SchoolFactory(
            urn=820000 + n,
            name=f"Synthetic School {n:03d}",
            town="Hatfield",
            postcode="AL10 0AA",
            district_id="E07000241",
            status=School.Status.CLOSED if n % 10 == 0 else School.Status.OPEN,
        )


def test_search_page_through_and_open_a_school(page: Page, persona, schools_on_three_pages):
    sign_in(page, persona("cme_officer_east"))
    console = ConsoleErrors(page)
    page.goto("/schools/")
    assert_accessible(page)

    page.get_by_label("Name, URN, town or postcode").fill("hatfield")
    page.get_by_label("Status").select_option(label="Open")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name="108 schools found")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("Showing 51 to 100 of 108.")).to_be_visible()
    expect(page.get_by_label("Status")).to_have_value("open")
    page.get_by_role("link", name="Synthetic School 061").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Synthetic School 061")
    assert_accessible(page)
    assert console.messages == []


def test_error_and_nothing_found_states_are_accessible(page: Page, persona, schools_on_three_pages):
    sign_in(page, persona("cme_manager"))

    page.goto("/schools/?status=demolished")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a status from the list")
    assert_accessible(page)

    page.goto("/schools/?q=no+such+school")
    expect(page.get_by_role("heading", name="No schools found")).to_be_visible()
    assert_accessible(page)
