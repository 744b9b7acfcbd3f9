"""Working days: weekends and England and Wales bank holidays (substitute days included) are skipped,
from the bundled GOV.UK list and, beyond it, from the rules."""

from __future__ import annotations

from datetime import date

import pytest
import requests

from cme.core import working_days
from cme.core.working_days import add_working_days, bank_holidays_in, bundled_years, is_working_day


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2021, 12, 27), "substitute for Christmas Day 2021, a Saturday"),
        (date(2021, 12, 28), "substitute for Boxing Day 2021, a Sunday"),
        (date(2022, 1, 3), "substitute for New Year's Day 2022, a Saturday"),
        (date(2025, 4, 18), "Good Friday 2025"),
        (date(2025, 4, 21), "Easter Monday 2025"),
        (date(2026, 12, 28), "substitute for Boxing Day 2026, a Saturday"),
        (date(2022, 9, 19), "the State Funeral of Queen Elizabeth II, a one-off bank holiday"),
        (date(2026, 3, 7), "a Saturday"),
        (date(2026, 3, 8), "a Sunday"),
    ],
)
def test_these_days_are_not_working_days(day, why):
    assert is_working_day(day) is False, why


@pytest.mark.parametrize(
    "day", [date(2021, 12, 29), date(2022, 1, 4), date(2025, 4, 17), date(2025, 4, 22), date(2026, 3, 9)]
)
def test_weekdays_that_are_not_bank_holidays_are_working_days(day):
    assert is_working_day(day) is True


def test_ten_working_days_across_christmas_skip_the_substitute_days():
    # Mon 20 to Fri 24 Dec (5), then Wed 29 to Fri 31 Dec (8): 25 to 28 Dec are the weekend and
    # the two substitute days; then Tue 4 and Wed 5 Jan (10): 1 to 3 Jan are the weekend and New Year.
    assert add_working_days(date(2021, 12, 17), 10) == date(2022, 1, 5)


def test_working_days_skip_good_friday_and_easter_monday():
    # Thursday 17 April 2025; Friday 18 and Monday 21 are Easter bank holidays, and Monday 5 May
    # the early May bank holiday: 22 to 25 April (4), 28 April to 2 May (9), then Tuesday 6 May (10).
    assert add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)
    assert add_working_days(date(2025, 4, 17), 10) == date(2025, 5, 6)


def test_the_start_day_is_not_counted_and_may_be_a_weekend():
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday → Monday
    assert add_working_days(date(2026, 3, 7), 1) == date(2026, 3, 9)  # Saturday → Monday
    assert add_working_days(date(2026, 3, 9), 0) == date(2026, 3, 9)


def test_a_negative_number_of_working_days_is_refused():
    with pytest.raises(ValueError, match="must not be negative"):
        add_working_days(date(2026, 3, 9), -1)


def test_the_bundled_gov_uk_list_covers_2012_to_2028():
    assert (min(bundled_years()), max(bundled_years())) == (2012, 2028)


def test_past_the_bundled_list_the_rules_give_the_bank_holidays_with_substitute_days():
    # 2032: Christmas Day is a Saturday and Boxing Day a Sunday, so 27 and 28 December are the bank holidays.
    assert 2032 not in bundled_years()
    assert is_working_day(date(2032, 12, 27)) is False
    assert is_working_day(date(2032, 12, 28)) is False
    assert is_working_day(date(2032, 12, 29)) is True
    assert add_working_days(date(2032, 12, 24), 1) == date(2032, 12, 29)


def test_past_the_bundled_list_easter_comes_from_the_rules():
    # Easter Sunday 2030 is 21 April.
    assert {date(2030, 4, 19), date(2030, 4, 22)} <= bank_holidays_in(2030)
    assert add_working_days(date(2030, 4, 18), 1) == date(2030, 4, 23)


def test_within_the_bundled_years_the_gov_uk_list_is_used_as_it_is():
    assert sorted(bank_holidays_in(2021)) == [
        date(2021, 1, 1),
        date(2021, 4, 2),
        date(2021, 4, 5),
        date(2021, 5, 3),
        date(2021, 5, 31),
        date(2021, 8, 30),
        date(2021, 12, 27),
        date(2021, 12, 28),
    ]


def test_the_bank_holiday_list_is_never_fetched_from_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("a network request was made")

    monkeypatch.setattr(requests, "get", no_network)
    working_days._bundled.cache_clear()
    working_days.bank_holidays_in.cache_clear()

    assert is_working_day(date(2021, 12, 27)) is False
