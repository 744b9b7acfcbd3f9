"""The rows of a case list export: the cases the case list would show the user with the same filters
(``cme.casework.selectors.case_list_for``: the same visibility and order), one row each, read in
chunks so a large export never holds every case in memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from typing import Any

from django.db.models import QuerySet

from cme.cases.codes import CaseOutcome, RiskLevel
from cme.cases.models import Case
from cme.cases.selectors import year_group_label
from cme.cases.states import CaseStatus
from cme.casework.selectors import CaseListFilters, case_list_for
from cme.core.school_age import national_curriculum_year
from cme.people.models import Sex

CASE_EXPORT_HEADER: tuple[str, ...] = (
    "Case reference",
    "Forenames",
    "Surname",
    "Date of birth",
    "Year group (by age)",
    "Sex",
    "Postcode",
    "District",
    "Area",
    "Status",
    "Risk level",
    "Urgent",
    "Allocated to",
    "Missing education since",
    "Days missing education",
    "Overdue enquiries",
    "Located on",
    "Outcome",
    "Outcome recorded on",
)

_FIELDS = (
    "reference",
    "child__forenames",
    "child__surname",
    "child__date_of_birth",
    "child__sex",
    "child__postcode",
    "child__district__name",
    "area__name",
    "status",
    "risk_level",
    "urgent",
    "allocated_to__full_name",
    "cme_from",
    "cme_until",
    "overdue_enquiries",
    "located_on",
    "outcome",
    "outcome_recorded_on",
    "restricted",
)

CHUNK_ROWS = 2000

_STATUS = dict(CaseStatus.choices)
_RISK = dict(RiskLevel.choices)
_OUTCOME = dict(CaseOutcome.choices)
_SEX = dict(Sex.choices)


def case_export_queryset(*, user: Any, filters: CaseListFilters, today: date) -> QuerySet[Case]:
    return case_list_for(user=user, filters=filters, today=today)


def case_export_rows(cases: QuerySet[Case], *, today: date) -> Iterator[list[Any]]:
    """One row per case, in CASE_EXPORT_HEADER's order. A restricted case's postcode is left out,
    as the case list leaves it out."""
    for row in cases.values(*_FIELDS).iterator(chunk_size=CHUNK_ROWS):
        born = row["child__date_of_birth"]
        until = row["cme_until"] or today
        yield [
            row["reference"],
            row["child__forenames"],
            row["child__surname"],
            born,
            year_group_label(national_curriculum_year(born, today)) if born else "Date of birth not known",
            _SEX.get(row["child__sex"], row["child__sex"]),
            "Restricted" if row["restricted"] else row["child__postcode"],
            row["child__district__name"] or "",
            row["area__name"] or "No area",
            _STATUS.get(row["status"], row["status"]),
            _RISK.get(row["risk_level"], row["risk_level"]),
            row["urgent"],
            row["allocated_to__full_name"] or "Not allocated",
            row["cme_from"],
            max(0, (until - row["cme_from"]).days),
            row["overdue_enquiries"],
            row["located_on"],
            _OUTCOME.get(row["outcome"], row["outcome"]),
            row["outcome_recorded_on"],
        ]


def filters_to_json(filters: CaseListFilters) -> dict[str, Any]:
    data = asdict(filters)
    data["date_of_birth"] = filters.date_of_birth.isoformat() if filters.date_of_birth else None
    return data


def filters_from_json(data: dict[str, Any]) -> CaseListFilters:
    values = dict(data)
    born = values.get("date_of_birth")
    values["date_of_birth"] = date.fromisoformat(born) if born else None
    return CaseListFilters(**values)
