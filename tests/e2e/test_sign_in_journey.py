"""A CME officer signs in with Chromium and reaches their (empty) work list: with JavaScript, and
again with JavaScript turned off, since every page must work without it."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from cme.conftest import make_persona
from tests.e2e.browser import ConsoleErrors, fill_sign_in_form


def _sign_in_from_the_start(page: Page) -> None:
    officer = make_persona("cme_officer_west")
    page.goto("/")
    expect(page).to_have_title(
        "Sign in \N{EN DASH} Children missing education \N{EN DASH} Hertfordshire County Council"
    )
    fill_sign_in_form(page, email=officer.email, password="correct horse battery staple")


def _assert_on_the_empty_work_list(page: Page) -> None:
    assert urlsplit(page.url).path == "/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Work list")
    expect(page.get_by_text("There is nothing on your work list.")).to_be_visible()
    expect(page.get_by_text("Signed in as Cme Officer West (CME officer, West)")).to_be_visible()


def test_cme_officer_signs_in_and_reaches_the_empty_work_list(page: Page):
    console = ConsoleErrors(page)

    _sign_in_from_the_start(page)

    _assert_on_the_empty_work_list(page)
    # GOV.UK Frontend's scripts ran (the Content-Security-Policy let them) and nothing failed.
    expect(page.locator("body")).to_have_class("govuk-template__body js-enabled govuk-frontend-supported")
    assert console.messages == []


def test_cme_officer_signs_in_and_reaches_the_empty_work_list_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()

    _sign_in_from_the_start(page)

    _assert_on_the_empty_work_list(page)
    expect(page.locator("body")).to_have_class("govuk-template__body")


def test_cme_officer_signs_out_without_javascript(new_context):
    page = new_context(java_script_enabled=False).new_page()
    _sign_in_from_the_start(page)

    page.get_by_role("button", name="Sign out").click()

    assert urlsplit(page.url).path == "/sign-in/"
    page.goto("/")
    assert urlsplit(page.url).path == "/sign-in/"


def test_wrong_password_shows_the_error_summary_and_moves_focus_to_it(page: Page):
    officer = make_persona("cme_officer_west")
    page.goto("/sign-in/")

    fill_sign_in_form(page, email=officer.email, password="not the right password")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter a correct email address and password")
    expect(summary).to_be_focused()
    assert urlsplit(page.url).path == "/sign-in/"
