"""Reading term dates and a case's paused clocks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Max, QuerySet

from cme.calendars.days import PauseSpan
from cme.calendars.models import CaseReview, ClockPause, TermDates


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


def pauses_by_case(case_ids: Iterable[Any]) -> dict[Any, list[ClockPause]]:
    """Pauses for many cases at once, for the work queue."""
    grouped: dict[Any, list[ClockPause]] = {}
    pauses = ClockPause.objects.filter(case_id__in=case_ids).select_related("paused_by", "resumed_by")
    for pause in pauses.order_by("paused_on", "created_on"):
        grouped.setdefault(pause.case_id, []).append(pause)
    return grouped


def last_review_on(case: Any) -> date | None:
    review = CaseReview.objects.filter(case=case).order_by("-reviewed_on", "-created_on").first()
    return review.reviewed_on if review else None


def case_reviews(case: Any) -> list[CaseReview]:
    return list(CaseReview.objects.filter(case=case).select_related("reviewed_by").order_by("-reviewed_on"))


def reviews_by_case(case_ids: Iterable[Any]) -> dict[Any, list[CaseReview]]:
    """Every periodic review of many cases at once, newest first."""
    grouped: dict[Any, list[CaseReview]] = {}
    reviews = CaseReview.objects.filter(case_id__in=case_ids).select_related("reviewed_by")
    for review in reviews.order_by("-reviewed_on", "-created_on"):
        grouped.setdefault(review.case_id, []).append(review)
    return grouped


def last_reviews_by_case(case_ids: Iterable[Any]) -> dict[Any, date]:
    """The latest review date of each case that has one."""
    rows = CaseReview.objects.filter(case_id__in=case_ids).values("case_id").annotate(last=Max("reviewed_on"))
    return {row["case_id"]: row["last"] for row in rows}
