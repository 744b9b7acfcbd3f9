"""Cases for the case page tests. Children and cases are synthetic."""

from __future__ import annotations

from typing import Any

from cme.cases.models import Case
from cme.enquiries.tests.factories import CaseFactory, ChildFactory

ADDRESS = "14 Imaginary Lane"
CONCERNS = "Seen with an unknown adult near the station."


def a_case(*, area: str | None = "west", **case: Any) -> Case:
    """A case in the West area (making enquiries) for a child with a known address."""
    child = ChildFactory.create(
        forenames="Sample",
        surname="Testchild",
        address_line_1=ADDRESS,
        town="Watford",
        postcode="WD17 1AA",
        upn="A123456789012",
        nhs_number="9434765919",
    )
    return CaseFactory.create(child=child, area_id=area, **case)


def a_restricted_case(**case: Any) -> Case:
    return a_case(
        restricted=True,
        restriction_reason="Family fleeing domestic violence.",
        significant_concerns=True,
        concerns=CONCERNS,
        whereabouts_known=True,
        risk_level="high",
        **case,
    )


def a_case_needing_an_immediate_referral(**case: Any) -> Case:
    return a_case(
        significant_concerns=True,
        concerns=CONCERNS,
        whereabouts_known=False,
        risk_level="high",
        immediate_referral_due=True,
        **case,
    )
