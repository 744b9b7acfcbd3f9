from datetime import date

import pytest

from cme.calendars.days import (
    DayKind,
    SchoolCalendar,
    academic_year_of,
    add_school_days,
    is_school_day,
    school_days_between,
)
from cme.calendars.due import due_state, is_escalated
from cme.calendars.models import TermDates
from cme.calendars.services import term_dates_seed_defaults

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    term_dates_seed_defaults()
    return SchoolCalendar(TermDates.objects.all())


def test_working_days_skip_christmas_and_its_substitute_days():
    calendar = SchoolCalendar([])
    # Friday 25 December 2026 and Monday 28 December 2026 (Boxing Day falls on a Saturday: substitute).
    assert calendar.add_days(date(2026, 12, 24), 1, DayKind.WORKING) == date(2026, 12, 29)
    # 2027: Christmas Day Saturday and Boxing Day Sunday, so Monday 27 and Tuesday 28 are bank holidays.
    assert calendar.add_days(date(2027, 12, 24), 1, DayKind.WORKING) == date(2027, 12, 29)
    # Past the bundled GOV.UK list the rules apply: 2032 has the same pattern as 2027.
    assert calendar.add_days(date(2032, 12, 24), 1, DayKind.WORKING) == date(2032, 12, 29)
    # Early May bank holiday 2026 is Monday 4 May.
    assert calendar.add_days(date(2026, 5, 1), 1, DayKind.WORKING) == date(2026, 5, 5)


def test_zero_days_means_the_same_working_day_or_the_next():
    calendar = SchoolCalendar([])
    assert calendar.add_days(date(2026, 11, 27), 0, DayKind.WORKING) == date(2026, 11, 27)  # a Friday
    assert calendar.add_days(date(2026, 11, 28), 0, DayKind.WORKING) == date(2026, 11, 30)  # Saturday → Monday
    assert calendar.add_days(date(2026, 12, 25), 0, DayKind.WORKING) == date(2026, 12, 29)


def test_calendar_days_count_every_day():
    calendar = SchoolCalendar([])
    assert calendar.add_days(date(2026, 12, 24), 15, DayKind.CALENDAR) == date(2027, 1, 8)


def test_school_days_skip_half_term_and_holidays(terms):
    # Autumn half-term 2026: last day Friday 23 October, back Monday 2 November.
    assert terms.is_school_day(date(2026, 10, 23)) is True
    assert terms.is_school_day(date(2026, 10, 26)) is False
    assert terms.is_school_day(date(2026, 11, 2)) is True
    assert terms.add_days(date(2026, 10, 22), 2, DayKind.SCHOOL) == date(2026, 11, 2)
    # Christmas: term ends Friday 18 December 2026, spring starts Tuesday 5 January 2027.
    assert terms.add_days(date(2026, 12, 18), 1, DayKind.SCHOOL) == date(2027, 1, 5)
    assert terms.days_between(date(2026, 12, 17), date(2027, 1, 5), DayKind.SCHOOL) == 2
    # Summer holiday: 22 July 2026 last day, 3 September 2026 first.
    assert terms.add_days(date(2026, 7, 22), 1, DayKind.SCHOOL) == date(2026, 9, 3)


def test_a_year_without_term_dates_counts_working_days(terms):
    assert academic_year_of(date(2031, 8, 31)) == 2030
    assert academic_year_of(date(2031, 9, 1)) == 2031
    assert terms.has_term_dates_for(2031) is False
    assert terms.is_school_day(date(2031, 8, 4)) is True  # a Monday in August, no term dates recorded


def test_module_functions_read_the_recorded_term_dates(terms):
    assert is_school_day(date(2026, 10, 30)) is False
    assert add_school_days(date(2026, 10, 23), 1) == date(2026, 11, 2)
    assert school_days_between(date(2026, 10, 23), date(2026, 11, 2)) == 1


def test_a_finished_pause_moves_the_due_date_by_the_paused_school_days(terms):
    # 5 school days from Monday 9 November 2026 is Monday 16 November.
    assert terms.add_days(date(2026, 11, 9), 5, DayKind.SCHOOL) == date(2026, 11, 16)
    # Paused Wednesday 11 to Friday 13 (restarted Monday 16): three school days more.
    pauses = [(date(2026, 11, 11), date(2026, 11, 16))]
    assert terms.add_days(date(2026, 11, 9), 5, DayKind.SCHOOL, pauses=pauses) == date(2026, 11, 19)
    # A pause over half-term costs nothing: those days were not school days anyway.
    assert terms.add_days(date(2026, 10, 21), 3, DayKind.SCHOOL) == date(2026, 11, 2)
    assert terms.add_days(date(2026, 10, 21), 3, DayKind.SCHOOL, pauses=[(date(2026, 10, 24), date(2026, 11, 2))]) == (
        date(2026, 11, 2)
    )


def test_an_open_pause_has_no_due_date_and_a_later_pause_changes_nothing(terms):
    assert terms.add_days(date(2026, 11, 9), 5, DayKind.SCHOOL, pauses=[(date(2026, 11, 11), None)]) is None
    # Paused after the due date: the due date stands.
    assert terms.add_days(date(2026, 11, 9), 5, DayKind.SCHOOL, pauses=[(date(2026, 11, 20), None)]) == date(
        2026, 11, 16
    )


def test_due_state_and_escalation():
    friday = date(2026, 11, 27)
    assert due_state(date(2026, 11, 26), on=friday, at_risk_working_days=2) == "overdue"
    assert due_state(friday, on=friday, at_risk_working_days=2) == "due_today"
    # Two working days after Friday is Tuesday.
    assert due_state(date(2026, 12, 1), on=friday, at_risk_working_days=2) == "at_risk"
    assert due_state(date(2026, 12, 2), on=friday, at_risk_working_days=2) == "later"
    # Due Monday 23 November, margin 3 working days: escalated from Friday 27 November.
    assert is_escalated(date(2026, 11, 23), on=date(2026, 11, 26), escalation_margin_working_days=3) is False
    assert is_escalated(date(2026, 11, 23), on=friday, escalation_margin_working_days=3) is True
