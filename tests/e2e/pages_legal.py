"""Accessibility rows for School Attendance Orders, Education Supervision Orders and letters
(joined by test_accessibility)."""

from __future__ import annotations

from collections.abc import Callable

from cme.casework.tests.detail_data import a_case
from tests.e2e import test_legal as legal
from tests.e2e.page_checks import Given, PageCheck, press, press_and_expect_errors
from tests.e2e.test_letters import a_restricted_document, an_issued_document

PAGE_CHECKS: list[PageCheck] = []

# URL names that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {}


# School Attendance Orders and Education Supervision Orders (cme.legal) ---------------------------


def _a_legal_case() -> Given:
    return Given(kwargs={"case_id": legal.an_sao().case_id})


def _an_sao() -> Given:
    order = legal.an_sao()
    return Given(kwargs={"case_id": order.case_id, "order_id": order.pk})


def _an_sao_step(step: str) -> Callable[[], Given]:
    def given() -> Given:
        order = legal.an_sao()
        return Given(kwargs={"case_id": order.case_id, "order_id": order.pk, "step": step})

    return given


def _an_eso() -> Given:
    order = legal.an_eso()
    return Given(kwargs={"case_id": order.case_id, "order_id": order.pk})


def _an_eso_step() -> Given:
    order = legal.an_eso()
    return Given(kwargs={"case_id": order.case_id, "order_id": order.pk, "step": "consult-social-care"})


def _a_plain_case() -> Given:
    return Given(kwargs={"case_id": a_case().pk})


PAGE_CHECKS += [
    PageCheck("legal:case_legal", "cme_officer_west", given=_a_legal_case),
    PageCheck("legal:sao_new", "cme_officer_west", given=_a_plain_case),
    PageCheck(
        "legal:sao_new",
        "cme_officer_west",
        given=_a_plain_case,
        state="errors",
        then=press_and_expect_errors("Start the School Attendance Order"),
    ),
    PageCheck("legal:sao", "cme_manager", given=_an_sao),
    PageCheck("legal:sao_step", "cme_manager", given=_an_sao_step("serve-notice-to-satisfy")),
    PageCheck(
        "legal:sao_step",
        "cme_manager",
        given=_an_sao_step("serve-notice-to-satisfy"),
        state="check before issuing",
        then=legal.serve_the_notice,
    ),
    PageCheck(
        "legal:sao_step",
        "cme_officer_west",
        given=_an_sao_step("withdraw"),
        state="errors",
        then=press_and_expect_errors("Withdraw: no order will be served"),
    ),
    PageCheck("legal:eso_new", "cme_officer_west", given=_a_plain_case),
    PageCheck("legal:eso", "cme_officer_west", given=_an_eso),
    PageCheck("legal:eso_step", "cme_manager", given=_an_eso_step),
    PageCheck("legal:authorisations", "cme_manager"),
    PageCheck(
        "legal:authorisations", "cme_manager", state="errors", then=press_and_expect_errors("Authorise the officer")
    ),
]
NOT_PAGES |= {
    "legal:sao_preview": "POST only: the PDF of the notice before it is issued, not a page",
    "legal:eso_preview": "POST only: the PDF of the letter before it is issued, not a page",
    "legal:authorisation_revoke": "POST only: revokes an authorisation and returns to the authorisations page",
}


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
