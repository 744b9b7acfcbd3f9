"""Compulsory school age (EA 1996 s.8) and national curriculum year: the vectors of domain.md §2.4 and more."""

from datetime import date, timedelta

import pytest

from cme.core.school_age import (
    PRESCRIBED_DAYS,
    academic_year_of,
    add_years,
    compulsory_school_age_span,
    is_compulsory_school_age,
    last_friday_in_june,
    national_curriculum_year,
)

IN, OUT = True, False

D = date.fromisoformat

# domain.md §2.4, every row: (#, date of birth, date checked, CSA start, CSA end inclusive, expected), 1 Sept boundary.
VECTORS = [
    (1, "2019-02-10", "2024-03-31", "2024-03-31", "2035-06-29", IN),  # IPSEA: 5 on 10 Feb -> 31 Mar
    (2, "2019-12-31", "2024-12-31", "2024-12-31", "2036-06-27", IN),  # 5th birthday on prescribed day 31 Dec
    (3, "2019-12-31", "2024-12-30", "2024-12-31", "2036-06-27", OUT),  # the day before
    (4, "2020-01-01", "2025-01-01", "2025-03-31", "2036-06-27", OUT),  # is 5, next prescribed day is 31 Mar
    (5, "2020-01-01", "2025-03-30", "2025-03-31", "2036-06-27", OUT),  # boundary -1
    (6, "2020-01-01", "2025-03-31", "2025-03-31", "2036-06-27", IN),  # boundary
    (7, "2020-03-31", "2025-03-31", "2025-03-31", "2036-06-27", IN),  # birthday on 31 Mar
    (8, "2020-04-01", "2025-08-30", "2025-08-31", "2036-06-27", OUT),  # boundary -1
    (9, "2020-08-31", "2025-08-31", "2025-08-31", "2036-06-27", IN),  # birthday on 31 Aug
    (10, "2020-09-01", "2025-09-01", "2025-12-31", "2037-06-26", OUT),  # 1 Sep child waits until 31 Dec
    (11, "2020-09-01", "2025-12-31", "2025-12-31", "2037-06-26", IN),  # boundary
    (12, "2020-02-29", "2025-03-30", "2025-03-31", "2036-06-27", OUT),  # leap-day birth
    (13, "2020-02-29", "2025-03-31", "2025-03-31", "2036-06-27", IN),  # leap-day birth
    (14, "2009-06-26", "2025-06-27", "2014-08-31", "2025-06-27", IN),  # 16 the day before the SLD: (c)
    (15, "2009-06-26", "2025-06-28", "2014-08-31", "2025-06-27", OUT),  # day after the SLD
    (16, "2009-06-27", "2025-06-27", "2014-08-31", "2025-06-27", IN),  # 16 on the SLD: (b)
    (17, "2009-06-28", "2025-06-28", "2014-08-31", "2025-06-27", OUT),  # (a): ceases before turning 16
    (18, "2009-08-31", "2025-06-27", "2014-08-31", "2025-06-27", IN),  # 31 Aug child leaves with the cohort
    (19, "2009-08-31", "2025-07-01", "2014-08-31", "2025-06-27", OUT),
    (20, "2009-09-01", "2025-07-01", "2014-12-31", "2026-06-26", IN),  # 1 Sep child: one more year
    (21, "2009-09-01", "2026-06-27", "2014-12-31", "2026-06-26", OUT),
    (22, "2008-02-29", "2024-06-28", "2013-03-31", "2024-06-28", IN),  # leap-day birth, SLD 2024
    (23, "2008-02-29", "2024-06-29", "2013-03-31", "2024-06-28", OUT),
    (24, "2007-09-23", "2024-06-28", "2012-12-31", "2024-06-28", IN),  # IPSEA example
    (25, "2007-09-23", "2024-06-29", "2012-12-31", "2024-06-28", OUT),
    (26, "2021-05-10", "2025-11-10", "2026-08-31", "2037-06-26", OUT),  # 4-year-old in Reception is not CSA
]


def test_the_table_has_every_vector_of_the_specification():
    assert [row[0] for row in VECTORS] == list(range(1, 27))


@pytest.mark.parametrize(
    ("dob", "checked", "start", "end", "expected"),
    [pytest.param(*row[1:], id=f"#{row[0]} {row[1]} on {row[2]}") for row in VECTORS],
)
def test_domain_vectors(dob, checked, start, end, expected):
    # given a child's date of birth, when we compute the span and check a date, then both match §2.4
    assert compulsory_school_age_span(D(dob)) == (D(start), D(end))
    assert is_compulsory_school_age(D(dob), D(checked)) is expected


@pytest.mark.parametrize(
    ("year", "last_friday"),
    [
        (2024, date(2024, 6, 28)),
        (2025, date(2025, 6, 27)),
        (2026, date(2026, 6, 26)),
        (2027, date(2027, 6, 25)),
        (2028, date(2028, 6, 30)),
        (2029, date(2029, 6, 29)),
        (2030, date(2030, 6, 28)),
    ],
)
def test_school_leaving_date_is_the_last_friday_in_june(year, last_friday):
    assert last_friday_in_june(year) == last_friday


def test_29_february_anniversaries_fall_on_1_march_in_other_years():
    assert add_years(date(2020, 2, 29), 5) == date(2025, 3, 1)
    assert add_years(date(2008, 2, 29), 16) == date(2024, 2, 29)
    assert add_years(date(2020, 2, 28), 5) == date(2025, 2, 28)


# domain.md §2.2.1: born 1 Sep 2009, 16 on 1 Sep 2025, autumn term 2025 starting on 3 Sep.
AUTUMN_2025 = date(2025, 9, 3)


def test_statutory_school_year_boundary_from_a_callable():
    def first_day_of_autumn_term(year: int) -> date:
        return AUTUMN_2025 if year == 2025 else date(year, 9, 1)

    # given the council's autumn term started on 3 Sep 2025, the child turned 16 "before the beginning of the
    # school year next following" the 2025 SLD, so s.8(3)(a) applies
    assert compulsory_school_age_span(date(2009, 9, 1), school_year_start=first_day_of_autumn_term) == (
        date(2014, 12, 31),
        date(2025, 6, 27),
    )
    assert is_compulsory_school_age(date(2009, 9, 1), date(2025, 7, 1), school_year_start=first_day_of_autumn_term) is (
        False
    )


def test_statutory_school_year_boundary_from_a_mapping_falls_back_to_1_september():
    term_starts = {2025: AUTUMN_2025}

    assert compulsory_school_age_span(date(2009, 9, 1), school_year_start=term_starts)[1] == date(2025, 6, 27)
    # 2026 is not in the mapping, so 1 September 2026 is the boundary: a 1 Sep 2010 child stays a year longer
    assert compulsory_school_age_span(date(2010, 9, 1), school_year_start=term_starts)[1] == date(2027, 6, 25)


def test_the_default_boundary_is_1_september():
    assert compulsory_school_age_span(date(2009, 9, 1))[1] == date(2026, 6, 26)
    assert compulsory_school_age_span(date(2009, 9, 1), school_year_start={})[1] == date(2026, 6, 26)


def test_a_school_year_start_outside_august_or_september_is_refused():
    with pytest.raises(ValueError, match="The school year 2025 must start in August or September, not on 2025-07-01"):
        compulsory_school_age_span(date(2009, 9, 1), school_year_start={2025: date(2025, 7, 1)})


@pytest.mark.parametrize(
    ("dob", "on", "year_group"),
    [
        (date(2019, 9, 1), date(2024, 9, 1), 0),  # oldest of the 2024/25 Reception cohort
        (date(2020, 8, 31), date(2025, 8, 31), 0),  # youngest, on the last day of 2024/25
        (date(2020, 8, 31), date(2025, 9, 1), 1),  # moves up on 1 September
        (date(2020, 9, 1), date(2024, 10, 1), -1),  # nursery age in 2024/25
        (date(2018, 1, 15), date(2025, 3, 1), 2),
        (date(2013, 5, 10), date(2024, 12, 1), 7),
        (date(2009, 9, 1), date(2025, 10, 1), 11),  # the 1 Sep child of vector 20 is in Year 11 in 2025/26
        (date(2009, 8, 31), date(2025, 6, 27), 11),
        (date(2009, 8, 31), date(2025, 9, 1), 12),  # sixth-form age
        (date(2020, 2, 29), date(2025, 3, 1), 0),
    ],
)
def test_national_curriculum_year(dob, on, year_group):
    assert national_curriculum_year(dob, on) == year_group


@pytest.mark.parametrize(
    ("on", "academic_year"),
    [(date(2024, 9, 1), 2024), (date(2025, 8, 31), 2024), (date(2025, 1, 1), 2024), (date(2025, 9, 1), 2025)],
)
def test_academic_year_of(on, academic_year):
    assert academic_year_of(on) == academic_year


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def test_properties_for_every_date_of_birth_from_2008_to_2021():
    prescribed = {(month, day) for month, day in PRESCRIBED_DAYS}
    for dob in _days(date(2008, 1, 1), date(2021, 12, 31)):
        start, end = compulsory_school_age_span(dob)
        fifth_birthday, sixteenth_birthday = add_years(dob, 5), add_years(dob, 16)

        # start: the first prescribed day on or after the 5th birthday (at most 5 months after it: 1 Apr -> 31 Aug)
        assert (start.month, start.day) in prescribed, dob
        assert fifth_birthday <= start < fifth_birthday + timedelta(days=153), dob
        prescribed_that_year = [date(start.year, month, day) for month, day in PRESCRIBED_DAYS]
        assert not [day for day in prescribed_that_year if fifth_birthday <= day < start], dob

        # end: a Friday in the last week of June, the SLD of the school year in which they turn 16
        assert end.weekday() == 4, dob
        assert end.month == 6, dob
        assert end.day >= 24, dob
        assert date(end.year - 1, 9, 1) <= sixteenth_birthday <= date(end.year, 8, 31), dob
        assert national_curriculum_year(dob, end) == 11, dob

        # inclusive at both ends, and nothing outside
        assert start < end, dob
        assert is_compulsory_school_age(dob, start), dob
        assert is_compulsory_school_age(dob, end), dob
        assert not is_compulsory_school_age(dob, start - timedelta(days=1)), dob
        assert not is_compulsory_school_age(dob, end + timedelta(days=1)), dob
