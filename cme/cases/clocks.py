"""A case's clocks: when its next deadlines fall, from the policy values (cme.policy) and the calendars
(cme.calendars). Nothing here is stored: due dates follow the policy version in effect on the day each
clock started, the term dates, and any pauses, so a changed term date or a restarted clock shows at once.

- Immediate referral (policy 6.7): significant concerns with whereabouts unknown; due within
  ``high_risk_escalation_working_days`` working days (0: the same working day) of becoming due.
- Enquiries complete: ``enquiries_complete_school_days`` school days after the case opened, or after it
  last went back to enquiries (reopened, placement fell through, returned by the manager).
- Review: every ``case_review_school_days`` school days from opening, then from the last periodic review.
- School confirmation: ``school_confirmation_school_days`` school days after the expected start date
  (or the day the child was recorded as located, if later).

docs/clocks-and-policy.md explains the rules.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Protocol

from django.db.models import Max
from django.utils import timezone

from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.calendars.days import DayKind, SchoolCalendar, school_calendar
from cme.calendars.models import CaseReview, ClockPause
from cme.calendars.selectors import last_reviews_by_case, pauses_by_case, reviews_by_case
from cme.cases.models import CaseStatusChange, CaseTask
from cme.cases.states import CME_STATES, CaseStatus
from cme.policy.selectors import PolicyHistory

__all__ = ["CaseClock", "ClockCase", "ClockData", "case_clocks"]

# The states in which each clock runs.
_ENQUIRY_STATES = frozenset({CaseStatus.OPEN, CaseStatus.ENQUIRIES})
_REVIEW_STATES = CME_STATES | {CaseStatus.LOCATED}
# The clocks a pause can stop (``ClockPause.Clock.values`` builds a new list on every use).
_PAUSABLE = frozenset(ClockPause.Clock.values)


class ClockCase(Protocol):
    """What the clocks read of a case: a ``Case``, or a lighter row with the same attributes (the work
    queues read thousands of cases as plain rows)."""

    @property
    def pk(self) -> Any: ...
    @property
    def status(self) -> str: ...
    @property
    def created_on(self) -> datetime: ...
    @property
    def immediate_referral_due(self) -> bool: ...
    @property
    def located_on(self) -> date | None: ...
    @property
    def expected_start_date(self) -> date | None: ...


@dataclass(frozen=True)
class CaseClock:
    key: str  # "escalation", "enquiries", "review", "school_confirmation"
    label: str
    started_on: date
    due: date | None  # None while the clock is paused
    rule: str  # how the due date was worked out, for the case page
    paused_since: date | None = None
    pause_reason: str = ""


class ClockData:
    """Everything the clocks of many cases need, loaded in a few queries (the work queues use it for
    every open case; the case page for one)."""

    def __init__(
        self,
        cases: Iterable[ClockCase],
        *,
        calendar: SchoolCalendar | None = None,
        policy: PolicyHistory | None = None,
        case_ids: Any = None,
        review_rows: bool = True,
    ) -> None:
        """``case_ids``: a query giving the same cases' ids, for the work queues: a subquery costs less
        than binding thousands of ids to each query. ``review_rows=False`` reads only each case's latest
        review date, not every review (``review_rows`` is then empty)."""
        self.cases = list(cases)
        self._timezone = timezone.get_current_timezone()
        ids: Any = case_ids if case_ids is not None else [case.pk for case in self.cases]
        self.calendar = calendar or school_calendar()
        self.pauses: dict[Any, list[ClockPause]] = pauses_by_case(ids) if self.cases else {}
        # The case page lists the last reviews; the work queues need only each case's latest date.
        self.review_rows: dict[Any, list[CaseReview]] = reviews_by_case(ids) if review_rows else {}
        self.reviews: dict[Any, date] = (
            {case_id: rows[0].reviewed_on for case_id, rows in self.review_rows.items()}
            if review_rows
            else last_reviews_by_case(ids)
        )
        statuses = {case.status for case in self.cases}
        self.enquiries_started: dict[Any, date] = {}
        if statuses & _ENQUIRY_STATES:
            self.enquiries_started = {
                row["case_id"]: self.localdate(row["last"])
                for row in CaseStatusChange.objects.filter(
                    case_id__in=ids, to_status__in=[CaseStatus.OPEN, CaseStatus.ENQUIRIES]
                )
                .exclude(from_status=CaseStatus.OPEN)
                .values("case_id")
                .annotate(last=Max("changed_on"))
            }
        self.confirmations: dict[Any, CaseTask] = {}
        if CaseStatus.LOCATED in statuses:
            self.confirmations = {
                task.case_id: task
                for task in CaseTask.objects.filter(
                    case_id__in=ids, kind=CaseTask.Kind.SCHOOL_CONFIRMATION, status=CaseTask.Status.OPEN
                ).order_by("created_on")
            }
        self.escalation_since = _immediate_referral_since([case for case in self.cases if case.immediate_referral_due])
        self._policy = policy if policy is not None else PolicyHistory()

    def localdate(self, moment: datetime) -> date:
        """``timezone.localdate`` with the time zone looked up once, not once per case."""
        return moment.astimezone(self._timezone).date()

    def values_on(self, day: date) -> dict[str, Any]:
        return self._policy.values_on(day)

    def spans(self, case: ClockCase, clock: str) -> list[tuple[date, date | None]]:
        return [pause.span for pause in self.pauses.get(case.pk, []) if pause.clock == clock]

    def open_pause(self, case: ClockCase, clock: str) -> ClockPause | None:
        return next(
            (p for p in self.pauses.get(case.pk, []) if p.clock == clock and p.resumed_on is None),
            None,
        )


def _immediate_referral_since(cases: list[ClockCase]) -> dict[uuid.UUID, date]:
    """When each case's immediate referral last became due, read from the audit trail: the case was
    opened with it due, or a risk update made it due. (The flag itself is on the case.)"""
    if not cases:
        return {}
    since: dict[uuid.UUID, date] = {}
    due: dict[str, bool] = {}
    events = AuditEvent.objects.filter(
        case_id__in=[str(case.pk) for case in cases],
        action__in=[
            AuditAction.CASE_OPENED,
            AuditAction.CASE_RISK_UPDATED,
            AuditAction.SAFEGUARDING_REFERRAL_RECORDED,
        ],
    ).order_by("occurred_at", "id")
    for event in events.only("case_id", "action", "data", "occurred_at"):
        if event.action == AuditAction.SAFEGUARDING_REFERRAL_RECORDED:
            now_due = due.get(event.case_id, False) and not (event.data or {}).get("met_immediate_referral")
        else:
            now_due = bool((event.data or {}).get("immediate_referral_due"))
        if now_due and not due.get(event.case_id, False):
            since[uuid.UUID(event.case_id)] = timezone.localdate(event.occurred_at)
        due[event.case_id] = now_due
    return since


@lru_cache(maxsize=4096)
def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _clock(
    data: ClockData, case: ClockCase, *, key: str, label: str, start: date, days_key: str, kind: DayKind, from_what: str
) -> CaseClock:
    days = data.values_on(start)[days_key]
    pausable = key in _PAUSABLE
    pause = data.open_pause(case, key) if pausable else None
    spans = data.spans(case, key) if pausable else []
    due = data.calendar.add_days(start, days, kind, pauses=spans)
    if days == 0:
        rule = f"The same working day as {from_what} ({_long(start)})"
    else:
        unit = str(kind)[:-1] if days == 1 else str(kind)
        rule = f"{days} {unit} after {from_what} ({_long(start)})"
    if any(resumed is not None for _, resumed in spans):
        rule += ", not counting paused days"
    return CaseClock(
        key=key,
        label=label,
        started_on=start,
        due=due,
        rule=rule,
        paused_since=pause.paused_on if pause else None,
        pause_reason=pause.reason if pause else "",
    )


def case_clocks(case: ClockCase, data: ClockData) -> list[CaseClock]:
    """The running clocks of ``case``, most pressing rule first."""
    clocks: list[CaseClock] = []
    opened = data.localdate(case.created_on)
    if case.immediate_referral_due and case.status != CaseStatus.CLOSED:
        clocks.append(
            _clock(
                data,
                case,
                key="escalation",
                label="Refer to Children's Social Care or MASH",
                start=data.escalation_since.get(case.pk, opened),
                days_key="high_risk_escalation_working_days",
                kind=DayKind.WORKING,
                from_what="significant concerns with whereabouts unknown",
            )
        )
    if case.status in _ENQUIRY_STATES:
        clocks.append(
            _clock(
                data,
                case,
                key=ClockPause.Clock.ENQUIRIES,
                label="Complete the council's enquiries",
                start=data.enquiries_started.get(case.pk, opened),
                days_key="enquiries_complete_school_days",
                kind=DayKind.SCHOOL,
                from_what="enquiries started",
            )
        )
    if case.status == CaseStatus.LOCATED:
        task = data.confirmations.get(case.pk)
        located = data.localdate(task.created_on) if task else (case.located_on or opened)
        expected = case.expected_start_date or located
        clocks.append(
            _clock(
                data,
                case,
                key=ClockPause.Clock.SCHOOL_CONFIRMATION,
                label="School to confirm the child's start and attendance",
                start=max(expected, located),
                days_key="school_confirmation_school_days",
                kind=DayKind.SCHOOL,
                from_what="the expected start date" if expected >= located else "the child was located",
            )
        )
    if case.status in _REVIEW_STATES:
        reviewed = data.reviews.get(case.pk)
        clocks.append(
            _clock(
                data,
                case,
                key=ClockPause.Clock.REVIEW,
                label="Review the case",
                start=max(reviewed, opened) if reviewed else opened,
                days_key="case_review_school_days",
                kind=DayKind.SCHOOL,
                from_what="the last review" if reviewed and reviewed >= opened else "the case opened",
            )
        )
    return clocks
