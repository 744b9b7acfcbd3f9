"""The calendar answers by bisecting precomputed lists of days; these tests check that it gives exactly
the dates of the plain definition, walking one day at a time, over many starts, spans and pauses around
bank holidays, half-terms, Christmas, the summer holiday and a school year with no term dates."""

import random
from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from cme.calendars.days import DayKind, PauseSpan, SchoolCalendar
from cme.calendars.models import TermDates
from cme.calendars.services import term_dates_seed_defaults
from cme.core.working_days import is_working_day

pytestmark = pytest.mark.django_db

# Days near which counting is hardest: bank holidays, the edges of half-terms and holidays, and the
# seeded term dates running out (2028 to 2029 has none, so every working day counts as a school day).
_EDGES = [
    date(2025, 12, 19),
    date(2025, 12, 24),
    date(2026, 2, 13),
    date(2026, 4, 2),
    date(2026, 5, 1),
    date(2026, 5, 22),
    date(2026, 7, 22),
    date(2026, 8, 28),
    date(2026, 10, 23),
    date(2026, 11, 9),
    date(2026, 12, 18),
    date(2026, 12, 24),
    date(2027, 3, 25),
    date(2027, 12, 17),
    date(2028, 7, 21),
    date(2028, 8, 25),
    date(2028, 12, 22),
]


def _simple_counts(day: date, kind: DayKind, spans: list[tuple[date, date]], years: set[int]) -> bool:
    if kind == DayKind.CALENDAR:
        return True
    if not is_working_day(day):
        return False
    if kind == DayKind.WORKING:
        return True
    if any(first <= day <= last for first, last in spans):
        return True
    academic_year = day.year if day.month >= 9 else day.year - 1
    return academic_year not in years


def _simple_add(
    start: date, days: int, kind: DayKind, pauses: Sequence[PauseSpan], spans: list[tuple[date, date]], years: set[int]
) -> date | None:
    """The definition: step a day at a time; a day in a finished pause does not count, a day in an
    open pause means no due date yet; zero days is ``start`` itself if it counts."""
    day = start - timedelta(days=1) if days == 0 else start
    remaining = max(days, 1)
    while remaining:
        day += timedelta(days=1)
        state: bool | None = False
        for first, resumed in pauses:
            if first <= day and (resumed is None or day < resumed):
                state = None if resumed is None else True
                break
        if state is None:
            return None
        if not state and _simple_counts(day, kind, spans, years):
            remaining -= 1
    return day


def _simple_between(start: date, end: date, kind: DayKind, spans: list[tuple[date, date]], years: set[int]) -> int:
    if end < start:
        return -_simple_between(end, start, kind, spans, years)
    return sum(_simple_counts(start + timedelta(days=n), kind, spans, years) for n in range(1, (end - start).days + 1))


def _random_pauses(rng: random.Random, start: date) -> list[PauseSpan]:
    pauses: list[PauseSpan] = []
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        first = start + timedelta(days=rng.randint(-10, 50))
        if rng.random() < 0.25:
            pauses.append((first, None))
        else:
            pauses.append((first, first + timedelta(days=rng.randint(0, 30))))
    return pauses


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(date(2026, 11, 27), tick=False)


@pytest.fixture
def term_data():
    term_dates_seed_defaults()
    rows = list(TermDates.objects.all())
    spans = [(first, last) for row in rows for _, first, last in row.half_terms()]
    return rows, spans, {row.academic_year for row in rows}


def test_add_days_gives_the_dates_of_counting_day_by_day(term_data):
    rows, spans, years = term_data
    calendar = SchoolCalendar(rows)
    rng = random.Random(20261127)
    checked = 0
    for edge in _EDGES:
        for offset in range(-6, 7):
            start = edge + timedelta(days=offset)
            for kind in DayKind:
                for days in (0, 1, 2, 3, 5, 10, 15, 20, rng.randint(0, 60)):
                    pauses = _random_pauses(rng, start)
                    expected = _simple_add(start, days, kind, pauses, spans, years)
                    assert calendar.add_days(start, days, kind, pauses=pauses) == expected, (start, days, kind, pauses)
                    checked += 1
    assert checked == len(_EDGES) * 13 * 3 * 9


def test_add_days_matches_over_random_starts_and_long_spans(term_data):
    rows, spans, years = term_data
    calendar = SchoolCalendar(rows)
    rng = random.Random(7)
    for _ in range(600):
        start = date(2025, 1, 1) + timedelta(days=rng.randint(0, 4 * 365))
        kind = rng.choice(list(DayKind))
        days = rng.randint(0, 400)
        pauses = _random_pauses(rng, start)
        expected = _simple_add(start, days, kind, pauses, spans, years)
        assert calendar.add_days(start, days, kind, pauses=pauses) == expected, (start, days, kind, pauses)


def test_a_fresh_calendar_and_a_reused_one_agree_whatever_order_dates_come_in(term_data):
    # The lists grow backwards and forwards as dates arrive: a late year first, then an early one.
    rows, spans, years = term_data
    reused = SchoolCalendar(rows)
    for start in (date(2028, 12, 22), date(2025, 3, 3), date(2030, 1, 2), date(2024, 12, 20)):
        for kind in DayKind:
            expected = _simple_add(start, 25, kind, (), spans, years)
            assert reused.add_days(start, 25, kind) == expected
            assert SchoolCalendar(rows).add_days(start, 25, kind) == expected


def test_days_between_gives_the_count_of_walking_day_by_day(term_data):
    rows, spans, years = term_data
    calendar = SchoolCalendar(rows)
    rng = random.Random(11)
    for edge in _EDGES:
        for _ in range(8):
            start = edge + timedelta(days=rng.randint(-10, 10))
            end = start + timedelta(days=rng.randint(-60, 90))
            for kind in DayKind:
                assert calendar.days_between(start, end, kind) == _simple_between(start, end, kind, spans, years)


def test_overlapping_and_empty_pauses_count_as_the_definition_does(term_data):
    rows, spans, years = term_data
    calendar = SchoolCalendar(rows)
    start = date(2026, 12, 14)
    cases: list[list[PauseSpan]] = [
        [(date(2026, 12, 15), date(2026, 12, 15))],  # restarted the day it paused: nothing left out
        [(date(2026, 12, 15), date(2027, 1, 8)), (date(2026, 12, 20), date(2027, 1, 12))],  # overlapping
        [(date(2027, 1, 6), date(2027, 1, 8)), (date(2027, 1, 7), None)],  # open inside a finished one
        [(date(2027, 2, 1), None)],  # opens after the due date: the date stands
        [(date(2026, 12, 1), None)],  # open since before the clock started
    ]
    for pauses in cases:
        for days in (0, 1, 5, 10, 20):
            expected = _simple_add(start, days, DayKind.SCHOOL, pauses, spans, years)
            assert calendar.add_days(start, days, DayKind.SCHOOL, pauses=pauses) == expected, (days, pauses)
    assert calendar.add_days(start, 10, DayKind.SCHOOL, pauses=cases[3]) == date(2027, 1, 12)
    assert calendar.add_days(start, 10, DayKind.SCHOOL, pauses=cases[4]) is None
