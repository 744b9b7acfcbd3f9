"""Compulsory school age (CSA) and national curriculum year, computed from a date of birth.

The law
=======
* **Start: Education Act 1996 s.8(2).** A child begins to be of compulsory school age on the day they
  turn 5 if that day is a *prescribed day*, otherwise at the beginning of the next prescribed day.
  The prescribed days are **31 March, 31 August and 31 December** (Education (Start of Compulsory
  School Age) Order 1998, SI 1998/1607). Because 31 December is one of them, CSA always starts in the
  calendar year of the 5th birthday, at most five months after it (1 April → 31 August).
* **End: Education Act 1996 s.8(3).** A child ceases to be of compulsory school age *at the end of*
  the school leaving date (SLD) of a year if (a) they turn 16 after that SLD but before the beginning
  of the next school year, (b) they turn 16 on that SLD, or (c) that SLD is the next one after they
  turn 16. The SLD is **the last Friday in June** (Education (School Leaving Date) Order 1997,
  SI 1997/1970).

Both ends are inclusive: a child is of CSA from 00:00 on the start day to the end of the SLD.

Design choices
==============
* **The school-year boundary is configurable.** In law (EA 1996 s.579) the school year begins with
  the first term to start after July, i.e. the first day of the autumn term. The default here is
  **1 September**, the common "cohort" reading: it is never earlier than the autumn term, so the
  child stays in scope for longer, which is the safer error for safeguarding. A caller that knows
  the council's term dates can pass ``school_year_start``: a callable ``year -> date`` or a mapping
  ``{year: date}`` (years missing from the mapping fall back to 1 September). Example: a child born
  1 Sep 2009 turns 16 on 1 Sep 2025; with the default they leave on 26 Jun 2026, but if the autumn
  term started on 3 Sep 2025 they left on 27 Jun 2025.
* **29 February births** have their anniversaries on 1 March in other years (the common reading of
  the Family Law Reform Act 1969 s.9). Either reading gives the same CSA dates.
* Pure functions of dates: no Django, no settings, no clock. Callers pass "today" explicitly.

The rules and test vectors are in domain.md §2, the shared domain specification.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Final, TypeAlias

__all__ = [
    "PRESCRIBED_DAYS",
    "SchoolYearStart",
    "academic_year_of",
    "add_years",
    "compulsory_school_age_end",
    "compulsory_school_age_span",
    "compulsory_school_age_start",
    "default_school_year_start",
    "is_compulsory_school_age",
    "last_friday_in_june",
    "national_curriculum_year",
]

#: (month, day) of the days on which compulsory school age can begin (SI 1998/1607), in calendar order.
PRESCRIBED_DAYS: Final[tuple[tuple[int, int], ...]] = ((3, 31), (8, 31), (12, 31))

_FRIDAY: Final = 4

#: A source of school-year start dates: ``year -> first day of that school year``, or a mapping of known years.
SchoolYearStart: TypeAlias = Callable[[int], date] | Mapping[int, date]


def add_years(day: date, years: int) -> date:
    """The same day and month ``years`` later; 29 February becomes 1 March in a non-leap year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return date(day.year + years, 3, 1)


def last_friday_in_june(year: int) -> date:
    """The school leaving date of ``year`` (SI 1997/1970): the last Friday in June."""
    june_30 = date(year, 6, 30)
    return june_30 - timedelta(days=(june_30.weekday() - _FRIDAY) % 7)


def default_school_year_start(year: int) -> date:
    """1 September of ``year``: the default school-year boundary (see the module docstring)."""
    return date(year, 9, 1)


def _school_year_start_resolver(school_year_start: SchoolYearStart | None) -> Callable[[int], date]:
    if school_year_start is None:
        return default_school_year_start
    if isinstance(school_year_start, Mapping):
        starts = school_year_start

        def from_mapping(year: int) -> date:
            return starts[year] if year in starts else default_school_year_start(year)

        return from_mapping
    return school_year_start


def _checked_school_year_start(resolve: Callable[[int], date], year: int) -> date:
    start = resolve(year)
    # s.579: the school year begins with the first term to start after July.
    if not date(year, 8, 1) <= start <= date(year, 9, 30):
        raise ValueError(f"The school year {year} must start in August or September, not on {start.isoformat()}")
    return start


def compulsory_school_age_start(dob: date) -> date:
    """The first day of compulsory school age: the first prescribed day on or after the 5th birthday (s.8(2))."""
    fifth_birthday = add_years(dob, 5)
    for month, day in PRESCRIBED_DAYS:
        prescribed = date(fifth_birthday.year, month, day)
        if prescribed >= fifth_birthday:
            return prescribed
    raise AssertionError("unreachable: 31 December is a prescribed day")  # pragma: no cover


def compulsory_school_age_end(dob: date, *, school_year_start: SchoolYearStart | None = None) -> date:
    """The last day of compulsory school age (inclusive): a school leaving date chosen by s.8(3).

    The child leaves on the SLD of the year they turn 16 if they turn 16 on or before it ((b), (c)), or after
    it but before the next school year begins ((a)); otherwise on the SLD of the following year ((c)).
    """
    sixteenth_birthday = add_years(dob, 16)
    leaving_date = last_friday_in_june(sixteenth_birthday.year)
    if sixteenth_birthday <= leaving_date:
        return leaving_date
    resolve = _school_year_start_resolver(school_year_start)
    if sixteenth_birthday < _checked_school_year_start(resolve, sixteenth_birthday.year):
        return leaving_date
    return last_friday_in_june(sixteenth_birthday.year + 1)


def compulsory_school_age_span(dob: date, *, school_year_start: SchoolYearStart | None = None) -> tuple[date, date]:
    """The first and last days (both inclusive) on which a child born on ``dob`` is of compulsory school age.

    ``school_year_start`` sets the school-year boundary used by s.8(3)(a): a callable ``year -> date`` or a
    mapping ``{year: date}`` (missing years fall back to 1 September). The default is 1 September.
    """
    return (
        compulsory_school_age_start(dob),
        compulsory_school_age_end(dob, school_year_start=school_year_start),
    )


def is_compulsory_school_age(dob: date, on: date, *, school_year_start: SchoolYearStart | None = None) -> bool:
    """Whether a child born on ``dob`` is of compulsory school age on the day ``on`` (both ends inclusive)."""
    start, end = compulsory_school_age_span(dob, school_year_start=school_year_start)
    return start <= on <= end


def academic_year_of(on: date) -> int:
    """The calendar year in which the academic year containing ``on`` starts (1 September to 31 August).

    For example 2024 for any day from 1 Sep 2024 to 31 Aug 2025 (the academic year "2024/25").
    """
    return on.year if on.month >= 9 else on.year - 1


def national_curriculum_year(dob: date, on: date) -> int:
    """The national curriculum year group of a child born on ``dob``, in the academic year containing ``on``.

    Children are grouped in birth cohorts from 1 September to 31 August and start Reception in the academic year
    in which they turn 5: a child born from 1 Sep 2019 to 31 Aug 2020 is in Reception in 2024/25. Reception is
    0 and Year 1 to Year 11 are 1 to 11. Outside those years the arithmetic value is returned: -1 for the year
    before Reception (nursery), 12 and 13 for sixth-form ages, and so on.

    This is the chronological year group. A child taught out of their cohort (for example a summer-born child
    whose start was deferred) may be in a different year group at school.
    """
    return academic_year_of(on) - academic_year_of(dob) - 5
