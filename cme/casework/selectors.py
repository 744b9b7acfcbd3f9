"""Reading cases together with their enquiries: the case list (filters, search, overdue counts) and
the manager's workload view. Everything is counted in the database: a page of the list, or the
whole workload table, takes a fixed number of queries however many cases there are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from cme.accounts.roles import Role
from cme.areas.models import Area
from cme.cases.codes import RiskLevel
from cme.cases.models import Case
from cme.cases.selectors import case_visible_to
from cme.cases.states import CaseStatus
from cme.core.permissions import Perm
from cme.core.upn import normalise_upn
from cme.enquiries.models import Enquiry

# The case list's status filter: every status but closed (the default), every status, or one status.
STATUS_NOT_CLOSED = "not_closed"
STATUS_ANY = "any"
# The officer filter's value for cases nobody holds, and the area filter's for cases with no area.
UNALLOCATED = "unallocated"
NO_AREA = "none"

_REFERENCE_BODY = re.compile(r"^C?([0-9A-Z]{4})([0-9A-Z]{4})$")


def overdue_enquiry_q(*, today: date, prefix: str = "") -> Q:
    """An enquiry asked, past its due date and with no answer: the rule of
    ``cme.enquiries.selectors.overdue_enquiries``, for use inside other queries (``prefix`` is the
    path to the enquiry, such as ``"enquiries__"``). A test keeps the two the same."""
    return Q(
        **{
            f"{prefix}asked_on__isnull": False,
            f"{prefix}due_on__lt": today,
            f"{prefix}outcome": "",
            f"{prefix}not_applicable": False,
        }
    )


# The case list -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseListFilters:
    """What the case list is narrowed to. ``text`` is a name (any of forenames, surname, other names;
    each word must match, in any case, part of a name), a case reference or a UPN."""

    text: str = ""
    date_of_birth: date | None = None
    area: str = ""
    officer: str = ""
    status: str = STATUS_NOT_CLOSED
    risk_level: str = ""
    overdue_only: bool = False
    urgent_only: bool = False

    @property
    def is_default(self) -> bool:
        return self == CaseListFilters()

    def for_audit(self) -> dict[str, Any]:
        """The filters as the audit trail records them: which were used, never the name or date of
        birth searched for (a child's details are not written to the trail)."""
        return {
            "searched_by_text": bool(self.text),
            "searched_by_date_of_birth": self.date_of_birth is not None,
            "area": self.area,
            "officer": self.officer,
            "status": self.status,
            "risk_level": self.risk_level,
            "overdue_only": self.overdue_only,
            "urgent_only": self.urgent_only,
        }


def case_list_for(*, user: Any, filters: CaseListFilters, today: date) -> QuerySet[Case]:
    """The cases ``user`` may see (``case_visible_to``), narrowed by ``filters``; urgent cases first,
    then those missing education longest. Each case carries ``overdue_enquiries``, counted in the
    same query."""
    overdue = (
        Enquiry.objects.filter(overdue_enquiry_q(today=today), case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    cases: QuerySet[Case] = case_visible_to(user=user).annotate(
        overdue_enquiries=Coalesce(Subquery(overdue, output_field=IntegerField()), Value(0))
    )
    cases = _filter_by_search(cases, filters)
    if filters.area == NO_AREA:
        cases = cases.filter(area__isnull=True)
    elif filters.area:
        cases = cases.filter(area_id=filters.area)
    if filters.officer == UNALLOCATED:
        cases = cases.filter(allocated_to__isnull=True)
    elif filters.officer:
        cases = cases.filter(allocated_to_id=int(filters.officer)) if filters.officer.isdigit() else cases.none()
    if filters.status == STATUS_NOT_CLOSED:
        cases = cases.exclude(status=CaseStatus.CLOSED)
    elif filters.status != STATUS_ANY:
        cases = cases.filter(status=filters.status)
    if filters.risk_level:
        cases = cases.filter(risk_level=filters.risk_level)
    if filters.overdue_only:
        cases = cases.filter(Exists(Enquiry.objects.filter(overdue_enquiry_q(today=today), case=OuterRef("pk"))))
    if filters.urgent_only:
        cases = cases.filter(urgent=True)
    return cases.order_by("-urgent", "cme_from", "reference")


def _filter_by_search(cases: QuerySet[Case], filters: CaseListFilters) -> QuerySet[Case]:
    if filters.date_of_birth is not None:
        cases = cases.filter(child__date_of_birth=filters.date_of_birth)
    words = filters.text.split()
    if not words:
        return cases
    by_name = Q()
    for word in words:
        by_name &= (
            Q(child__forenames__icontains=word)
            | Q(child__surname__icontains=word)
            | Q(child__other_names__icontains=word)
        )
    return cases.filter(by_name | _by_reference_or_upn(filters.text))


def _by_reference_or_upn(text: str) -> Q:
    """A case reference typed in full or in part, with or without its hyphens ("C-7K3M-Q9TX",
    "c7k3mq9tx", "7K3M"), or a UPN with or without spaces."""
    squashed = re.sub(r"[\s-]", "", text).upper()
    if not squashed:
        return Q(pk__in=[])
    whole = _REFERENCE_BODY.match(squashed)
    if whole:
        return Q(reference=f"C-{whole.group(1)}-{whole.group(2)}")
    query = Q(reference__icontains=text.strip().upper())
    upn = normalise_upn(text)
    if len(upn) == 13:
        query |= Q(child__upn=upn)
    return query


def officer_choices() -> list[tuple[str, str]]:
    """Every CME officer, for the case list's officer filter (those no longer active too: they may
    still hold cases)."""
    officers = get_user_model().objects.filter(role=Role.CME_OFFICER).select_related("area").order_by("full_name")
    return [(str(officer.pk), _officer_label(officer)) for officer in officers]


def _officer_label(officer: Any) -> str:
    label = f"{officer} ({officer.area.name})" if officer.area_id else str(officer)
    return label if officer.is_active else f"{label}, no longer active"


# Allocation ----------------------------------------------------------------------------------------


def may_claim(*, user: Any, case: Case) -> bool:
    """Whether ``user`` may take ``case`` now: the rule ``case_claim`` applies, so pages offer the
    button only where it would work (the service still decides, for two people pressing at once)."""
    return (
        getattr(user, "role", "") == Role.CME_OFFICER
        and user.has_perm(Perm.WORK_CASES)
        and case.allocated_to_id is None
        and case.status != CaseStatus.CLOSED
        and (case.area_id is None or case.area_id == user.area_id)
    )


@dataclass(frozen=True)
class AllocatableOfficer:
    officer: Any
    open_cases: int


def allocatable_officers(*, case: Case) -> list[AllocatableOfficer]:
    """Active CME officers a case may be allocated to, with the open cases each holds now: those of
    the case's area first, then the others, each by name."""
    officers = list(get_user_model().objects.filter(role=Role.CME_OFFICER, is_active=True).select_related("area"))
    held = dict(
        Case.objects.exclude(status=CaseStatus.CLOSED)
        .filter(allocated_to__in=officers)
        .values("allocated_to")
        .annotate(n=Count("pk"))
        .values_list("allocated_to", "n")
    )
    officers.sort(key=lambda o: (o.area_id != case.area_id, o.full_name.lower(), o.pk))
    return [AllocatableOfficer(officer=o, open_cases=held.get(o.pk, 0)) for o in officers]


# Workload ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    """The open (not closed) cases one officer holds, or those nobody holds in one area."""

    officer: Any | None
    area: Area | None
    open_cases: int
    high_risk: int
    overdue_enquiries: int
    awaiting_review: int
    oldest_cme_from: date | None

    @property
    def is_unallocated(self) -> bool:
        return self.officer is None


def _workload_counts(cases: QuerySet[Case], *, group_by: str, today: date) -> dict[Any, dict[str, Any]]:
    # Joining enquiries repeats each case once per enquiry: cases are counted distinct, enquiries not.
    rows = (
        cases.exclude(status=CaseStatus.CLOSED)
        .order_by()
        .values(group_by)
        .annotate(
            open_cases=Count("pk", distinct=True),
            high_risk=Count("pk", distinct=True, filter=Q(risk_level=RiskLevel.HIGH)),
            awaiting_review=Count("pk", distinct=True, filter=Q(status=CaseStatus.MANAGER_REVIEW)),
            overdue_enquiries=Count("enquiries", filter=overdue_enquiry_q(today=today, prefix="enquiries__")),
            oldest_cme_from=Min("cme_from"),
        )
    )
    return {row.pop(group_by): row for row in rows}


_NO_CASES: dict[str, Any] = {
    "open_cases": 0,
    "high_risk": 0,
    "overdue_enquiries": 0,
    "awaiting_review": 0,
    "oldest_cme_from": None,
}


def officer_workloads(*, today: date) -> list[Workload]:
    """One row per CME officer: every active officer, and any inactive one still holding open
    cases; by area, then name."""
    counts = _workload_counts(Case.objects.filter(allocated_to__isnull=False), group_by="allocated_to", today=today)
    officers = (
        get_user_model()
        .objects.filter(Q(role=Role.CME_OFFICER, is_active=True) | Q(pk__in=list(counts)))
        .select_related("area")
        .order_by("area__name", "full_name", "pk")
    )
    return [Workload(officer=o, area=o.area, **counts.get(o.pk, _NO_CASES)) for o in officers]


def unallocated_workloads(*, today: date) -> list[Workload]:
    """One row per area for the open cases nobody holds, and one for cases with no area."""
    counts = _workload_counts(Case.objects.filter(allocated_to__isnull=True), group_by="area", today=today)
    areas: list[Area | None] = [*Area.objects.order_by("name"), None]
    return [Workload(officer=None, area=area, **counts.get(area.pk if area else None, _NO_CASES)) for area in areas]
