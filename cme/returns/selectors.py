"""Reads for the DfE termly return (CME part) and for Lost Pupils Database files.

The return is computed from the CME intervals of cases (``cme.cases.models.CmeInterval``): the periods
in which a case's child counted as missing education. Definitions and choices are in docs/dfe-return.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from django.db.models import Q, QuerySet

from cme.cases.codes import CaseOutcome
from cme.cases.models import Case, CmeInterval
from cme.core.school_age import academic_year_of, compulsory_school_age_span, national_curriculum_year
from cme.returns.codes import (
    LENGTH_BANDS,
    NOT_RECORDED_CODE,
    NOT_RECORDED_LABEL,
    SEX_CATEGORIES,
    YEAR_GROUPS,
    length_band,
    year_group_code,
    year_group_label,
)
from cme.returns.models import CensusDate, CmeReason, LostPupilFile

MEASURE_CENSUS: Final = "cme_census_date"
MEASURE_PREVIOUS_YEAR: Final = "cme_previous_academic_year"

# Cases closed as "not missing education: on a school roll" were never CME (domain.md §1.3).
NEVER_CME_OUTCOMES: Final = frozenset({CaseOutcome.NOT_CME_ON_ROLL})


def census_dates() -> QuerySet[CensusDate]:
    return CensusDate.objects.order_by("-census_date")


def cme_reasons(*, in_use_only: bool = False) -> QuerySet[CmeReason]:
    reasons = CmeReason.objects.order_by("position", "code")
    return reasons.filter(in_use=True) if in_use_only else reasons


def time_period(academic_year: int) -> str:
    """DfE's name for an academic year: ``202627`` for 2026/27."""
    return f"{academic_year}{(academic_year + 1) % 100:02d}"


def academic_year_label(academic_year: int) -> str:
    return f"{academic_year}/{(academic_year + 1) % 100:02d}"


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class Breakdown:
    """One table of the return: the children missing education on the census date, by one characteristic."""

    filter_group: str
    categories: tuple[Category, ...]
    caption: str = ""

    @property
    def total(self) -> int:
        return sum(category.count for category in self.categories)


@dataclass(frozen=True)
class CaseRef:
    """A case named by the validation summary (reference only: no child's details)."""

    case_id: Any
    reference: str


@dataclass(frozen=True)
class Check:
    title: str
    passed: bool
    detail: str
    cases: tuple[CaseRef, ...] = ()


@dataclass(frozen=True)
class _Counted:
    child_id: Any
    case: Case
    start: date


@dataclass
class DfeReturn:
    census: CensusDate
    academic_year: int
    total: int
    breakdowns: list[Breakdown]
    previous_year_start: date
    previous_year_end: date
    previous_year_total: int
    checks: list[Check] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def academic_year_label(self) -> str:
        return academic_year_label(self.academic_year)

    @property
    def previous_year_label(self) -> str:
        return academic_year_label(self.academic_year - 1)


def _intervals(*, start: date, end: date) -> QuerySet[CmeInterval]:
    """CME intervals overlapping ``start``..``end`` (both inclusive), for cases that were really CME."""
    return (
        CmeInterval.objects.filter(start__lte=end)
        .filter(Q(end__isnull=True) | Q(end__gte=start))
        .exclude(case__outcome__in=NEVER_CME_OUTCOMES)
        .select_related("case", "case__child", "case__cme_reason")
        .only(
            "start",
            "end",
            "case__reference",
            "case__outcome",
            "case__child__date_of_birth",
            "case__child__sex",
            "case__cme_reason__code",
            "case__cme_reason__label",
            "case__cme_reason__position",
        )
        .order_by("start", "case__reference", "id")
    )


def _refs(cases: Iterable[Case]) -> tuple[CaseRef, ...]:
    unique = {case.pk: case for case in cases}
    return tuple(CaseRef(case.pk, case.reference) for case in sorted(unique.values(), key=lambda c: c.reference))


def _of_age_between(dob: date, start: date, end: date) -> bool:
    first, last = compulsory_school_age_span(dob)
    return first <= end and start <= last


def _census_children(census_day: date) -> tuple[list[_Counted], list[Case], list[Case], int]:
    """The children CME on the census day, each once (the earliest-starting interval that covers the day);
    the cases left out for an unknown date of birth and for being outside compulsory school age; and
    how many children had more than one interval or case covering the day."""
    by_child: dict[Any, list[CmeInterval]] = {}
    for interval in _intervals(start=census_day, end=census_day):
        by_child.setdefault(interval.case.child_id, []).append(interval)
    counted: list[_Counted] = []
    no_dob: list[Case] = []
    out_of_age: list[Case] = []
    for child_id, intervals in by_child.items():
        first = intervals[0]
        dob = first.case.child.date_of_birth
        if dob is None:
            no_dob.append(first.case)
        elif not _of_age_between(dob, census_day, census_day):
            out_of_age.append(first.case)
        else:
            counted.append(_Counted(child_id, first.case, first.start))
    several = sum(1 for intervals in by_child.values() if len(intervals) > 1)
    return counted, no_dob, out_of_age, several


def _previous_year_children(start: date, end: date) -> tuple[set[Any], list[Case]]:
    """Children with any CME interval in ``start``..``end`` on a day they were of compulsory school age,
    each once; and the cases left out for an unknown date of birth."""
    children: set[Any] = set()
    no_dob: dict[Any, Case] = {}
    for interval in _intervals(start=start, end=end):
        child = interval.case.child
        if child.date_of_birth is None:
            no_dob.setdefault(child.pk, interval.case)
            continue
        overlap_start = max(interval.start, start)
        overlap_end = min(interval.end or end, end)
        if _of_age_between(child.date_of_birth, overlap_start, overlap_end):
            children.add(child.pk)
    return children, [case for child_id, case in no_dob.items() if child_id not in children]


def _breakdowns(census_day: date, counted: list[_Counted], reasons: list[CmeReason]) -> list[Breakdown]:
    sexes = Counter(item.case.child.sex for item in counted)
    years = Counter(national_curriculum_year(item.case.child.date_of_birth, census_day) for item in counted)  # type: ignore[arg-type]
    bands = Counter(length_band((census_day - item.start).days).code for item in counted)
    chosen = Counter(item.case.cme_reason.code if item.case.cme_reason else NOT_RECORDED_CODE for item in counted)
    listed = {reason.code for reason in reasons}
    # A retired reason still recorded on a case counted here is shown after the current ones.
    retired = sorted(
        {item.case.cme_reason for item in counted if item.case.cme_reason and item.case.cme_reason.code not in listed},
        key=lambda reason: (reason.position, reason.code),
    )
    reason_categories = [Category(reason.code, reason.label, chosen[reason.code]) for reason in [*reasons, *retired]]
    reason_categories.append(Category(NOT_RECORDED_CODE, NOT_RECORDED_LABEL, chosen[NOT_RECORDED_CODE]))
    extra_years = sorted(set(years) - set(YEAR_GROUPS))
    return [
        Breakdown("Sex", tuple(Category(code, label, sexes[code]) for code, label in SEX_CATEGORIES), "By sex"),
        Breakdown(
            "Year group",
            tuple(
                Category(year_group_code(year), year_group_label(year), years[year])
                for year in [*YEAR_GROUPS, *extra_years]
            ),
            "By year group",
        ),
        Breakdown(
            "Length of time missing education",
            tuple(Category(band.code, band.label, bands[band.code]) for band in LENGTH_BANDS),
            "By length of time missing education",
        ),
        Breakdown("Primary reason for CME", tuple(reason_categories), "By primary reason for missing education"),
    ]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def dfe_return(*, census: CensusDate) -> DfeReturn:
    """The CME part of the DfE return for ``census``, with its validation summary."""
    census_day = census.census_date
    year = academic_year_of(census_day)
    previous_start, previous_end = date(year - 1, 9, 1), date(year, 8, 31)
    counted, no_dob, out_of_age, several = _census_children(census_day)
    breakdowns = _breakdowns(census_day, counted, list(cme_reasons(in_use_only=True)))
    previous, previous_no_dob = _previous_year_children(previous_start, previous_end)
    total = len(counted)

    disagreeing = [breakdown.filter_group for breakdown in breakdowns if breakdown.total != total]
    child_ids = [item.child_id for item in counted]
    outside = [
        item.case
        for item in counted
        if not _of_age_between(item.case.child.date_of_birth, census_day, census_day)  # type: ignore[arg-type]
    ]
    no_reason = [item.case for item in counted if item.case.cme_reason is None]
    checks = [
        Check(
            "Totals agree",
            not disagreeing,
            f"Each table adds up to {_plural(total, 'child', 'children')}."
            if not disagreeing
            else f"These tables do not add up to {total}: {', '.join(disagreeing)}.",
        ),
        Check(
            "No child counted twice",
            len(child_ids) == len(set(child_ids)),
            "Each child is counted once"
            + (
                f"; {_plural(several, 'child has', 'children have')} more than one case or period missing "
                "education on the census date and counts once."
                if several
                else "."
            ),
        ),
        Check(
            "No child outside compulsory school age",
            not outside,
            "Every child counted is of compulsory school age on the census date"
            + (
                f"; {_plural(len(out_of_age), 'child', 'children')} missing education on the census date "
                "but not of compulsory school age on it are left out."
                if out_of_age
                else "."
            ),
            _refs(outside or out_of_age),
        ),
        Check(
            "Every child has a date of birth",
            not no_dob and not previous_no_dob,
            "Every child has a date of birth."
            if not no_dob and not previous_no_dob
            else f"{_plural(len(_refs([*no_dob, *previous_no_dob])), 'case has', 'cases have')} no date of birth, "
            "so their year group and compulsory school age cannot be worked out and they are left out. "
            "Record the date of birth on these cases.",
            _refs([*no_dob, *previous_no_dob]),
        ),
        Check(
            "Every child has a primary reason",
            not no_reason,
            "Every child counted has a primary reason for missing education."
            if not no_reason
            else f"{_plural(len(no_reason), 'child has', 'children have')} no primary reason recorded "
            "and show as “Not recorded”. Record the reason on these cases.",
            _refs(no_reason),
        ),
    ]
    return DfeReturn(
        census=census,
        academic_year=year,
        total=total,
        breakdowns=breakdowns,
        previous_year_start=previous_start,
        previous_year_end=previous_end,
        previous_year_total=len(previous),
        checks=checks,
    )


CSV_HEADER: Final = (
    "time_period",
    "time_identifier",
    "la_code",
    "census_date",
    "measure",
    "filter_group",
    "filter_code",
    "filter",
    "number",
)


_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (a reason's label is typed by a person)."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def dfe_return_csv_rows(result: DfeReturn, *, la_code: str) -> list[tuple[str, ...]]:
    """The return as rows in the collection's shape: one row per measure and category (docs/dfe-return.md)."""
    census = result.census
    term = f"{census.get_term_display()} term"
    day = census.census_date.isoformat()
    period = time_period(result.academic_year)
    rows: list[tuple[str, ...]] = [CSV_HEADER]
    rows.append((period, term, la_code, day, MEASURE_CENSUS, "Total", "TOTAL", "Total", str(result.total)))
    for breakdown in result.breakdowns:
        for category in breakdown.categories:
            rows.append(
                (
                    period,
                    term,
                    la_code,
                    day,
                    MEASURE_CENSUS,
                    breakdown.filter_group,
                    category.code,
                    _cell(category.label),
                    str(category.count),
                )
            )
    rows.append(
        (
            time_period(result.academic_year - 1),
            "Academic year",
            la_code,
            day,
            MEASURE_PREVIOUS_YEAR,
            "Total",
            "TOTAL",
            "Total",
            str(result.previous_year_total),
        )
    )
    return rows


# Lost Pupils Database files ------------------------------------------------------------------------


def lost_pupil_files_for(case: Case) -> list[LostPupilFile]:
    return list(LostPupilFile.objects.filter(case=case).select_related("made_by").order_by("-made_at"))
