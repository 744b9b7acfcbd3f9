"""What the work list shows: the referrals waiting for the user's team, and for organisations that
refer, how their referrals stand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from cme.accounts.roles import Role
from cme.calendars.days import SchoolCalendar
from cme.calendars.due import DueItem, due_state, is_escalated
from cme.cases.clocks import ClockData, case_clocks
from cme.cases.models import Case, CaseTask
from cme.cases.selectors import case_visible_to
from cme.cases.states import CaseStatus
from cme.core.working_days import add_working_days
from cme.enquiries.models import Enquiry
from cme.legal.selectors import legal_due_items
from cme.policy.selectors import policy_values
from cme.referrals.clocks import triage_due_on
from cme.referrals.models import Referral
from cme.referrals.selectors import (
    referral_queue_filtered,
    referral_queue_for,
    referral_status_for_referrer,
    referrals_made_by,
    school_tasks_for,
)

# How many referrals the work list shows; the queue has the rest.
WORK_LIST_SIZE = 25


@dataclass(frozen=True)
class ReferralCounts:
    open: int
    urgent: int
    unallocated: int


def open_referral_counts(*, user: Any) -> ReferralCounts:
    """How many open referrals wait in ``user``'s queue: all, urgent ones, and those with no area."""
    counts = (
        referral_queue_for(user=user)
        .filter(status=Referral.Status.OPEN)
        .aggregate(
            open=Count("pk"),
            urgent=Count("pk", filter=Q(urgent=True)),
            unallocated=Count("pk", filter=Q(area__isnull=True)),
        )
    )
    return ReferralCounts(**counts)


def waiting_referrals(*, user: Any) -> list[Referral]:
    """The open referrals ``user``'s team should look at first: urgent ones, then the oldest."""
    return list(referral_queue_filtered(user=user)[:WORK_LIST_SIZE])


@dataclass(frozen=True)
class StatusCount:
    label: str
    colour: str
    count: int


# The order a referrer's statuses are listed in (cme.referrals.selectors.referral_status_for_referrer).
_STATUS_ORDER = ("Received", "Being dealt with", "Closed")


def referrer_status_counts(*, user: Any) -> list[StatusCount]:
    """How many of the referrals ``user``'s organisation made are received, being dealt with, or closed."""
    colours: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for referral in (
        referrals_made_by(user=user).select_related("case").only("status", "decided_on", "case_id", "case__status")
    ):
        status = referral_status_for_referrer(referral)
        colours[status.label] = status.colour
        counts[status.label] += 1
    return [StatusCount(label, colours[label], counts[label]) for label in _STATUS_ORDER if counts[label]]


def open_school_task_count(*, user: Any) -> int:
    return school_tasks_for(user=user).count()


@dataclass(frozen=True)
class CaseCounts:
    held: int  # open cases allocated to the user
    unallocated: int  # open cases nobody holds, that the user may see
    awaiting_review: int  # for the manager: cases sent for review


def case_counts(*, user: Any) -> CaseCounts:
    """Counts for the work list's "Cases" panel, in one query."""
    cases = case_visible_to(user=user).exclude(status=CaseStatus.CLOSED)
    totals = cases.aggregate(
        held=Count("pk", filter=Q(allocated_to=user)),
        unallocated=Count("pk", filter=Q(allocated_to__isnull=True)),
        awaiting_review=Count("pk", filter=Q(status=CaseStatus.MANAGER_REVIEW)),
    )
    return CaseCounts(**totals)


# Due dates ------------------------------------------------------------------------------------------
#
# Each source of deadlines is a collector ``(*, on, area, officer) -> Iterable[DueItem]``. ``area`` is an
# area code or None (all areas); an area's items include those with no area yet, which every officer may
# pick up. ``officer`` is a user id or None: only items allocated to them (referrals awaiting triage
# belong to the team, so they are left out). Adding a source is one line in ``_COLLECTORS``.


@dataclass(frozen=True)
class _DueContext:
    on: date
    at_risk_working_days: int
    escalation_margin_working_days: int

    def item(self, *, due: date, **fields: Any) -> DueItem:
        return DueItem(
            due=due,
            state=due_state(due, on=self.on, at_risk_working_days=self.at_risk_working_days),
            escalated=is_escalated(due, on=self.on, escalation_margin_working_days=self.escalation_margin_working_days),
            **fields,
        )


def _in_area(area: str | None, prefix: str = "") -> Q:
    if area is None:
        return Q()
    return Q(**{f"{prefix}area_id": area}) | Q(**{f"{prefix}area__isnull": True})


def _triage_items(*, on: date, area: str | None, officer: Any) -> list[DueItem]:
    if officer is not None:
        return []
    context = _context(on)
    calendar = SchoolCalendar([])
    referrals = (
        Referral.objects.filter(team=Referral.Team.CME, status=Referral.Status.OPEN)
        .filter(_in_area(area))
        .select_related("area")
        .only("reference", "created_on", "urgent", "area__name", "area_id")
    )
    values: dict[date, dict[str, Any]] = {}
    items = []
    for referral in referrals:
        received = timezone.localdate(referral.created_on)
        if received not in values:
            values[received] = policy_values(on=received)
        items.append(
            context.item(
                due=triage_due_on(referral, calendar=calendar, values=values[received]),
                what=f"Triage {'urgent ' if referral.urgent else ''}referral {referral.reference}",
                url=reverse("referrals:detail", args=[referral.pk]),
                case_reference=None,
                area_name=referral.area.name if referral.area else "",
                area_id=referral.area_id,
                officer_id=None,
                officer_name="",
                kind="triage",
            )
        )
    return items


def _open_cases(*, area: str | None, officer: Any) -> QuerySet[Case]:
    cases = Case.objects.exclude(status=CaseStatus.CLOSED).filter(_in_area(area)).select_related("area", "allocated_to")
    if officer is not None:
        cases = cases.filter(allocated_to_id=getattr(officer, "pk", officer))
    return cases


def _case_fields(case: Case) -> dict[str, Any]:
    return {
        "case_reference": case.reference,
        "area_name": case.area.name if case.area else "",
        "area_id": case.area_id,
        "officer_id": case.allocated_to_id,
        "officer_name": case.allocated_to.get_full_name() if case.allocated_to else "",
    }


def _case_clock_items(*, on: date, area: str | None, officer: Any) -> list[DueItem]:
    context = _context(on)
    cases = list(_open_cases(area=area, officer=officer))
    data = ClockData(cases)
    items = []
    for case in cases:
        for clock in case_clocks(case, data):
            if clock.due is None:
                continue
            items.append(
                context.item(
                    due=clock.due,
                    what=clock.label,
                    url=reverse("casework:case", args=[case.pk]),
                    kind=clock.key,
                    **_case_fields(case),
                )
            )
    return items


def _enquiry_items(*, on: date, area: str | None, officer: Any) -> list[DueItem]:
    context = _context(on)
    enquiries = (
        Enquiry.objects.filter(asked_on__isnull=False, due_on__isnull=False, outcome="", not_applicable=False)
        .exclude(case__status=CaseStatus.CLOSED)
        .filter(_in_area(area, "case__"))
        .select_related("case", "case__area", "case__allocated_to", "other_council")
    )
    if officer is not None:
        enquiries = enquiries.filter(case__allocated_to_id=getattr(officer, "pk", officer))
    items = []
    for enquiry in enquiries:
        if enquiry.other_council_id:
            url = reverse("enquiries:council_enquiry", args=[enquiry.case_id, enquiry.pk])
            label = f"Answer due: cross-border enquiry to {enquiry.other_council}"
        else:
            url = reverse("enquiries:enquiry", args=[enquiry.case_id, enquiry.check_type])
            label = f"Answer due: {enquiry.get_check_type_display()}"
        assert enquiry.due_on is not None  # noqa: S101 - filtered on due_on__isnull=False
        items.append(
            context.item(due=enquiry.due_on, what=label, url=url, kind="enquiry", **_case_fields(enquiry.case))
        )
    return items


def _task_items(*, on: date, area: str | None, officer: Any) -> list[DueItem]:
    """Tasks others must do for a case, other than the school's confirmation (a case clock)."""
    context = _context(on)
    tasks = (
        CaseTask.objects.filter(status=CaseTask.Status.OPEN, due_on__isnull=False)
        .exclude(kind=CaseTask.Kind.SCHOOL_CONFIRMATION)
        .exclude(case__status=CaseStatus.CLOSED)
        .filter(_in_area(area, "case__"))
        .select_related("case", "case__area", "case__allocated_to")
    )
    if officer is not None:
        tasks = tasks.filter(case__allocated_to_id=getattr(officer, "pk", officer))
    items = []
    for task in tasks:
        assert task.due_on is not None  # noqa: S101 - filtered on due_on__isnull=False
        items.append(
            context.item(
                due=task.due_on,
                what=f"Task: {task.get_kind_display()}",
                url=reverse("casework:case_task", args=[task.case_id, task.pk]),
                kind="task",
                **_case_fields(task.case),
            )
        )
    return items


_COLLECTORS: tuple[Callable[..., Iterable[DueItem]], ...] = (
    _triage_items,
    _case_clock_items,
    _enquiry_items,
    _task_items,
    legal_due_items,  # School Attendance and Education Supervision Orders (cme.legal)
)


def _context(on: date) -> _DueContext:
    values = policy_values(on=on)
    return _DueContext(
        on=on,
        at_risk_working_days=values["at_risk_working_days"],
        escalation_margin_working_days=values["escalation_margin_working_days"],
    )


def due_items(*, on: date, area: Any = None, officer: Any = None) -> list[DueItem]:
    """Every deadline open on ``on`` (overdue, due today, at risk and later), earliest first: referrals
    to triage, case clocks (enquiries complete, review, immediate referral, school confirmation),
    enquiries awaiting an answer and tasks. ``area``: an Area or its code; ``officer``: a user or id."""
    area_code = getattr(area, "pk", area)
    items: list[DueItem] = []
    for collect in _COLLECTORS:
        items.extend(collect(on=on, area=area_code, officer=officer))
    return sorted(items, key=lambda item: (item.due, item.case_reference or "", item.what))


@dataclass(frozen=True)
class AreaDueCounts:
    area_name: str
    overdue: int
    due_today: int
    at_risk: int


def due_counts_by_area(items: Iterable[DueItem]) -> list[AreaDueCounts]:
    """Counts of overdue, due today and at risk items in each area (and those with no area yet)."""
    counts: dict[str, Counter[str]] = {}
    for item in items:
        counts.setdefault(item.area_name, Counter())[item.state] += 1
    return [
        AreaDueCounts(name or "No area yet", c["overdue"], c["due_today"], c["at_risk"])
        for name, c in sorted(counts.items(), key=lambda pair: (pair[0] == "", pair[0]))
    ]


@dataclass(frozen=True)
class PolicyReviewReminder:
    review_date: date
    overdue: bool


# The work list reminds the manager this many working days before the policy's next review date.
POLICY_REVIEW_NOTICE_WORKING_DAYS = 20


def policy_review_reminder(*, on: date) -> PolicyReviewReminder | None:
    """Policy 9.1: the policy is reviewed annually. A reminder from 20 working days before the next
    review date, and every day after it until the manager records a version with a later date."""
    review_date = policy_values(on=on)["policy_next_review_date"]
    if on < review_date and add_working_days(on, POLICY_REVIEW_NOTICE_WORKING_DAYS) < review_date:
        return None
    return PolicyReviewReminder(review_date=review_date, overdue=on > review_date)


@dataclass(frozen=True)
class DeadlineCounts:
    overdue: int
    due_today: int
    at_risk: int


def deadline_counts(*, user: Any, on: date) -> DeadlineCounts:
    """The work list's "Deadlines" panel: the CME manager's for both areas, an officer's for their area."""
    area = None if getattr(user, "role", "") == Role.CME_MANAGER else getattr(user, "area_id", None)
    states = Counter(item.state for item in due_items(on=on, area=area))
    return DeadlineCounts(states["overdue"], states["due_today"], states["at_risk"])


def mark_triage_due(referrals: list[Referral], *, on: date) -> None:
    """Give each CME referral on the work list its triage due date (``triage_due``) and whether that
    has passed (``triage_overdue``), from the policy in effect on the day it arrived."""
    calendar = SchoolCalendar([])
    for referral in referrals:
        due = triage_due_on(referral, calendar=calendar)
        referral.triage_due = due  # type: ignore[attr-defined]
        referral.triage_overdue = due < on  # type: ignore[attr-defined]
