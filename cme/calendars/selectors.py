"""Reading term dates and a case's paused clocks."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cme.calendars.days import PauseSpan
from cme.calendars.models import ClockPause, TermDates


def term_dates_list() -> QuerySet[TermDates]:
    return TermDates.objects.order_by("-academic_year")


def term_dates_for(academic_year: int) -> TermDates | None:
    return TermDates.objects.filter(academic_year=academic_year).first()


def case_clock_pauses(case: Any) -> list[ClockPause]:
    """Every pause on ``case``'s clocks, oldest first, with who paused and restarted them."""
    return list(
        ClockPause.objects.filter(case=case)
        .select_related("paused_by", "resumed_by")
        .order_by("paused_on", "created_on")
    )


def pause_spans(pauses: list[ClockPause], clock: str) -> list[PauseSpan]:
    return [pause.span for pause in pauses if pause.clock == clock]


def pauses_by_case(case_ids: list[Any]) -> dict[Any, list[ClockPause]]:
    """Pauses for many cases at once, for the work queue."""
    grouped: dict[Any, list[ClockPause]] = {}
    for pause in ClockPause.objects.filter(case_id__in=case_ids).order_by("paused_on"):
        grouped.setdefault(pause.case_id, []).append(pause)
    return grouped
