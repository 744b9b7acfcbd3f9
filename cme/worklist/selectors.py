"""What the work list shows: the referrals waiting for the user's team, and for organisations that
refer, how their referrals stand."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cme.accounts.roles import Role
from cme.calendars.days import SchoolCalendar, school_calendar
from cme.calendars.due import DueItem, DueRules, DueState
from cme.cases.clocks import ClockData, case_clocks
from cme.cases.models import Case, CaseTask
from cme.cases.selectors import case_visible_to
from cme.cases.states import CaseStatus
from cme.core.working_days import add_working_days
from cme.enquiries.models import Check, Enquiry
from cme.legal.selectors import legal_due_items
from cme.policy.selectors import PolicyHistory, policy_values
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


# A placeholder for each argument of a URL, shaped like a UUID so that uuid and slug converters accept it.
_URL_MARKS = tuple(f"{n:08x}-ca5e-4ca5-8ca5-ca5eca5eca5e" for n in range(1, 4))
_URL_SAFE = re.compile(r"[-A-Za-z0-9_]+\Z")


class _Links:
    """``reverse`` once per URL name, then the ids filled in: a work queue of thousands of deadlines
    links each one, and ``reverse`` is the slowest part of building an item. Gives exactly what
    ``reverse(name, args=args)`` gives (an argument that is not a plain id goes through ``reverse``)."""

    def __init__(self) -> None:
        self._templates: dict[tuple[str, int], str | None] = {}

    def url(self, name: str, *args: Any) -> str:
        texts = [str(arg) for arg in args]
        key = (name, len(texts))
        if key not in self._templates:
            self._templates[key] = self._template(name, len(texts))
        template = self._templates[key]
        if template is None or not all(_URL_SAFE.match(text) for text in texts):
            return reverse(name, args=args)
        for mark, text in zip(_URL_MARKS, texts, strict=False):
            template = template.replace(mark, text)
        return template

    @staticmethod
    def _template(name: str, count: int) -> str | None:
        if count > len(_URL_MARKS):
            return None
        try:
            template = reverse(name, args=_URL_MARKS[:count])
        except NoReverseMatch:
            return None  # a converter that takes no UUID (an int): reverse each time
        if any(template.count(mark) != 1 for mark in _URL_MARKS[:count]):
            return None
        return template


class _DueRun:
    """What every collector of one ``due_items`` call shares, loaded once: the policy history, the
    calendar, the state rules for ``on``, link templates and each case's fields."""

    def __init__(self, on: date) -> None:
        self.on = on
        self.policy = PolicyHistory()
        values = self.policy.values_on(on)
        self.rules = DueRules(
            on=on,
            at_risk_working_days=values["at_risk_working_days"],
            escalation_margin_working_days=values["escalation_margin_working_days"],
        )
        self.links = _Links()
        self._calendar: SchoolCalendar | None = None
        self._working: SchoolCalendar | None = None
        self._case_fields: dict[Any, dict[str, Any]] = {}
        self._judged: dict[date, tuple[DueState, bool]] = {}

    @property
    def calendar(self) -> SchoolCalendar:
        """Term dates loaded the first time school days are needed."""
        if self._calendar is None:
            self._calendar = school_calendar()
        return self._calendar

    @property
    def working_calendar(self) -> SchoolCalendar:
        """Working and calendar days only, which need no term dates (and so no query)."""
        if self._working is None:
            self._working = SchoolCalendar([])
        return self._working

    def item(self, *, due: date, **fields: Any) -> DueItem:
        judged = self._judged.get(due)
        if judged is None:
            judged = self._judged[due] = (self.rules.state(due), self.rules.escalated(due))
        return DueItem(due=due, state=judged[0], escalated=judged[1], **fields)

    def case_fields(self, case: Case) -> dict[str, Any]:
        fields = self._case_fields.get(case.pk)
        if fields is None:
            fields = self._case_fields[case.pk] = _case_fields(case)
        return fields

    def remember_case_fields(self, case_id: Any, fields: dict[str, Any]) -> None:
        self._case_fields[case_id] = fields

    def case_fields_by_id(self, case_ids: Iterable[Any]) -> dict[Any, dict[str, Any]]:
        """The item fields of each case, from the cases already read in this call, the rest in one query."""
        missing = {case_id for case_id in case_ids if case_id not in self._case_fields}
        if missing:
            for case_id, fields in _case_field_rows(Case.objects.filter(pk__in=missing)):
                self._case_fields[case_id] = fields
        return self._case_fields


def _in_area(area: str | None, prefix: str = "") -> Q:
    if area is None:
        return Q()
    return Q(**{f"{prefix}area_id": area}) | Q(**{f"{prefix}area__isnull": True})


def _triage_items(*, on: date, area: str | None, officer: Any, run: _DueRun | None = None) -> list[DueItem]:
    if officer is not None:
        return []
    run = run or _DueRun(on)
    referrals = (
        Referral.objects.filter(team=Referral.Team.CME, status=Referral.Status.OPEN)
        .filter(_in_area(area))
        .select_related("area")
        .only("reference", "created_on", "urgent", "area__name", "area_id")
    )
    items = []
    for referral in referrals:
        received = timezone.localdate(referral.created_on)
        items.append(
            run.item(
                due=triage_due_on(referral, calendar=run.working_calendar, values=run.policy.values_on(received)),
                what=f"Triage {'urgent ' if referral.urgent else ''}referral {referral.reference}",
                url=run.links.url("referrals:detail", referral.pk),
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


# What an item shows of its case, read as a row: the case's id, then the fields of ``_case_fields``.
_CASE_FIELD_COLUMNS = ("pk", "reference", "area_id", "area__name", "allocated_to_id", "allocated_to__full_name")


def _fields_of_row(row: Sequence[Any]) -> dict[str, Any]:
    """``_case_fields`` from a row of the ``_CASE_FIELD_COLUMNS`` after the id."""
    reference, area_id, area_name, officer_id, officer_name = row
    return {
        "case_reference": reference,
        "area_name": area_name or "",
        "area_id": area_id,
        "officer_id": officer_id,
        "officer_name": officer_name if officer_id else "",
    }


def _case_field_rows(cases: QuerySet[Case]) -> Iterator[tuple[Any, dict[str, Any]]]:
    for row in cases.values_list(*_CASE_FIELD_COLUMNS):
        yield row[0], _fields_of_row(row[1:])


@dataclass(frozen=True, slots=True)
class _ClockRow:
    """An open case as its clocks (``cme.cases.clocks.ClockCase``) and its items need it, read as a
    plain row: building a ``Case`` with its area and officer for each of thousands of cases costs more
    than everything else in the queue."""

    pk: Any
    status: str
    created_on: datetime
    immediate_referral_due: bool
    located_on: date | None
    expected_start_date: date | None
    fields: dict[str, Any]


def _case_clock_items(*, on: date, area: str | None, officer: Any, run: _DueRun | None = None) -> list[DueItem]:
    run = run or _DueRun(on)
    query = _open_cases(area=area, officer=officer)
    rows = query.values_list(
        "status", "created_on", "immediate_referral_due", "located_on", "expected_start_date", *_CASE_FIELD_COLUMNS
    )
    cases = [_ClockRow(row[5], row[0], row[1], row[2], row[3], row[4], _fields_of_row(row[6:])) for row in rows]
    data = ClockData(
        cases, calendar=run.calendar, policy=run.policy, case_ids=query.order_by().values("pk"), review_rows=False
    )
    items = []
    for case in cases:
        run.remember_case_fields(case.pk, case.fields)
        clocks = [clock for clock in case_clocks(case, data) if clock.due is not None]
        if not clocks:
            continue
        url = run.links.url("casework:case", case.pk)
        for clock in clocks:
            assert clock.due is not None  # noqa: S101 - filtered above
            items.append(run.item(due=clock.due, what=clock.label, url=url, kind=clock.key, **case.fields))
    return items


_CHECK_LABELS: dict[str, str] = {str(value): str(label) for value, label in Check.choices}


def _enquiry_items(*, on: date, area: str | None, officer: Any, run: _DueRun | None = None) -> list[DueItem]:
    """Enquiries awaiting an answer, read as plain rows (no model per enquiry, case, area and officer)."""
    run = run or _DueRun(on)
    enquiries = (
        Enquiry.objects.filter(asked_on__isnull=False, due_on__isnull=False, outcome="", not_applicable=False)
        .exclude(case__status=CaseStatus.CLOSED)
        .filter(_in_area(area, "case__"))
    )
    if officer is not None:
        enquiries = enquiries.filter(case__allocated_to_id=getattr(officer, "pk", officer))
    # The case's own fields come from the cases the clocks have already read in this call.
    rows = list(
        enquiries.values_list("pk", "case_id", "check_type", "other_council_id", "other_council__name", "due_on")
    )
    cases = run.case_fields_by_id({row[1] for row in rows})
    items = []
    for pk, case_id, check, council_id, council, due_on in rows:
        if council_id:
            url = run.links.url("enquiries:council_enquiry", case_id, pk)
            label = f"Answer due: cross-border enquiry to {council}"
        else:
            url = run.links.url("enquiries:enquiry", case_id, check)
            label = f"Answer due: {_CHECK_LABELS.get(check, check)}"
        assert due_on is not None  # noqa: S101 - filtered on due_on__isnull=False
        items.append(run.item(due=due_on, what=label, url=url, kind="enquiry", **cases[case_id]))
    return items


def _task_items(*, on: date, area: str | None, officer: Any, run: _DueRun | None = None) -> list[DueItem]:
    """Tasks others must do for a case, other than the school's confirmation (a case clock)."""
    run = run or _DueRun(on)
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
            run.item(
                due=task.due_on,
                what=f"Task: {task.get_kind_display()}",
                url=run.links.url("casework:case_task", task.case_id, task.pk),
                kind="task",
                **run.case_fields(task.case),
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
# The collectors here share one ``_DueRun`` per call (policy history, calendar, links).
_SHARES_RUN = frozenset({_triage_items, _case_clock_items, _enquiry_items, _task_items})


def due_items(*, on: date, area: Any = None, officer: Any = None) -> list[DueItem]:
    """Every deadline open on ``on`` (overdue, due today, at risk and later), earliest first: referrals
    to triage, case clocks (enquiries complete, review, immediate referral, school confirmation),
    enquiries awaiting an answer and tasks. ``area``: an Area or its code; ``officer``: a user or id."""
    area_code = getattr(area, "pk", area)
    run = _DueRun(on)
    items: list[DueItem] = []
    for collect in _COLLECTORS:
        if collect in _SHARES_RUN:
            items.extend(collect(on=on, area=area_code, officer=officer, run=run))
        else:
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
    policy = PolicyHistory()
    for referral in referrals:
        received = timezone.localdate(referral.created_on)
        due = triage_due_on(referral, calendar=calendar, values=policy.values_on(received))
        referral.triage_due = due  # type: ignore[attr-defined]
        referral.triage_overdue = due < on  # type: ignore[attr-defined]
