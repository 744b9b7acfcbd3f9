"""Demo data for `make run`: a case with a School Attendance Order whose notice to satisfy the council
has been served, so its stages, deadline and issued notice can be seen, and its decision date shows on
the work queue. Synthetic and idempotent: a second run finds the order and changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from cme.areas.models import Area
from cme.cases.services import case_open
from cme.legal.models import SchoolAttendanceOrder
from cme.legal.services import StepInput, sao_open, sao_take_step

DEMO_PARENT = "Jamie Sampleton"


def seed_legal_demo(*, officer: Any, manager: Any) -> int:
    """Make the demo SAO if it is missing; return how many orders were made (0 or 1)."""
    if SchoolAttendanceOrder.objects.filter(parent_name=DEMO_PARENT).exists():
        return 0
    today = timezone.localdate()
    served_on = today - timedelta(days=5)
    case = case_open(
        actor=officer,
        forenames="Casey",
        surname="Sampleton",
        date_of_birth=date(today.year - 11, 4, 20),
        sex="F",
        address_line_1="7 Imaginary Lane",
        town="Watford",
        postcode="WD17 1AA",
        cme_from=today - timedelta(weeks=10),
        area=Area.objects.get(code="west"),
    )
    order = sao_open(
        case=case,
        actor=officer,
        grounds="Not on any school roll since the family moved in September; the parent says the child is "
        "educated at home but has given no information about the education (demo).",
        parent_name=DEMO_PARENT,
        parent_address="7 Imaginary Lane\nWatford\nWD17 1AA",
        today=served_on,
    )
    sao_take_step(
        order=order,
        step="serve-notice-to-satisfy",
        actor=manager,
        inp=StepInput(happened_on=served_on, method_of_service="by_hand"),
        today=served_on,
    )
    return 1
