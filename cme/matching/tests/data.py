"""Data for the record-matching tests, made through the services as the pages would. All synthetic."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import TestCase

from cme.accounts.models import User
from cme.cases.models import Case
from cme.matching.models import MatchSuggestion, RollReturn
from cme.matching.services import roll_return_upload
from cme.referrals.models import Referral
from cme.referrals.tests.triage_data import a_referral, decided, of_school_age
from cme.schools.models import School
from cme.schools.tests.factories import SchoolFactory

HEADER = "id,forename,surname,dob,sex,postcode,address,upn"


def a_case(*, forenames: str = "Ada", surname: str = "Example", **details: Any) -> Case:
    """An open CME case, opened by triage from a referral (so its child is in the index)."""
    details.setdefault("date_of_birth", of_school_age())
    details.setdefault("address_line_1", "12 Synthetic Row")
    referral = decided(a_referral(forenames=forenames, surname=surname, **details), Referral.Decision.CME)
    assert referral.case is not None
    return referral.case


def a_school(**kwargs: Any) -> School:
    return SchoolFactory.create(**kwargs)


def csv_of(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def pupil_row(case: Case, *, ref: str = "1", forename: str = "", surname: str = "", postcode: str = "") -> str:
    child = case.child
    dob = child.date_of_birth
    assert dob is not None
    return (
        f"{ref},{forename or child.forenames},{surname or child.surname},{dob:%Y-%m-%d},,"
        f"{postcode or child.postcode},{child.address_line_1},"
    )


def uploaded(actor: User, *rows: str, school: School | None = None, name: str = "return.csv") -> RollReturn:
    """A roll return uploaded, its matching job run once the upload commits (as the worker would)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        roll_return = roll_return_upload(
            actor=actor,
            school=school or a_school(),
            kind=RollReturn.Kind.NEW_PUPILS,
            file_name=name,
            content=csv_of(*rows),
        )
    roll_return.refresh_from_db()
    return roll_return


def suggestions_for(case: Case) -> list[MatchSuggestion]:
    return list(MatchSuggestion.objects.filter(case=case).order_by("-probability"))


def born(year: int, month: int, day: int) -> date:
    return date(year, month, day)
