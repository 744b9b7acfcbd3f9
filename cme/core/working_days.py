"""Working days in England: Monday to Friday, except England and Wales bank holidays.

Bank holidays come from the GOV.UK list bundled with the pinned ``govuk-bank-holidays`` package, read
from the package itself (``use_cached_holidays=True``), so nothing is ever fetched from the network.
For years that list does not cover (it runs a few years ahead; bump the package yearly), the rule-based
``holidays`` package gives England's bank holidays instead, substitute days included.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Final

import holidays
from govuk_bank_holidays.bank_holidays import BankHolidays

__all__ = ["add_working_days", "bank_holidays_in", "bundled_years", "is_working_day"]

_SATURDAY: Final = 5


@cache
def _bundled() -> tuple[frozenset[date], frozenset[int]]:
    """The GOV.UK dates and the years they cover. A year counts as covered only when the list reaches
    its December, so a list that stops part-way through a year leaves that year to the fallback."""
    dates = frozenset(
        holiday["date"]
        for holiday in BankHolidays(use_cached_holidays=True).get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    )
    years = {d.year for d in dates}
    years = {year for year in years if any(d.year == year and d.month == 12 for d in dates)}
    return dates, frozenset(years)


def bundled_years() -> frozenset[int]:
    """The years the bundled GOV.UK list covers."""
    return _bundled()[1]


@cache
def bank_holidays_in(year: int) -> frozenset[date]:
    """England and Wales bank holidays in ``year``: GOV.UK's list where it covers the year, else the rules."""
    dates, years = _bundled()
    if year in years:
        return frozenset(d for d in dates if d.year == year)
    # python-holidays also lists a Christmas Day or Boxing Day that falls at a weekend as well as its
    # substitute weekday; the weekend date is not a working day anyway, so it changes nothing here.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < _SATURDAY and day not in bank_holidays_in(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted, and need not
    be a working day): 10 working days after Friday 17 December 2021 is Wednesday 5 January 2022,
    because 27 and 28 December 2021 and 3 January 2022 were bank holidays (substitute days)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
