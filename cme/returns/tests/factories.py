"""Census dates, cases with CME intervals, and closed cases for the Lost Pupils Database. All synthetic."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from django.utils import timezone

from cme.cases.codes import CaseOutcome
from cme.cases.models import Case, CmeInterval
from cme.cases.states import CaseStatus
from cme.enquiries.tests.factories import CaseFactory, ChildFactory
from cme.returns.models import CensusDate, CmeReason, Term


class CensusDateFactory(factory.django.DjangoModelFactory[CensusDate]):
    class Meta:
        model = CensusDate

    census_date = date(2026, 10, 1)
    term = Term.AUTUMN
    return_due = date(2026, 10, 30)


def reason(code: str) -> CmeReason:
    return CmeReason.objects.get(code=code)


def a_cme_case(
    *,
    periods: list[tuple[date, date | None]],
    date_of_birth: date | None = date(2014, 5, 17),
    sex: str = "F",
    child: Any = None,
    reason_code: str = "",
    **fields: Any,
) -> Case:
    """A case whose child was missing education in each of ``periods`` (start, end or None: still)."""
    child = child or ChildFactory.create(date_of_birth=date_of_birth, sex=sex)
    case = CaseFactory.create(
        child=child,
        cme_from=periods[0][0],
        cme_reason=reason(reason_code) if reason_code else None,
        **fields,
    )
    for start, end in periods:
        CmeInterval.objects.create(case=case, start=start, end=end)
    return case


def a_closed_case(
    *,
    outcome: str = CaseOutcome.NOT_LOCATED_LPD,
    upn: str = "B801200005001",
    date_of_birth: date | None = date(2014, 5, 17),
    restricted: bool = False,
    lost_pupils_database: bool = True,
    forenames: str = "Sample Middle",
) -> Case:
    child = ChildFactory.create(
        forenames=forenames,
        surname="Testchild",
        date_of_birth=date_of_birth,
        sex="F",
        upn=upn,
        address_line_1="1 Synthetic Road",
        town="Watford",
        postcode="WD17 1AA",
    )
    return CaseFactory.create(
        child=child,
        status=CaseStatus.CLOSED,
        outcome=outcome,
        lost_pupils_database=lost_pupils_database,
        outcome_evidence="Every enquiry made and concluded",
        outcome_recorded_on=timezone.now(),
        restricted=restricted,
        restriction_reason="Family fleeing domestic violence" if restricted else "",
    )
