"""Accessibility rows for the DfE return and the Lost Pupils Database file (joined by test_accessibility)."""

from __future__ import annotations

from datetime import date

from cme.returns.models import CensusDate, CmeReason
from cme.returns.tests.factories import CensusDateFactory, a_closed_case, a_cme_case
from tests.e2e.page_checks import Given, PageCheck, press_and_expect_errors


def _a_census_date() -> CensusDate:
    return CensusDate.objects.filter(census_date=date(2026, 10, 1)).first() or CensusDateFactory.create()


def _a_return_with_checks_to_fix() -> Given:
    census = _a_census_date()
    a_cme_case(periods=[(date(2026, 9, 1), None)], reason_code="MOVED_IN_AWAITING_PLACE")
    a_cme_case(periods=[(date(2026, 3, 2), None)], date_of_birth=None)
    a_cme_case(periods=[(date(2025, 9, 1), None)], sex="M")
    return Given(open_first=f"/dfe-return/?census={census.pk}")


def _no_census_dates() -> Given:
    return Given()


def _census_dates() -> Given:
    _a_census_date()
    return Given()


def _a_census_date_to_change() -> Given:
    return Given(kwargs={"census_id": _a_census_date().pk})


def _a_reason_to_change() -> Given:
    reason = CmeReason.objects.get(code="OTHER")
    return Given(kwargs={"reason_id": reason.pk})


def _an_open_case() -> Given:
    return Given(kwargs={"case_id": a_cme_case(periods=[(date(2026, 9, 1), None)], area_id="west").pk})


def _a_case_for_the_lost_pupils_database() -> Given:
    return Given(kwargs={"case_id": a_closed_case().pk})


def _a_case_without_a_upn() -> Given:
    return Given(kwargs={"case_id": a_closed_case(upn="").pk})


PAGE_CHECKS: list[PageCheck] = [
    PageCheck("returns:dfe_return", "cme_manager", given=_no_census_dates, state="no census dates"),
    PageCheck("returns:dfe_return", "cme_manager", given=_census_dates),
    PageCheck("returns:dfe_return", "cme_manager", given=_a_return_with_checks_to_fix, state="a return with checks"),
    PageCheck("returns:census_date_list", "cme_manager", given=_census_dates),
    PageCheck("returns:census_date_new", "cme_manager"),
    PageCheck(
        "returns:census_date_new",
        "cme_manager",
        state="errors",
        then=press_and_expect_errors("Save the census date"),
    ),
    PageCheck("returns:census_date_edit", "cme_manager", given=_a_census_date_to_change),
    PageCheck("returns:cme_reason_list", "cme_manager"),
    PageCheck("returns:cme_reason_new", "cme_manager"),
    PageCheck("returns:cme_reason_new", "cme_manager", state="errors", then=press_and_expect_errors("Save the reason")),
    PageCheck("returns:cme_reason_edit", "cme_manager", given=_a_reason_to_change),
    PageCheck("returns:case_cme_reason", "cme_officer_west", given=_an_open_case),
    PageCheck(
        "returns:case_cme_reason",
        "cme_officer_west",
        given=_an_open_case,
        state="errors",
        then=press_and_expect_errors("Save the reason"),
    ),
    PageCheck("returns:lost_pupil_file", "cme_officer_west", given=_a_case_for_the_lost_pupils_database),
    PageCheck("returns:lost_pupil_file", "cme_officer_west", given=_a_case_without_a_upn, state="refused: no UPN"),
]

# URL names that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {
    "returns:dfe_return_csv": "a CSV file download, not a page",
}
