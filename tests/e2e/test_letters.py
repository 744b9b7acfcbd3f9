"""Letter templates in Chromium, with axe-core on each page: the CME manager opens a template,
changes its text, previews the letter on the page (with example details) and saves a new version,
which the version history then lists.

The ``a_*`` helpers also give the accessibility page table its data.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from cme.conftest import make_persona
from cme.letters.models import IssuedDocument, LetterTemplate
from cme.letters.services import letter_issue
from cme.letters.tests.letter_data import a_case, notice_values
from tests.e2e.axe import assert_accessible
from tests.e2e.browser import ConsoleErrors, sign_in


def an_issued_document(**case: object) -> IssuedDocument:
    """A notice to satisfy issued on a West case (the West officer may read it)."""
    return letter_issue(
        kind="sao_notice_to_satisfy",
        context=notice_values(),
        case=a_case(**case),
        issued_by=make_persona("cme_manager"),
        method_of_service=IssuedDocument.MethodOfService.FIRST_CLASS_POST,
    )


def a_restricted_document() -> IssuedDocument:
    return an_issued_document(restricted=True, restriction_reason="Family fleeing domestic violence.")


def test_the_manager_changes_a_template_previews_it_and_saves_a_version(page: Page, live_server):
    sign_in(page, make_persona("cme_manager"))
    console = ConsoleErrors(page)

    page.get_by_role("link", name="Letter templates").click()
    expect(page.get_by_role("heading", name="Letter templates")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change school attendance order", exact=True).click()
    text = page.get_by_label("Letter text")
    expect(text).to_have_value(LetterTemplate.objects.get(kind="sao_order").body)
    text.fill("To {{ parent_name }}\n\n# School attendance order\n\nRegister {{ child_name }} at {{ school_name }}.")
    page.get_by_label("What you changed (optional)").fill("Shorter wording")
    page.get_by_role("button", name="Preview on this page").click()

    expect(page.get_by_role("heading", name="Preview with example details")).to_be_visible()
    expect(page.get_by_text("Register Sam Sample at Example Primary School.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save as a new version").click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text("School attendance order: version 2 saved")
    page.get_by_role("link", name="Versions of school attendance order").click()
    expect(page.get_by_role("row", name="Version 2 Current")).to_contain_text("Shorter wording")
    assert_accessible(page)
    assert console.messages == []
    assert list(LetterTemplate.objects.filter(kind="sao_order").values_list("version", flat=True)) == [2, 1]


def test_a_template_with_an_unknown_placeholder_shows_the_error(page: Page, live_server):
    sign_in(page, make_persona("cme_manager"))

    page.goto("/letters/sao_order/")
    page.get_by_label("Letter text").fill("Dear {{ parents_name }}")
    page.get_by_role("button", name="Save as a new version").click()

    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The template uses {{ parents_name }}, which is not a placeholder of this letter."
    )
    assert_accessible(page)
    assert LetterTemplate.objects.filter(kind="sao_order").count() == 1
