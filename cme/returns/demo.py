"""Demo data for the DfE return and the Lost Pupils Database file, called by ``cme.demo.services.demo_seed``.

This academic year's three census dates, three open cases with a primary reason (so the return has
figures), and one case closed after review as not located, whose Lost Pupils Database file can be made.
Idempotent: census dates are found by day, cases by the child's synthetic UPN. Every child is invented.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from cme.areas.models import Area
from cme.cases.codes import CaseOutcome
from cme.cases.models import Case
from cme.cases.services import case_close_not_located, case_open, case_transition
from cme.cases.states import CaseStatus
from cme.core.school_age import academic_year_of
from cme.core.upn import upn_check_letter
from cme.returns.models import CensusDate, CmeReason, Term
from cme.returns.services import case_cme_reason_set, census_date_save

_THURSDAY = 3


def _nth_thursday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(_THURSDAY - first.weekday()) % 7 + 7 * (n - 1))


def _upn(serial: int) -> str:
    body = f"91900002{serial:04d}"[-12:]
    return upn_check_letter(body) + body


@dataclass(frozen=True)
class _DemoChild:
    serial: int
    forenames: str
    surname: str
    age: int
    sex: str
    weeks_missing: int
    reason: str


_OPEN = (
    _DemoChild(1, "Jordan", "Exampleton", 10, "M", 3, "MOVED_IN_AWAITING_PLACE"),
    _DemoChild(2, "Casey", "Fictional", 13, "F", 9, "OFFERED_NOT_STARTED"),
    _DemoChild(3, "Taylor", "Samplewood", 8, "F", 30, "EHE_UNSUITABLE"),
)
_LOST = _DemoChild(4, "Robin", "Madeupson", 11, "M", 20, "REMOVED_WHEREABOUTS_UNKNOWN")


def _seed_census_dates(actor: Any, today: date) -> int:
    year = academic_year_of(today)
    wanted = (
        (_nth_thursday(year, 10, 1), Term.AUTUMN),
        (_nth_thursday(year + 1, 1, 3), Term.SPRING),
        (_nth_thursday(year + 1, 5, 3), Term.SUMMER),
    )
    made = 0
    for day, term in wanted:
        if not CensusDate.objects.filter(census_date=day).exists():
            census_date_save(actor=actor, census_date=day, term=term, return_due=day + timedelta(weeks=4))
            made += 1
    return made


def _open_case(child: _DemoChild, *, officer: Any, today: date) -> Case | None:
    upn = _upn(child.serial)
    if Case.objects.filter(child__upn=upn).exists():
        return None
    case = case_open(
        actor=officer,
        forenames=child.forenames,
        surname=child.surname,
        date_of_birth=date(today.year - child.age, 2, 14),
        sex=child.sex,
        upn=upn,
        address_line_1=f"{child.serial} Invented Avenue",
        town="Watford",
        postcode="WD17 1AA",
        cme_from=today - timedelta(weeks=child.weeks_missing),
        area=Area.objects.get(code="west"),
    )
    case_cme_reason_set(case=case, actor=officer, reason=CmeReason.objects.get(code=child.reason))
    return case


def seed_returns_demo(*, officer: Any, manager: Any) -> int:
    """Make the demo census dates and cases that are missing; return how many rows were made."""
    today = timezone.localdate()
    made = _seed_census_dates(manager, today)
    for child in _OPEN:
        made += int(_open_case(child, officer=officer, today=today) is not None)
    lost = _open_case(_LOST, officer=officer, today=today)
    if lost is not None:
        for target, why in (
            (CaseStatus.ENQUIRIES, "Enquiries started"),
            (CaseStatus.NOT_LOCATED, "Every enquiry made; the family's whereabouts are unknown"),
            (CaseStatus.MANAGER_REVIEW, "Sent for the manager's review"),
        ):
            lost = case_transition(case=lost, target=target, actor=officer, reason=why)
        case_close_not_located(
            case=lost,
            actor=manager,
            outcome=CaseOutcome.NOT_LOCATED_LPD,
            evidence="Every enquiry made and concluded; no trace of the family (demo).",
            expected_version=lost.version,
        )
        made += 1
    return made
