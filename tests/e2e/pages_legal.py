"""Accessibility rows for School Attendance Orders, Education Supervision Orders and letters
(joined by test_accessibility)."""

from __future__ import annotations

from tests.e2e.page_checks import Given, PageCheck, press
from tests.e2e.test_letters import a_restricted_document, an_issued_document

PAGE_CHECKS: list[PageCheck] = []

# URL names that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {}


# Letters and notices (cme.letters) ---------------------------------------------------------------


def _a_kind() -> Given:
    return Given(kwargs={"kind": "sao_intention_to_serve"})


def _a_version() -> Given:
    return Given(kwargs={"kind": "sao_intention_to_serve", "version": 1})


def _a_case_with_a_document() -> Given:
    return Given(kwargs={"case_id": an_issued_document().case_id})


def _a_restricted_document() -> Given:
    return Given(kwargs={"document_id": a_restricted_document().pk})


PAGE_CHECKS += [
    PageCheck("letters:kinds", "cme_manager"),
    PageCheck("letters:template_edit", "cme_manager", given=_a_kind),
    PageCheck(
        "letters:template_edit", "cme_manager", given=_a_kind, state="preview", then=press("Preview on this page")
    ),
    PageCheck("letters:template_versions", "cme_manager", given=_a_kind),
    PageCheck("letters:template_version", "cme_manager", given=_a_version),
    PageCheck("letters:case_documents", "cme_officer_west", given=_a_case_with_a_document),
    PageCheck("letters:document_download", "cme_manager", given=_a_restricted_document, state="restricted case"),
    PageCheck(
        "letters:document_download",
        "cme_manager",
        given=_a_restricted_document,
        state="restricted case, no reason",
        then=press("Open the document"),
    ),
]
NOT_PAGES |= {
    "letters:template_preview_pdf": "POST only: the PDF the typed text makes (errors go back to the edit page)",
    "letters:template_version_pdf": "A PDF of a saved version with example details, not a page",
}
