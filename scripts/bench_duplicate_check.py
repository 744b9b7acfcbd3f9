"""Intake duplicate-check benchmark: fills the record-matching index with synthetic children on open
cases and open referrals in a throwaway database, then prints how long the duplicate check for one new
referral takes (median and 95th percentile of repeated runs) and how many queries it makes, for a
probe that matches someone in the index and for one that matches nobody; then a roll return of 500
pupils matched against every open case.

The throwaway database is a temporary SQLite file, or, with ``DATABASE_URL`` set to PostgreSQL, a
database named ``test_<name>`` made next to it and dropped at the end (Django's test database).

    .venv/bin/python scripts/bench_duplicate_check.py [--records 100000] [--repeat 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cme_bench .venv/bin/python scripts/bench_duplicate_check.py

Every child is synthetic (``cme.matching.engine.synthetic``).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
_TMP = tempfile.mkdtemp(prefix="cme-bench-")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries, transaction  # noqa: E402

if connection.vendor == "sqlite":  # a file, as in use, rather than Django's in-memory test database
    connection.settings_dict["TEST"]["NAME"] = str(Path(_TMP) / "bench.sqlite3")
from django.test.utils import setup_test_environment  # noqa: E402

from cme.accounts.models import User  # noqa: E402
from cme.accounts.roles import Role  # noqa: E402
from cme.cases.models import Case  # noqa: E402
from cme.matching.adapters import index_values  # noqa: E402
from cme.matching.engine.blocking import blocking_keys  # noqa: E402
from cme.matching.engine.records import Record  # noqa: E402
from cme.matching.engine.synthetic import corrupt, population  # noqa: E402
from cme.matching.models import MatchableRecord, MatchKey, MatchRun, RollReturn  # noqa: E402
from cme.matching.selectors import matching_find_open  # noqa: E402
from cme.matching.services import roll_return_upload  # noqa: E402
from cme.people.models import Child  # noqa: E402
from cme.schools.models import School  # noqa: E402

BATCH = 5000


def build(records: list[Record]) -> None:
    """Each record a child on an open case, indexed with its blocking keys (bulk, as a rebuild would)."""
    for start in range(0, len(records), BATCH):
        chunk = records[start : start + BATCH]
        with transaction.atomic():
            children = Child.objects.bulk_create(
                [
                    Child(
                        forenames=r.forenames,
                        surname=r.surname,
                        date_of_birth=r.dob,
                        sex=r.sex or "U",
                        postcode=r.postcode[:8],
                        address_line_1=r.address[:200],
                        upn=r.upn,
                        nhs_number=r.nhs_number,
                    )
                    for r in chunk
                ]
            )
            Case.objects.bulk_create(
                [
                    Case(reference=f"C-B{start + i:08d}"[:11], child=child, cme_from=date(2026, 9, 1))
                    for i, child in enumerate(children)
                ]
            )
            rows = MatchableRecord.objects.bulk_create(
                [
                    MatchableRecord(source="child", source_id=child.pk, child=child, **index_values(r))
                    for child, r in zip(children, chunk, strict=True)
                ]
            )
            MatchKey.objects.bulk_create(
                [
                    MatchKey(record=row, name=name, value=value)
                    for row, r in zip(rows, chunk, strict=True)
                    for name, value in blocking_keys(r).items()
                    if value
                ]
            )


def timed(label: str, repeat: int, run: Callable[[], object]) -> object:
    result = run()  # warm up (loads the model once per process)
    connection.force_debug_cursor = True
    reset_queries()
    run()
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
        reset_queries()
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    print(f"{label:58} {statistics.median(timings):8.1f} {p95:8.1f} {queries:8}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        rng = random.Random(20261128)  # noqa: S311 - synthetic data, not security
        records = population(rng, args.records, prefix="b")
        print(f"Indexing {args.records:,} synthetic children on open cases in a throwaway {connection.vendor} database")
        start = time.perf_counter()
        build(records)
        print(
            f"Built in {time.perf_counter() - start:.0f} s: {MatchableRecord.objects.count():,} index rows, "
            f"{MatchKey.objects.count():,} blocking keys"
        )
        known = corrupt(rng, records[len(records) // 2], "probe")
        stranger = replace(
            records[0],
            id="stranger",
            forenames="Zebedee",
            surname="Quixotely",
            dob=date(2011, 2, 3),
            postcode="ZZ9 9ZZ",
            address="1 Nowhere Lane",
            upn="",
            nhs_number="",
        )
        if os.environ.get("EXPLAIN"):  # the query plan of the candidates' query
            from cme.matching import selectors

            print(selectors.candidate_rows(record=stranger).explain())
        print(f"{'':58} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        found = timed(
            "duplicate check: a child already in the index", args.repeat, lambda: matching_find_open(record=known)
        )
        timed("duplicate check: a child nobody has recorded", args.repeat, lambda: matching_find_open(record=stranger))
        found = found if isinstance(found, list) else []
        print(
            f"  the known child's check scored and kept {len(found)} candidate(s); best {found[0].percent}%"
            if found
            else "  the known child's check kept no candidate"
        )

        officer = User.objects.create_user(email="bench@council.example", full_name="Bench", role=Role.CME_MANAGER)
        school = School.objects.create(urn=999001, la_code="919", name="Bench Primary School")
        pupils = [corrupt(rng, r, f"p{i}") for i, r in enumerate(rng.sample(records, 250))]
        pupils += population(rng, 250, prefix="n")
        lines = ["id,forename,surname,dob,sex,postcode,address,upn"] + [
            f'{p.id},{p.forenames},{p.surname},{p.dob or ""},{p.sex},{p.postcode},"{p.address}",{p.upn}' for p in pupils
        ]
        start = time.perf_counter()
        with transaction.atomic():  # the job runs when the upload commits (the test settings' task backend)
            roll_return = roll_return_upload(
                actor=officer,
                school=school,
                kind=RollReturn.Kind.NEW_PUPILS,
                file_name="bench.csv",
                content=("\n".join(lines) + "\n").encode(),
            )
        run = MatchRun.objects.get(roll_return=roll_return)
        print(
            f"roll return of {len(pupils)} pupils uploaded and matched against {args.records:,} open cases: "
            f"{time.perf_counter() - start:.1f} s, {run.pairs_scored:,} pairs scored, "
            f"{run.suggestions_made} suggestions (250 pupils are children on cases)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
