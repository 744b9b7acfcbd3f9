"""Dashboard benchmark: builds 100,000 synthetic cases in a throwaway database and prints how long the
dashboard takes (its queries alone, and the whole page with its charts), as the median (p50) and 95th
percentile (p95) of repeated runs, with the number of queries; then how fast the case list export
writes rows.

The throwaway database is a temporary SQLite file, or, with ``DATABASE_URL`` set to PostgreSQL, a
database named ``test_<name>`` made next to it and dropped at the end (Django's test database).

    .venv/bin/python scripts/bench_dashboard.py [--cases 100000] [--repeat 15]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cme_bench .venv/bin/python scripts/bench_dashboard.py

Every child and case is synthetic (random names such as "Bench12345").
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
_TMP = tempfile.mkdtemp(prefix="cme-bench-")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402

if connection.vendor == "sqlite":  # a file, as in use, rather than Django's in-memory test database
    connection.settings_dict["TEST"]["NAME"] = str(Path(_TMP) / "bench.sqlite3")
from django.test.client import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from cme.accounts.models import User  # noqa: E402
from cme.accounts.roles import Role  # noqa: E402
from cme.areas.models import District  # noqa: E402
from cme.cases.codes import CaseOutcome, RiskLevel  # noqa: E402
from cme.cases.models import Case, CaseTask  # noqa: E402
from cme.cases.states import CaseStatus  # noqa: E402
from cme.casework.selectors import CaseListFilters  # noqa: E402
from cme.enquiries.models import Check, Enquiry  # noqa: E402
from cme.exports.selectors import case_export_queryset, case_export_rows  # noqa: E402
from cme.people.models import Child  # noqa: E402
from cme.referrals.models import Referral  # noqa: E402
from cme.reporting import selectors as parts  # noqa: E402
from cme.reporting.selectors import DashboardFilters, dashboard_for, default_period  # noqa: E402

TODAY = date(2026, 3, 20)
BATCH = 5000
OPEN_STATES = [
    CaseStatus.OPEN,
    CaseStatus.ENQUIRIES,
    CaseStatus.LOCATED,
    CaseStatus.NOT_LOCATED,
    CaseStatus.MANAGER_REVIEW,
]
OUTCOMES = [value for value, _label in CaseOutcome.choices]
CHANNELS = [value for value, _label in Referral.Channel.choices]


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def build(cases: int) -> dict[str, User]:
    """``cases`` cases (about 30% open), one or two referrals each and 10% more with no case, two
    enquiries per open case (a third overdue), and a task on one open case in twenty."""
    rng = random.Random(1)  # noqa: S311 - synthetic data, not security
    districts = list(District.objects.values_list("ons_code", "area_id"))
    users = {
        "manager": User.objects.create(
            email="bench.manager@council.example", full_name="Bench Manager", role=Role.CME_MANAGER
        ),
        "officer_west": User.objects.create(
            email="bench.west@council.example", full_name="Bench West", role=Role.CME_OFFICER, area_id="west"
        ),
    }
    # Keep the dates the benchmark gives (created_on is normally set on insert).
    for model in (Case, Referral):
        model._meta.get_field("created_on").auto_now_add = False
    made = 0
    while made < cases:
        size = min(BATCH, cases - made)
        children, rows = [], []
        for i in range(made, made + size):
            district, area = districts[rng.randrange(len(districts))] if rng.random() > 0.05 else (None, None)
            children.append(
                Child(
                    forenames=f"Bench{i}",
                    surname="Synthetic",
                    date_of_birth=date(2008, 9, 1) + timedelta(days=rng.randrange(14 * 365))
                    if rng.random() > 0.03
                    else None,
                    sex=rng.choice("FMU"),
                    district_id=district,
                )
            )
            cme_from = TODAY - timedelta(days=rng.randrange(3 * 365))
            is_open = rng.random() < 0.3
            status = rng.choice(OPEN_STATES) if is_open else CaseStatus.CLOSED
            located = status == CaseStatus.LOCATED or (not is_open and rng.random() < 0.5)
            located_on = min(TODAY, cme_from + timedelta(days=5 + rng.randrange(200))) if located else None
            closed_on = (
                min(TODAY, (located_on or cme_from) + timedelta(days=rng.randrange(60))) if not is_open else None
            )
            rows.append(
                Case(
                    reference=f"B{i:010d}",
                    status=status,
                    area_id=area if area else (None if rng.random() < 0.5 else "west"),
                    cme_from=cme_from,
                    risk_level=RiskLevel.HIGH if rng.random() < 0.2 else RiskLevel.STANDARD,
                    immediate_referral_due=is_open and rng.random() < 0.01,
                    located_on=located_on,
                    expected_start_date=located_on + timedelta(days=10) if located_on else None,
                    outcome=rng.choice(OUTCOMES) if not is_open else "",
                    outcome_recorded_on=_at(closed_on) if closed_on else None,
                    allocated_to=users["officer_west"] if is_open and rng.random() < 0.3 else None,
                    created_on=_at(cme_from),
                )
            )
        Child.objects.bulk_create(children, batch_size=1000)
        for child, case in zip(children, rows, strict=True):
            case.child = child
        Case.objects.bulk_create(rows, batch_size=1000)
        referrals, enquiries, tasks = _related(rows, rng)
        Referral.objects.bulk_create(referrals, batch_size=1000)
        Enquiry.objects.bulk_create(enquiries, batch_size=1000)
        CaseTask.objects.bulk_create(tasks, batch_size=1000)
        made += size
        print(f"  {made:,} cases", end="\r", flush=True)
    print()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return users


def _related(rows: list[Case], rng: random.Random) -> tuple[list[Referral], list[Enquiry], list[CaseTask]]:
    referrals: list[Referral] = []
    enquiries: list[Enquiry] = []
    tasks: list[CaseTask] = []
    for case in rows:
        for n in range(1 + (rng.random() < 0.1)):
            referrals.append(
                Referral(
                    reference=("R" if n == 0 else "S") + case.reference[1:],
                    channel=rng.choice(CHANNELS),
                    forenames="Bench",
                    area_id=case.area_id,
                    case=case,
                    created_on=_at(case.cme_from + timedelta(days=rng.randrange(10) + n)),
                )
            )
        if rng.random() < 0.1:
            referrals.append(
                Referral(
                    reference=f"N{case.reference[1:]}",
                    channel=rng.choice(CHANNELS),
                    forenames="Bench",
                    area_id=case.area_id,
                    created_on=_at(case.cme_from),
                )
            )
        if case.status != CaseStatus.CLOSED:
            for check in (Check.POLICE, Check.HEALTH):
                asked = TODAY - timedelta(days=rng.randrange(40))
                enquiries.append(
                    Enquiry(case=case, check_type=check, asked_on=asked, due_on=asked + timedelta(days=14))
                )
            if rng.random() < 0.05:
                tasks.append(
                    CaseTask(
                        case=case,
                        kind=CaseTask.Kind.SCHOOL_CONFIRMATION,
                        assigned_to="School",
                        due_on=TODAY - timedelta(days=rng.randrange(-20, 20)),
                    )
                )
    return referrals, enquiries, tasks


def timed(label: str, repeat: int, run: Callable[[], object]) -> None:
    run()  # warm up
    connection.force_debug_cursor = True
    reset_queries()
    run()
    queries = list(connection.queries)
    connection.force_debug_cursor = False
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
        reset_queries()
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(f"{label:52} {statistics.median(timings):8.0f} {p95:8.0f} {len(queries):8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        vendor = connection.vendor
        print(f"Building {args.cases:,} synthetic cases in a throwaway {vendor} database ...")
        start = time.perf_counter()
        users = build(args.cases)
        print(
            f"Built in {time.perf_counter() - start:.0f} s: {Case.objects.count():,} cases, "
            f"{Referral.objects.count():,} referrals, {Enquiry.objects.count():,} enquiries, "
            f"{Case.objects.exclude(status=CaseStatus.CLOSED).count():,} open"
        )
        date_from, date_to = default_period(TODAY)
        period = DashboardFilters(date_from=date_from, date_to=date_to)
        print(f"{'':52} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        timed(
            "dashboard queries: manager, every area",
            args.repeat,
            lambda: dashboard_for(user=users["manager"], filters=period, today=TODAY),
        )
        timed(
            "dashboard queries: manager, East area",
            args.repeat,
            lambda: dashboard_for(
                user=users["manager"], filters=DashboardFilters(date_from, date_to, area="east"), today=TODAY
            ),
        )
        timed(
            "dashboard queries: West officer",
            args.repeat,
            lambda: dashboard_for(user=users["officer_west"], filters=period, today=TODAY),
        )
        long_period = DashboardFilters(date_from=date(2023, 4, 1), date_to=TODAY)
        timed(
            "dashboard queries: manager, three years",
            args.repeat,
            lambda: dashboard_for(user=users["manager"], filters=long_period, today=TODAY),
        )
        print("each part, manager, every area:")
        cases = parts.open_cases(area="")
        for label, part in (
            ("  open cases: every breakdown (one query)", lambda: parts.open_breakdown(cases, today=TODAY)),
            (
                "  referrals per month by source",
                lambda: parts.referrals_by_month(area="", date_from=date_from, date_to=date_to),
            ),
            (
                "  referral to located, median and p90",
                lambda: parts.located_by_month(area="", date_from=date_from, date_to=date_to),
            ),
            ("  outcomes", lambda: parts.outcomes(area="", date_from=date_from, date_to=date_to)),
            ("  overdue work", lambda: parts.overdue_work(area="", today=TODAY)),
        ):
            timed(label, args.repeat, part)
        logging.getLogger("cme.access").setLevel(logging.WARNING)
        client = Client()
        client.force_login(users["manager"])
        url = reverse("reporting:dashboard")
        timed("whole page (GET /dashboard/, charts drawn): manager", args.repeat, lambda: client.get(url))
        open_cases = case_export_queryset(user=users["manager"], filters=CaseListFilters(), today=TODAY)
        start = time.perf_counter()
        written = sum(1 for _row in case_export_rows(open_cases, today=TODAY))
        seconds = time.perf_counter() - start
        print(
            f"case list export rows (every open case): {written:,} in {seconds:.1f} s ({written / seconds:,.0f} rows/s)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
