"""Demo data for the dashboard, called by ``cme.demo.services.demo_seed``: open cases in both areas,
several districts, year groups, risk levels and lengths of time missing education, so each chart has
something to show. Idempotent: cases are found by the child's synthetic UPN. Every child is invented."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from cme.areas.models import Area, District
from cme.cases.models import Case
from cme.cases.services import case_open
from cme.core.upn import upn_check_letter


@dataclass(frozen=True)
class _DemoCase:
    serial: int
    forenames: str
    age: int
    sex: str
    district: str  # ONS code
    postcode: str
    weeks_missing: int
    risk_factors: tuple[str, ...] = ()


_CASES = (
    _DemoCase(1, "Avery", 6, "F", "E07000103", "WD17 1AA", 2),
    _DemoCase(2, "Blake", 9, "M", "E07000240", "AL1 1AA", 7, ("temporary_accommodation",)),
    _DemoCase(3, "Charlie", 12, "U", "E07000096", "HP1 1AA", 16, ("child_protection",)),
    _DemoCase(4, "Dana", 14, "F", "E07000243", "SG1 1AA", 5),
    _DemoCase(5, "Eden", 7, "M", "E07000242", "SG14 1AA", 40, ("looked_after",)),
    _DemoCase(6, "Finley", 11, "M", "E07000095", "EN8 7AA", 60),
    _DemoCase(7, "Gray", 15, "F", "E07000241", "AL8 6AA", 24, ("child_in_need",)),
    _DemoCase(8, "Harper", 5, "U", "E07000099", "SG6 1AA", 1),
)


def _upn(serial: int) -> str:
    body = f"91900007{serial:04d}"[-12:]
    return upn_check_letter(body) + body


def seed_reporting_demo(*, officers: dict[str, Any]) -> int:
    """Open the demo cases that are missing, each by its area's CME officer; return how many."""
    today = timezone.localdate()
    made = 0
    for demo in _CASES:
        upn = _upn(demo.serial)
        if Case.objects.filter(child__upn=upn).exists():
            continue
        district = District.objects.select_related("area").get(ons_code=demo.district)
        case_open(
            actor=officers[district.area_id],
            forenames=demo.forenames,
            surname="Dashboardson",
            date_of_birth=date(today.year - demo.age, 3, 1),
            sex=demo.sex,
            upn=upn,
            address_line_1=f"{demo.serial} Sample Close",
            town=district.name,
            postcode=demo.postcode,
            district=district,
            cme_from=today - timedelta(weeks=demo.weeks_missing),
            area=Area.objects.get(code=district.area_id),
            risk_factors=demo.risk_factors,
        )
        made += 1
    return made
