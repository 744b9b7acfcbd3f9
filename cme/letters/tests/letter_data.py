"""Synthetic cases and letter values for the letters tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from cme.cases.models import Case
from cme.enquiries.tests.factories import CaseFactory, ChildFactory


def a_case(*, area: str | None = "west", **case: Any) -> Case:
    child = ChildFactory.create(forenames="Sample", surname="Lettertest", town="Hertford", postcode="SG13 0ZZ")
    return CaseFactory.create(child=child, area_id=area, **case)


def notice_values(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "parent_name": "Ms Robin Lettertest",
        "parent_address": "7 Imaginary Close\nHertford\nSG13 0ZZ",
        "child_name": "Sample Lettertest",
        "child_date_of_birth": date(2015, 3, 14),
        "respond_by": date(2026, 12, 18),
    }
    values.update(changes)
    return values
