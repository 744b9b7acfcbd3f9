"""Demo data for clocks and policy: the synthetic Hertfordshire-like term dates, and a pause on one
demo case's enquiries clock so the case page shows how a pause moves a due date. Idempotent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from cme.calendars.models import ClockPause
from cme.calendars.services import clock_pause, clock_resume, term_dates_seed_defaults
from cme.cases.models import Case
from cme.cases.states import CaseStatus


def seed_clocks_demo(*, officer: Any, manager: Any) -> None:
    term_dates_seed_defaults(actor=manager)
    case = (
        Case.objects.filter(status__in=[CaseStatus.OPEN, CaseStatus.ENQUIRIES], area_id=officer.area_id)
        .order_by("created_on")
        .first()
    )
    if case is None or ClockPause.objects.filter(case=case).exists():
        return
    today = timezone.localdate()
    pause = clock_pause(
        case=case,
        clock=ClockPause.Clock.ENQUIRIES,
        actor=officer,
        paused_on=today - timedelta(days=2),
        reason="Waiting for the Home Office to reply (synthetic demo)",
    )
    clock_resume(pause=pause, actor=officer, resumed_on=today, reason="The Home Office replied (synthetic demo)")
