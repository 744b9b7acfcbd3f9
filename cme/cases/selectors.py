"""Reading cases: who may see which, and facts about the child that pages show."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from cme.accounts.roles import Role
from cme.cases.models import Case
from cme.core.permissions import Perm
from cme.core.school_age import compulsory_school_age_span, national_curriculum_year


def case_visible_to(*, user: Any) -> QuerySet[Case]:
    """Cases ``user`` may read: the CME manager all; a CME officer those of their area and unallocated ones."""
    cases = Case.objects.select_related("child", "child__district", "area", "allocated_to", "cme_reason")
    if not user.has_perm(Perm.VIEW_CASES):
        return cases.none()
    role = getattr(user, "role", "")
    if role == Role.CME_MANAGER:
        return cases
    if role == Role.CME_OFFICER:
        return cases.filter(Q(area_id=user.area_id) | Q(area__isnull=True))
    return cases.none()


def case_get_for_user(*, user: Any, case_id: uuid.UUID) -> Case | None:
    return case_visible_to(user=user).filter(pk=case_id).first()


@dataclass(frozen=True)
class CaseReferral:
    id: uuid.UUID
    reference: str
    received_on: date
    channel: str


def case_referrals(case: Case) -> list[CaseReferral]:
    """The referrals a case came from, oldest first (references and dates only)."""
    rows = case.referrals.order_by("created_on").values("id", "reference", "created_on", "channel")
    labels = dict(case.referrals.model._meta.get_field("channel").flatchoices)
    return [
        CaseReferral(
            id=row["id"],
            reference=row["reference"],
            received_on=row["created_on"].date(),
            channel=str(labels.get(row["channel"], row["channel"])),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class SchoolAge:
    """A child's compulsory school age, as pages show it: the span, whether today falls in it, and the
    national curriculum year group of their age."""

    starts: date
    ends: date
    of_compulsory_school_age: bool
    year_group: str


def child_school_age(*, date_of_birth: date | None, on: date) -> SchoolAge | None:
    """None when the date of birth is not known."""
    if date_of_birth is None:
        return None
    starts, ends = compulsory_school_age_span(date_of_birth)
    return SchoolAge(
        starts=starts,
        ends=ends,
        of_compulsory_school_age=starts <= on <= ends,
        year_group=year_group_label(national_curriculum_year(date_of_birth, on)),
    )


def year_group_label(year: int) -> str:
    """0 → "Reception", 4 → "Year 4"; ages outside Reception to Year 13 are said in words."""
    if year == 0:
        return "Reception"
    if 1 <= year <= 13:
        return f"Year {year}"
    if year == -1:
        return "Nursery (the year before Reception)"
    if year < -1:
        return "Below nursery age"
    return "Older than Year 13"
