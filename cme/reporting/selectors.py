"""The dashboard's figures. Every figure is counted in the database (GROUP BY, conditional counts,
window functions for the median and 90th percentile), so the dashboard runs a fixed number of
queries whose results are at most a few hundred rows, however many cases there are.

Scope: the CME manager sees every case and referral, or one area's; a CME officer only their own
area's (cases and referrals whose area is theirs)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import Case as Conditional
from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from cme.accounts.roles import Role
from cme.areas.models import Area, District
from cme.cases.codes import CaseOutcome, RiskLevel
from cme.cases.models import Case, CaseTask
from cme.cases.selectors import year_group_label
from cme.cases.states import CaseStatus
from cme.casework.selectors import NO_AREA, overdue_enquiry_q
from cme.core.school_age import academic_year_of
from cme.enquiries.models import Enquiry
from cme.referrals.models import Referral

# ----------------------------------------------------------------------------------------------------
# Filters and scope


@dataclass(frozen=True)
class DashboardFilters:
    """The period (for referrals, located children and outcomes) and the area. ``area`` is an area
    code, ``NO_AREA`` ("none", cases not yet given one) or "" for every area."""

    date_from: date
    date_to: date
    area: str = ""

    def for_audit(self) -> dict[str, Any]:
        return {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat(), "area": self.area}


def default_period(today: date) -> tuple[date, date]:
    """The last twelve months: from the first day of the month eleven months ago to today."""
    month = today.month - 11
    year = today.year
    if month < 1:
        month += 12
        year -= 1
    return date(year, month, 1), today


def area_fixed_for(user: Any) -> str | None:
    """The area a user's dashboard is fixed to (a CME officer's own), or None if they may choose."""
    if getattr(user, "role", "") == Role.CME_MANAGER:
        return None
    return str(user.area_id or NO_AREA)


def _scoped_area(*, user: Any, filters: DashboardFilters) -> str:
    fixed = area_fixed_for(user)
    return filters.area if fixed is None else fixed


def _by_area(queryset: QuerySet[Any], area: str, *, prefix: str = "") -> QuerySet[Any]:
    if area == NO_AREA:
        return queryset.filter(**{f"{prefix}area__isnull": True})
    if area:
        return queryset.filter(**{f"{prefix}area_id": area})
    return queryset


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# ----------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    link: str = ""


@dataclass(frozen=True)
class MonthSeries:
    """Counts per month for several series (referral sources), with a total per month."""

    months: list[date]
    series: list[str]
    values: dict[str, list[int]]

    def totals(self) -> list[int]:
        return [sum(self.values[name][i] for name in self.series) for i in range(len(self.months))]

    def rows(self) -> list[tuple[date, list[int], int]]:
        totals = self.totals()
        return [
            (month, [self.values[name][i] for name in self.series], totals[i]) for i, month in enumerate(self.months)
        ]


@dataclass(frozen=True)
class LocatedMonth:
    month: date
    located: int
    median_days: float | None
    p90_days: int | None


@dataclass(frozen=True)
class OverdueItem:
    label: str
    value: int
    hint: str
    # The case list's filters that list these cases, when it has them.
    case_list_filters: dict[str, str] = field(default_factory=dict)


@dataclass
class Dashboard:
    filters: DashboardFilters
    area: str
    today: date
    open_total: int = 0
    open_by_area: list[Bar] = field(default_factory=list)
    open_by_district: list[Bar] = field(default_factory=list)
    open_by_risk: list[Bar] = field(default_factory=list)
    open_by_year_group: list[Bar] = field(default_factory=list)
    open_by_time_missing: list[Bar] = field(default_factory=list)
    referrals_by_month: MonthSeries | None = None
    located_by_month: list[LocatedMonth] = field(default_factory=list)
    outcomes: list[Bar] = field(default_factory=list)
    overdue: list[OverdueItem] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------------
# Open cases (now)

# Time missing education, from the case's first day missing education to today.
TIME_MISSING_BANDS: tuple[tuple[str, int | None], ...] = (
    ("Under 4 weeks", 28),
    ("4 weeks to 3 months", 91),
    ("3 to 6 months", 183),
    ("6 to 12 months", 365),
    ("A year or more", None),
)


def open_cases(*, area: str) -> QuerySet[Case]:
    return _by_area(Case.objects.exclude(status=CaseStatus.CLOSED), area)


def _open_counts(*, today: date) -> dict[str, Any]:
    """Conditional counts of each risk level and each time-missing band."""
    counts: dict[str, Any] = {"total": Count("pk")}
    for level in RiskLevel:
        counts[f"risk_{level.value}"] = Count("pk", filter=Q(risk_level=level.value))
    previous: date | None = None
    for index, (_label, days) in enumerate(TIME_MISSING_BANDS):
        band = Q()
        if previous is not None:
            band &= Q(cme_from__lte=previous)
        if days is not None:
            boundary = today - timedelta(days=days)
            band &= Q(cme_from__gt=boundary)
            previous = boundary
        counts[f"band_{index}"] = Count("pk", filter=band)
    return counts


@dataclass(frozen=True)
class OpenBreakdown:
    """The open cases counted every way the dashboard shows them, from one query."""

    totals: dict[str, int]
    by_area: dict[str | None, int]
    by_district: dict[str | None, int]
    by_year_group: dict[int | None, int]


def open_breakdown(cases: QuerySet[Case], *, today: date) -> OpenBreakdown:
    """One scan of the open cases, grouped by area, district and year group, each group with its
    conditional counts of risk levels and time-missing bands. The groups (at most a few hundred rows)
    are then added up each way."""
    rows = (
        cases.order_by()
        .annotate(year_group=year_group_expression(today=today))
        .values("area", "child__district", "year_group")
        .annotate(**_open_counts(today=today))
    )
    totals: dict[str, int] = {}
    by_area: dict[str | None, int] = {}
    by_district: dict[str | None, int] = {}
    by_year_group: dict[int | None, int] = {}
    for row in rows:
        n = row["total"]
        for key, value in row.items():
            if key not in ("area", "child__district", "year_group"):
                totals[key] = totals.get(key, 0) + value
        by_area[row["area"]] = by_area.get(row["area"], 0) + n
        by_district[row["child__district"]] = by_district.get(row["child__district"], 0) + n
        by_year_group[row["year_group"]] = by_year_group.get(row["year_group"], 0) + n
    for key in _open_counts(today=today):
        totals.setdefault(key, 0)
    return OpenBreakdown(totals=totals, by_area=by_area, by_district=by_district, by_year_group=by_year_group)


# Year groups counted one by one; a child younger or older is counted as one of these two.
YOUNGEST_YEAR_GROUP, OLDEST_YEAR_GROUP = -1, 13


def year_group_expression(*, today: date) -> Conditional:
    """The national curriculum year group of the case's child in the academic year containing
    ``today`` (``cme.core.school_age.national_curriculum_year``), in SQL: a year group is the children
    born from 1 September to 31 August of one year, so each is a range of dates of birth, compared as
    stored. Younger than nursery age gives YOUNGEST_YEAR_GROUP - 1, older than Year 13
    OLDEST_YEAR_GROUP + 1; None when the date of birth is not known."""
    cohort_of_reception = academic_year_of(today) - 5
    whens = []
    for year in range(YOUNGEST_YEAR_GROUP, OLDEST_YEAR_GROUP + 1):
        first = date(cohort_of_reception - year, 9, 1)
        whens.append(
            When(
                child__date_of_birth__gte=first,
                child__date_of_birth__lt=date(first.year + 1, 9, 1),
                then=Value(year),
            )
        )
    youngest = date(cohort_of_reception - YOUNGEST_YEAR_GROUP + 1, 9, 1)
    whens.append(When(child__date_of_birth__gte=youngest, then=Value(YOUNGEST_YEAR_GROUP - 1)))
    whens.append(When(child__date_of_birth__isnull=False, then=Value(OLDEST_YEAR_GROUP + 1)))
    return Conditional(*whens, default=Value(None), output_field=IntegerField())


def _year_group_bars(counts: dict[int | None, int]) -> list[Bar]:
    rows = dict(counts)
    unknown = rows.pop(None, 0)
    known: dict[int, int] = {year: n for year, n in rows.items() if year is not None}
    below = sum(n for year, n in known.items() if year < 0)
    above = sum(n for year, n in known.items() if year > 11)
    bars = [Bar("Below Reception age", below)] if below else []
    bars += [Bar(year_group_label(year), known.get(year, 0)) for year in range(0, 12)]
    if above:
        bars.append(Bar("Above Year 11 age", above))
    if unknown:
        bars.append(Bar("Date of birth not known", unknown))
    return bars


def _district_bars(counts: dict[str | None, int], *, area: str) -> list[Bar]:
    """Every district of the area (or of the county), then any other district the cases name, then
    those with no district."""
    rows = dict(counts)
    districts = District.objects.order_by("name")
    names = dict(District.objects.values_list("ons_code", "name"))
    if area and area != NO_AREA:
        districts = districts.filter(area_id=area)
    bars = [Bar(district.name, rows.pop(district.pk, 0)) for district in districts]
    others = sorted((names.get(code, code), n) for code, n in rows.items() if code is not None)
    bars += [Bar(name, n) for name, n in others]
    if rows.get(None):
        bars.append(Bar("Not known (no postcode in the county)", rows[None]))
    return bars


def _area_bars(counts: dict[str | None, int], *, area: str) -> list[Bar]:
    areas = Area.objects.order_by("name")
    if area == NO_AREA:
        return [Bar("No area yet", counts.get(None, 0))]
    if area:
        areas = areas.filter(code=area)
    bars = [Bar(a.name, counts.get(a.code, 0)) for a in areas]
    if not area:
        bars.append(Bar("No area yet", counts.get(None, 0)))
    return bars


# ----------------------------------------------------------------------------------------------------
# Referrals per month, by source

# Where referrals come from, grouped for the chart: the channel of each referral.
REFERRAL_SOURCES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "Schools",
        frozenset(
            {
                Referral.Channel.SCHOOL_NON_ARRIVAL,
                Referral.Channel.SCHOOL_NOT_TAKING_PLACE,
                Referral.Channel.SCHOOL_DELETION,
            }
        ),
    ),
    ("Admissions", frozenset({Referral.Channel.ADMISSIONS_WHEREABOUTS, Referral.Channel.ADMISSIONS_NOT_COMING})),
    ("Partner agencies", frozenset({Referral.Channel.PARTNER})),
    ("Public", frozenset({Referral.Channel.PUBLIC})),
    ("CME team", frozenset({Referral.Channel.STAFF})),
)


def months_between(first: date, last: date) -> list[date]:
    months = []
    month = date(first.year, first.month, 1)
    while month <= last:
        months.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def _month_bounds(months: list[date], *, aware: bool) -> list[tuple[Any, Any]]:
    """The first day of each month and of the month after it: dates, or the local midnights that
    start them (so a datetime column is compared as it is stored, with no function applied to it)."""
    bounds = []
    for month in months:
        following = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        bounds.append((_start_of(month), _start_of(following)) if aware else (month, following))
    return bounds


def month_index(field_name: str, months: list[date], *, aware: bool) -> Conditional:
    """Which of ``months`` the value of ``field_name`` falls in (0, 1, ...), as plain comparisons in SQL:
    quicker than truncating every row's date to its month, which SQLite does in Python."""
    return Conditional(
        *(
            When(**{f"{field_name}__gte": start, f"{field_name}__lt": end}, then=Value(index))
            for index, (start, end) in enumerate(_month_bounds(months, aware=aware))
        ),
        default=Value(None),
        output_field=IntegerField(),
    )


def referrals_by_month(*, area: str, date_from: date, date_to: date) -> MonthSeries:
    """Referrals received in the period, counted for each month and channel in one query: one row per
    channel with a conditional count per month."""
    months = months_between(date_from, date_to)
    referrals = _by_area(
        Referral.objects.filter(created_on__gte=_start_of(date_from), created_on__lt=_start_of(date_to + timedelta(1))),
        area,
    )
    counts = {
        f"m{index}": Count("pk", filter=Q(created_on__gte=start, created_on__lt=end))
        for index, (start, end) in enumerate(_month_bounds(months, aware=True))
    }
    rows = referrals.order_by().values("channel").annotate(**counts)
    source_of = {channel: name for name, channels in REFERRAL_SOURCES for channel in channels}
    series = [name for name, _channels in REFERRAL_SOURCES]
    values = {name: [0] * len(months) for name in series}
    for row in rows:
        source = values[source_of.get(row["channel"], "CME team")]
        for index in range(len(months)):
            source[index] += row[f"m{index}"]
    return MonthSeries(months=months, series=series, values=values)


# ----------------------------------------------------------------------------------------------------
# Time from referral to located


def _referred_on(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Each case with ``referred_on``: the local day its first referral arrived or, with no referral,
    the day the case was opened."""
    first_referral = Referral.objects.filter(case=OuterRef("pk")).order_by("created_on").values("created_on")[:1]
    return cases.annotate(referred_on=TruncDate(Coalesce(Subquery(first_referral), F("created_on"))))


# Whole days from one date column to another, in each database's own terms.
_DAYS_BETWEEN = {
    "sqlite": "CAST(julianday(located_on) - julianday(referred_on) AS INTEGER)",
    "postgresql": "(located_on - referred_on)",
}


def located_by_month(*, area: str, date_from: date, date_to: date) -> list[LocatedMonth]:
    """For each month, the children located in it: how many, and the median and 90th percentile of
    the days from referral to located. Computed in the database in one query: the located cases of the
    period with their month and days (the inner query, built by the ORM), each ranked within its month
    by window functions, and only the rows at the ranks needed come back (at most three a month).

    The median is the middle value (the mean of the two middle values for an even count); the 90th
    percentile is the nearest-rank value: the smallest number of days that at least 90% took."""
    months = months_between(date_from, date_to)
    cases = _by_area(Case.objects.filter(located_on__gte=date_from, located_on__lte=date_to), area)
    inner = (
        _referred_on(cases)
        .order_by()
        .annotate(month=month_index("located_on", months, aware=False))
        .values("pk", "month", "located_on", "referred_on")
    )
    inner_sql, params = inner.query.sql_with_params()
    days = _DAYS_BETWEEN[connection.vendor]
    sql = f"""
        SELECT month, position, located, days FROM (
            SELECT month, days,
                   ROW_NUMBER() OVER (PARTITION BY month ORDER BY days, pk) AS position,
                   COUNT(*) OVER (PARTITION BY month) AS located
            FROM (SELECT pk, month, {days} AS days FROM ({inner_sql}) AS located_cases) AS with_days
        ) AS ranked
        WHERE position IN ((located + 1) / 2, (located + 2) / 2, (9 * located + 9) / 10)
    """  # noqa: S608 - the inner query is Django's, with its parameters passed separately
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        wanted = cursor.fetchall()
    found: dict[date, dict[str, Any]] = {}
    for index, position, located, n_days in wanted:
        entry = found.setdefault(months[index], {"located": located, "ranks": {}})
        entry["ranks"][position] = int(n_days)
    result = []
    for month in months:
        if month not in found:
            result.append(LocatedMonth(month=month, located=0, median_days=None, p90_days=None))
            continue
        n = found[month]["located"]
        ranks = found[month]["ranks"]
        median = (ranks[(n + 1) // 2] + ranks[(n + 2) // 2]) / 2
        result.append(LocatedMonth(month=month, located=n, median_days=median, p90_days=ranks[(9 * n + 9) // 10]))
    return result


# ----------------------------------------------------------------------------------------------------
# Outcomes and overdue work


def outcomes(*, area: str, date_from: date, date_to: date) -> list[Bar]:
    """Cases closed in the period, by outcome (every outcome listed, most common first)."""
    closed = _by_area(
        Case.objects.filter(
            status=CaseStatus.CLOSED,
            outcome_recorded_on__gte=_start_of(date_from),
            outcome_recorded_on__lt=_start_of(date_to + timedelta(1)),
        ),
        area,
    )
    rows = dict(closed.order_by().values("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
    bars = [Bar(str(label), rows.pop(value, 0)) for value, label in CaseOutcome.choices]
    if rows:
        bars.append(Bar("Outcome not recorded", sum(rows.values())))
    return sorted(bars, key=lambda bar: -bar.value)


def overdue_work(*, area: str, today: date) -> list[OverdueItem]:
    """Each kind of work that is late or waiting, counted over the open cases in scope."""
    cases = open_cases(area=area)
    summary = cases.order_by().aggregate(
        immediate=Count("pk", filter=Q(immediate_referral_due=True)),
        review=Count("pk", filter=Q(status=CaseStatus.MANAGER_REVIEW)),
        unallocated=Count("pk", filter=Q(allocated_to__isnull=True)),
        confirmation=Count(
            "pk",
            filter=Q(status=CaseStatus.LOCATED, expected_start_date__lt=today, school_confirmed_on__isnull=True),
        ),
    )
    # Joined to their cases (not "case in (subquery)"), which both databases plan well.
    enquiries = (
        _by_area(Enquiry.objects.filter(overdue_enquiry_q(today=today)), area, prefix="case__")
        .exclude(case__status=CaseStatus.CLOSED)
        .aggregate(enquiries=Count("pk"), cases=Count("case", distinct=True))
    )
    tasks = (
        _by_area(CaseTask.objects.filter(status=CaseTask.Status.OPEN, due_on__lt=today), area, prefix="case__")
        .exclude(case__status=CaseStatus.CLOSED)
        .count()
    )
    area_filter = {"area": area} if area else {}
    items = [
        (
            "Enquiries past their due date",
            enquiries["enquiries"],
            f"on {enquiries['cases']} case{'' if enquiries['cases'] == 1 else 's'}",
            {**area_filter, "overdue": "on"},
        ),
        (
            "Immediate referrals to social care due",
            summary["immediate"],
            "significant concerns and whereabouts unknown (policy 6.7)",
            {},
        ),
        ("School confirmations overdue", summary["confirmation"], "located, start date passed, not confirmed", {}),
        ("Tasks past their due date", tasks, "for people outside the CME team", {}),
        (
            "Cases waiting for the manager's review",
            summary["review"],
            "not located after enquiries",
            {**area_filter, "status": CaseStatus.MANAGER_REVIEW},
        ),
        (
            "Open cases nobody holds",
            summary["unallocated"],
            "not allocated to an officer",
            {**area_filter, "officer": "unallocated"},
        ),
    ]
    return [OverdueItem(label, value, hint, filters) for label, value, hint, filters in items]


# ----------------------------------------------------------------------------------------------------


def dashboard_for(*, user: Any, filters: DashboardFilters, today: date) -> Dashboard:
    area = _scoped_area(user=user, filters=filters)
    breakdown = open_breakdown(open_cases(area=area), today=today)
    summary = breakdown.totals
    board = Dashboard(filters=filters, area=area, today=today, open_total=summary["total"])
    board.open_by_area = _area_bars(breakdown.by_area, area=area)
    board.open_by_district = _district_bars(breakdown.by_district, area=area)
    board.open_by_risk = [Bar(str(level.label), summary[f"risk_{level.value}"]) for level in RiskLevel]
    board.open_by_year_group = _year_group_bars(breakdown.by_year_group)
    board.open_by_time_missing = [
        Bar(label, summary[f"band_{index}"]) for index, (label, _days) in enumerate(TIME_MISSING_BANDS)
    ]
    board.referrals_by_month = referrals_by_month(area=area, date_from=filters.date_from, date_to=filters.date_to)
    board.located_by_month = located_by_month(area=area, date_from=filters.date_from, date_to=filters.date_to)
    board.outcomes = outcomes(area=area, date_from=filters.date_from, date_to=filters.date_to)
    board.overdue = overdue_work(area=area, today=today)
    return board
