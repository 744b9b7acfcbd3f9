"""Counting days: working days (weekends and England and Wales bank holidays skipped, from
``cme.core.working_days``), school days (working days inside the term dates the CME manager keeps), and
calendar days; with paused spans left out of the count.

A school year with no term dates recorded counts every working day as a school day, and the policy
page says so, so a missing year can never stop a clock.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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

_ONE_DAY = timedelta(days=1)


class DayKind(StrEnum):
    """The same words as the units of ``cme.policy.definitions.Unit``."""

    WORKING = "working days"
    SCHOOL = "school days"
    CALENDAR = "calendar days"


def academic_year_of(day: date) -> int:
    """The year an English school year starts in: 1 September to 31 August."""
    return day.year if day.month >= 9 else day.year - 1


def _excluded(pauses: Sequence[PauseSpan]) -> tuple[list[tuple[date, date]], date | None]:
    """The finished pauses merged into sorted, disjoint spans ``[first, resumed)``, and the earliest
    first day of a pause still open (None if none is open)."""
    finished = sorted((first, resumed) for first, resumed in pauses if resumed is not None and resumed > first)
    merged: list[tuple[date, date]] = []
    for first, resumed in finished:
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], resumed))
        else:
            merged.append((first, resumed))
    open_since = min((first for first, resumed in pauses if resumed is None), default=None)
    return merged, open_since


class SchoolCalendar:
    """The term dates loaded once, for counting many dates without a query each.

    For each kind of day it keeps the sorted list of the days that count over whole calendar years,
    made the first time a date in them is asked about, and answers ``add_days`` and ``days_between``
    by bisecting that list, so a work queue of thousands of deadlines costs a few lookups each. The
    answers are those of walking day by day (cme/calendars/tests/test_fast_days.py checks it)."""

    def __init__(self, term_dates: Iterable[TermDates]) -> None:
        self._spans: list[tuple[date, date]] = []
        self._years: set[int] = set()
        for year in term_dates:
            self._years.add(year.academic_year)
            self._spans.extend((first, last) for _, first, last in year.half_terms())
        self._spans.sort()
        # Per kind: the first and last calendar year covered, and the days that count in them, sorted.
        self._covered: dict[DayKind, tuple[int, int]] = {}
        self._days: dict[DayKind, list[date]] = {}

    def has_term_dates_for(self, academic_year: int) -> bool:
        return academic_year in self._years

    def is_school_day(self, day: date) -> bool:
        if not is_working_day(day):
            return False
        if any(first <= day <= last for first, last in self._spans):
            return True
        return academic_year_of(day) not in self._years

    def counts(self, day: date, kind: DayKind) -> bool:
        if kind == DayKind.SCHOOL:
            return self.is_school_day(day)
        if kind == DayKind.WORKING:
            return is_working_day(day)
        return True

    def _year_days(self, year: int, kind: DayKind) -> list[date]:
        day = date(year, 1, 1)
        found = []
        while day.year == year:
            if self.counts(day, kind):
                found.append(day)
            day += _ONE_DAY
        return found

    def _cover(self, first_year: int, last_year: int, kind: DayKind) -> list[date]:
        """The sorted days of ``kind`` over at least ``first_year`` to ``last_year``."""
        covered = self._covered.get(kind)
        if covered is None:
            days: list[date] = []
            for year in range(first_year, last_year + 1):
                days.extend(self._year_days(year, kind))
            self._days[kind] = days
            self._covered[kind] = (first_year, last_year)
            return days
        low, high = covered
        days = self._days[kind]
        if first_year < low:
            before: list[date] = []
            for year in range(first_year, low):
                before.extend(self._year_days(year, kind))
            days[:0] = before
            low = first_year
        if last_year > high:
            for year in range(high + 1, last_year + 1):
                days.extend(self._year_days(year, kind))
            high = last_year
        self._covered[kind] = (low, high)
        return days

    def add_days(self, start: date, days: int, kind: DayKind, *, pauses: Sequence[PauseSpan] = ()) -> date | None:
        """The date ``days`` days of ``kind`` after ``start`` (``start`` itself not counted), leaving out
        paused days. ``days=0`` is ``start`` itself if it counts, else the next day that does ("the same
        working day"). None while a pause that began before the due date is still open."""
        if days < 0:
            raise ValueError("days must not be negative")
        kind = DayKind(kind)
        excluded, open_since = _excluded(pauses) if pauses else ([], None)
        # Days of ``kind`` at least cover a year's worth of the count; more years are added if needed.
        last_year = start.year + 1 + days // 200
        while True:
            counted = self._cover(start.year, last_year, kind)
            due = self._nth(counted, start, days, excluded)
            if due is not None:
                break
            last_year += 1
        if open_since is not None and open_since <= due:
            return None
        return due

    @staticmethod
    def _nth(counted: list[date], start: date, days: int, excluded: list[tuple[date, date]]) -> date | None:
        """The ``days``-th day of ``counted`` after ``start`` (for 0: the first on or after it), skipping
        the ``excluded`` spans; None if ``counted`` ends first."""
        if days == 0:
            position, need = bisect_left(counted, start), 1
        else:
            position, need = bisect_right(counted, start), days
        for first, resumed in excluded:
            end = bisect_left(counted, resumed)
            if end <= position:
                continue  # the pause is over before the count reaches it
            begin = max(bisect_left(counted, first), position)
            if begin >= position + need:
                break  # the count ends before the pause
            need -= begin - position
            position = end
        index = position + need - 1
        return counted[index] if index < len(counted) else None

    def days_between(self, start: date, end: date, kind: DayKind) -> int:
        """How many days of ``kind`` fall after ``start`` up to and including ``end`` (negative if ``end``
        is before ``start``)."""
        if end < start:
            return -self.days_between(end, start, kind)
        counted = self._cover(start.year, end.year, DayKind(kind))
        return bisect_right(counted, end) - bisect_right(counted, start)


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
