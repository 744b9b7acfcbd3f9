"""Work queue benchmark: builds synthetic open cases (with enquiries waiting for answers and referrals
awaiting triage) in a throwaway database and prints how long ``due_items`` takes for the manager (both
areas) and for one area, as the median (p50) and 95th percentile (p95) of repeated runs, with the
number of queries, and the median CPU time of this process (steadier than the wall clock on a busy
machine; the database is SQLite in the same process, so it includes the queries); then the whole
Deadlines page. ``--profile`` prints where one run of ``due_items`` spends its time (cProfile).

The throwaway database is a temporary SQLite file, or, with ``DATABASE_URL`` set to PostgreSQL, a
database named ``test_<name>`` made next to it and dropped at the end (Django's test database).

    .venv/bin/python scripts/bench_due_items.py [--cases 1000] [--repeat 10]

Every child and case is synthetic.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
_TMP = tempfile.mkdtemp(prefix="cme-bench-")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402

if connection.vendor == "sqlite":
    connection.settings_dict["TEST"]["NAME"] = str(Path(_TMP) / "bench.sqlite3")
from django.test.client import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from cme.calendars.services import term_dates_seed_defaults  # noqa: E402
from cme.cases.models import Case, CaseStatusChange  # noqa: E402
from cme.cases.states import CaseStatus  # noqa: E402
from cme.conftest import make_persona  # noqa: E402
from cme.enquiries.models import Check, Enquiry, Method  # noqa: E402
from cme.people.models import Child  # noqa: E402
from cme.referrals.models import Referral  # noqa: E402
from cme.worklist.selectors import due_items  # noqa: E402


def build(cases: int) -> None:
    term_dates_seed_defaults()
    officers = [make_persona("cme_officer_west"), make_persona("cme_officer_east")]
    now = timezone.now()
    today = timezone.localdate()
    children = Child.objects.bulk_create(
        Child(forenames=f"Bench{n}", surname="Synthetic", date_of_birth=today - timedelta(days=3650))
        for n in range(cases)
    )
    rows = Case.objects.bulk_create(
        Case(
            reference=f"C-B-{n:06d}",
            child=child,
            status=CaseStatus.ENQUIRIES if n % 4 else CaseStatus.OPEN,
            area_id=("west", "east")[n % 2],
            allocated_to=officers[n % 2] if n % 3 else None,
            cme_from=today - timedelta(days=60),
        )
        for n, child in enumerate(children)
    )
    Case.objects.update(created_on=now - timedelta(days=21))
    CaseStatusChange.objects.bulk_create(
        CaseStatusChange(
            case=case, from_status="", to_status=CaseStatus.OPEN, changed_on=now - timedelta(days=21), reason="x"
        )
        for case in rows
    )
    Enquiry.objects.bulk_create(
        Enquiry(
            case=case,
            check_type=check,
            asked_whom="Synthetic team",
            asked_on=today - timedelta(days=14),
            method=Method.EMAIL,
            due_on=today - timedelta(days=n % 5),
        )
        for n, case in enumerate(rows)
        for check in (Check.POLICE, Check.HEALTH)
    )
    Referral.objects.bulk_create(
        Referral(reference=f"R-B-{n:06d}", channel=Referral.Channel.STAFF, forenames=f"Bench{n}", area_id="west")
        for n in range(cases // 10)
    )


def timed(label: str, repeat: int, run: Callable[[], object]) -> None:
    run()  # warm up
    connection.force_debug_cursor = True
    reset_queries()
    run()
    queries = list(connection.queries)
    connection.force_debug_cursor = False
    timings = []
    cpu = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        reset_queries()
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(f"{label:44} {statistics.median(timings):8.0f} {p95:8.0f} {statistics.median(cpu):8.0f} {len(queries):8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of due_items (both areas)")
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        build(args.cases)
        today = timezone.localdate()
        items = due_items(on=today)
        print(
            f"{args.cases:,} open cases, {Enquiry.objects.count():,} enquiries waiting, "
            f"{Referral.objects.count():,} referrals to triage ({connection.vendor}): {len(items):,} deadlines"
        )
        if args.profile:
            cProfile.runctx(
                "due_items(on=today)", globals(), {"today": today}, sort=os.environ.get("BENCH_SORT", "cumulative")
            )
        print(f"{'':44} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8} {'queries':>8}")
        timed("due_items: both areas (manager)", args.repeat, lambda: due_items(on=today))
        timed("due_items: West area (officer)", args.repeat, lambda: due_items(on=today, area="west"))
        logging.getLogger("cme.access").setLevel(logging.WARNING)
        client = Client()
        client.force_login(make_persona("cme_manager"))
        url = reverse("worklist:queue")
        timed("whole page (GET /deadlines/): manager", args.repeat, lambda: client.get(url))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
