"""Counting days: working days (weekends and England and Wales bank holidays skipped, from
``cme.core.working_days``), school days (working days inside the term dates the CME manager keeps), and
calendar days; with paused spans left out of the count.

A school year with no term dates recorded counts every working day as a school day, and the policy
page says so, so a missing year can never stop a clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum

from cme.calendars.models import TermDates
from cme.core.working_days import is_working_day

__all__ = [
    "DayKind",
    "PauseSpan",
    "SchoolCalendar",
    "academic_year_of",
    "add_days",
    "add_school_days",
    "is_school_day",
    "school_calendar",
    "school_days_between",
]

# A pause from its first day to the first day that counts again (None: still paused).
PauseSpan = tuple[date, date | None]


class DayKind(StrEnum):
    """The same words as the units of ``cme.policy.definitions.Unit``."""

    WORKING = "working days"
    SCHOOL = "school days"
    CALENDAR = "calendar days"


def academic_year_of(day: date) -> int:
    """The year an English school year starts in: 1 September to 31 August."""
    return day.year if day.month >= 9 else day.year - 1


def _pause_state(day: date, pauses: Sequence[PauseSpan]) -> bool | None:
    """True if ``day`` is inside a finished pause, None if inside one still open, else False."""
    for first, resumed in pauses:
        if first <= day and (resumed is None or day < resumed):
            return None if resumed is None else True
    return False


class SchoolCalendar:
    """The term dates loaded once, for counting many dates without a query each."""

    def __init__(self, term_dates: Iterable[TermDates]) -> None:
        self._spans: list[tuple[date, date]] = []
        self._years: set[int] = set()
        # Work queues count thousands of deadlines over the same few weeks: remember each answer.
        self._counts: dict[tuple[date, DayKind], bool] = {}
        self._added: dict[tuple[date, int, DayKind], date | None] = {}
        for year in term_dates:
            self._years.add(year.academic_year)
            self._spans.extend((first, last) for _, first, last in year.half_terms())

    def has_term_dates_for(self, academic_year: int) -> bool:
        return academic_year in self._years

    def is_school_day(self, day: date) -> bool:
        if not is_working_day(day):
            return False
        if any(first <= day <= last for first, last in self._spans):
            return True
        return academic_year_of(day) not in self._years

    def counts(self, day: date, kind: DayKind) -> bool:
        key = (day, kind)
        if key not in self._counts:
            if kind == DayKind.SCHOOL:
                self._counts[key] = self.is_school_day(day)
            elif kind == DayKind.WORKING:
                self._counts[key] = is_working_day(day)
            else:
                self._counts[key] = True
        return self._counts[key]

    def add_days(self, start: date, days: int, kind: DayKind, *, pauses: Sequence[PauseSpan] = ()) -> date | None:
        """The date ``days`` days of ``kind`` after ``start`` (``start`` itself not counted), leaving out
        paused days. ``days=0`` is ``start`` itself if it counts, else the next day that does ("the same
        working day"). None while a pause that began before the due date is still open."""
        if days < 0:
            raise ValueError("days must not be negative")
        if not pauses:
            key = (start, days, kind)
            if key not in self._added:
                self._added[key] = self._add(start, days, kind, ())
            return self._added[key]
        return self._add(start, days, kind, pauses)

    def _add(self, start: date, days: int, kind: DayKind, pauses: Sequence[PauseSpan]) -> date | None:
        day = start
        remaining = days
        if days == 0:
            # Count ``start`` itself: step back one day so the loop's first step lands on it.
            day -= timedelta(days=1)
            remaining = 1
        while remaining:
            day += timedelta(days=1)
            state = _pause_state(day, pauses)
            if state is None:
                return None
            if not state and self.counts(day, kind):
                remaining -= 1
        return day

    def days_between(self, start: date, end: date, kind: DayKind) -> int:
        """How many days of ``kind`` fall after ``start`` up to and including ``end`` (negative if ``end``
        is before ``start``)."""
        if end < start:
            return -self.days_between(end, start, kind)
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.counts(day, kind):
                count += 1
        return count


def school_calendar() -> SchoolCalendar:
    return SchoolCalendar(TermDates.objects.all())


def is_school_day(day: date) -> bool:
    return school_calendar().is_school_day(day)


def add_school_days(start: date, days: int, *, pauses: Sequence[PauseSpan] = ()) -> date | None:
    """``days`` school days after ``start``; None while paused (see ``SchoolCalendar.add_days``)."""
    return school_calendar().add_days(start, days, DayKind.SCHOOL, pauses=pauses)


def add_days(start: date, days: int, kind: DayKind | str, *, pauses: Sequence[PauseSpan] = ()) -> date | None:
    return school_calendar().add_days(start, days, DayKind(kind), pauses=pauses)


def school_days_between(start: date, end: date) -> int:
    """School days after ``start`` up to and including ``end``."""
    return school_calendar().days_between(start, end, DayKind.SCHOOL)
