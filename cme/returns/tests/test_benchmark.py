"""How long the DfE return takes for a council-sized caseload: prints figures, asserts only the counts.

Run: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/pytest -q -s -m slow cme/returns/tests/test_benchmark.py
"""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cme.cases.models import Case, CmeInterval
from cme.people.models import Child
from cme.returns.selectors import dfe_return, dfe_return_csv_rows
from cme.returns.tests.factories import CensusDateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

CASES = 3000


def test_the_return_for_3000_cases():
    children = Child.objects.bulk_create(
        Child(
            forenames=f"Bench{n}",
            surname="Testchild",
            date_of_birth=date(2011 + n % 10, 1 + n % 12, 1),
            sex="MF"[n % 2],
        )
        for n in range(CASES)
    )
    cases = Case.objects.bulk_create(
        Case(reference=f"C-B{n:06d}", child=child, cme_from=date(2025, 9, 1), area_id="west")
        for n, child in enumerate(children)
    )
    CmeInterval.objects.bulk_create(
        CmeInterval(
            case=case,
            start=date(2025, 9, 1) + timedelta(days=n % 390),
            end=None if n % 3 else date(2026, 10, 1) + timedelta(days=n % 60),
        )
        for n, case in enumerate(cases)
    )
    census = CensusDateFactory.create()

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = dfe_return(census=census)
        rows = dfe_return_csv_rows(result, la_code="919")
    elapsed = time.perf_counter() - started

    print(  # noqa: T201 - a benchmark prints its figures
        f"\nDfE return for {CASES} cases: {elapsed * 1000:.0f} ms, {len(queries)} queries, "
        f"{result.total} on the census date, {result.previous_year_total} in the previous year, {len(rows)} CSV rows"
    )
    assert result.total + result.previous_year_total > 0
