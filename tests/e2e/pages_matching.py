"""Accessibility rows for record matching and the review queue (joined by test_accessibility)."""

from __future__ import annotations

from datetime import date

from cme.conftest import make_persona
from cme.matching.models import MatchSuggestion
from cme.matching.services import child_merge
from cme.matching.tests.data import a_case, a_school, pupil_row, uploaded
from tests.e2e.page_checks import Given, PageCheck, press_and_expect_errors


def _a_suggestion() -> MatchSuggestion:
    case = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    roll_return = uploaded(
        make_persona("cme_officer_west"), pupil_row(case, forename="Adah"), school=a_school(urn=117512)
    )
    return MatchSuggestion.objects.get(run__roll_return=roll_return)


def _a_queue() -> Given:
    _a_suggestion()
    return Given()


def _a_suggestion_to_decide() -> Given:
    return Given(kwargs={"suggestion_id": _a_suggestion().pk})


def _a_roll_return() -> Given:
    return Given(kwargs={"roll_return_id": _a_suggestion().run.roll_return_id})


def _a_school() -> Given:
    a_school(urn=117512)
    return Given()


def _a_merge() -> Given:
    older = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    newer = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7))
    merge = child_merge(actor=make_persona("cme_manager"), kept=older.child, merged=newer.child, reason="Same child.")
    return Given(kwargs={"merge_id": merge.pk})


PAGE_CHECKS: list[PageCheck] = [
    PageCheck("matching:queue", "cme_officer_west", state="empty"),
    PageCheck("matching:queue", "cme_officer_west", given=_a_queue),
    PageCheck("matching:suggestion", "cme_officer_west", given=_a_suggestion_to_decide),
    PageCheck(
        "matching:suggestion",
        "cme_officer_west",
        given=_a_suggestion_to_decide,
        state="errors",
        then=press_and_expect_errors("Save the decision"),
    ),
    PageCheck("matching:roll_return_new", "cme_officer_west", given=_a_school),
    PageCheck(
        "matching:roll_return_new",
        "cme_officer_west",
        given=_a_school,
        state="errors",
        then=press_and_expect_errors("Upload and match"),
    ),
    PageCheck("matching:roll_return", "cme_officer_west", given=_a_roll_return),
    PageCheck("matching:merge", "cme_manager", given=_a_merge),
]

# URL names that are not pages a person reads, and why.
NOT_PAGES: dict[str, str] = {
    "matching:duplicate_check": "POST only: starts a check for children recorded twice and returns to the queue",
}
