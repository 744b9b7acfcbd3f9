"""Reading a case for its page: the enquiry checklist in brief, the referrals it came from, its tasks
and safeguarding referrals, and one timeline of everything that happened to it.

The timeline merges notes, status changes, enquiry steps, safeguarding referrals, tasks and the audit
trail's changes to the case (never its reads), newest first, in a fixed number of queries however
long the case's history is (one per source, and one for the names of officers a case was allocated to).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format

from cme.audit.events import READ_ACTIONS, AuditAction, action_sentence
from cme.audit.models import AuditEvent
from cme.cases.codes import CaseOutcome, RiskFactor, RiskLevel
from cme.cases.models import Case, CaseNote, CaseStatusChange, CaseTask, SafeguardingReferral
from cme.cases.risk import on_a_plan, ordered_risk_factors
from cme.cases.selectors import CaseReferral, SchoolAge, case_referrals, child_school_age
from cme.cases.states import CaseStatus
from cme.enquiries.models import Enquiry, EnquiryStep
from cme.enquiries.selectors import EnquiryStatus, checklist_exhausted, enquiry_checklist_for
from cme.legal.selectors import LegalSummary, legal_summary

# Audit events the timeline shows through their own rows instead (a note, a status change, an
# enquiry step, a safeguarding referral, a task), so nothing appears twice.
_SHOWN_BY_THEIR_OWN_ROWS = frozenset(
    {
        AuditAction.CASE_OPENED,
        AuditAction.CASE_STATUS_CHANGED,
        AuditAction.CASE_NOTE_ADDED,
        AuditAction.CASE_RESTRICTED,
        AuditAction.CASE_UNRESTRICTED,
        AuditAction.ENQUIRY_RECORDED,
        AuditAction.ENQUIRY_CHASED,
        AuditAction.ENQUIRY_ANSWERED,
        AuditAction.ENQUIRY_NOT_APPLICABLE,
        AuditAction.SAFEGUARDING_REFERRAL_RECORDED,
        AuditAction.CASE_TASK_CREATED,
        AuditAction.CASE_TASK_COMPLETED,
    }
)


@dataclass(frozen=True)
class TimelineEntry:
    """One thing that happened to a case. ``at`` is when it was recorded (the order); ``on`` is the
    day it happened when that is a date someone gave (an enquiry asked on, a referral made on).
    ``restricted`` text is hidden on a restricted case unless the user gave a reason."""

    at: datetime
    kind: str
    title: str
    by: str = ""
    on: date | None = None
    lines: tuple[str, ...] = ()
    text: str = ""
    restricted: bool = False
    order: int = 0


@dataclass(frozen=True)
class ChecklistSummary:
    """The enquiry checklist (policy 6.3) in counts of checks, as the case page shows it."""

    checks: int
    finished: int
    waiting: int
    overdue: int
    not_started: int
    exhausted: bool


@dataclass(frozen=True)
class CasePage:
    referrals: list[CaseReferral]
    checklist: ChecklistSummary
    tasks: list[CaseTask]
    safeguarding_referrals: list[SafeguardingReferral]
    timeline: list[TimelineEntry]
    risk_factors: list[RiskFactor]
    school_age: SchoolAge | None
    # The child is on a Child in Need or Child Protection plan and no task to contact counterparts
    # abroad is open: the page offers "The child has left the UK" (policy 6.6).
    may_set_counterparts_task: bool = False
    open_tasks: list[CaseTask] = field(default_factory=list)
    # The "Legal interventions" panel: the case's School Attendance and Education Supervision Orders.
    legal: LegalSummary | None = None


def case_page(case: Case, *, today: date | None = None) -> CasePage:
    """Everything the case page shows besides the case and child themselves."""
    today = today or timezone.localdate()
    tasks = _tasks(case)
    referrals = _safeguarding_referrals(case)
    open_tasks = [task for task in tasks if task.status == CaseTask.Status.OPEN]
    return CasePage(
        referrals=case_referrals(case),
        checklist=checklist_summary(case, today=today),
        tasks=tasks,
        safeguarding_referrals=referrals,
        timeline=_timeline(case, tasks=tasks, referrals=referrals),
        risk_factors=ordered_risk_factors(case.risk_factors),
        school_age=child_school_age(date_of_birth=case.child.date_of_birth, on=today),
        may_set_counterparts_task=(
            case.status != CaseStatus.CLOSED
            and on_a_plan(case.risk_factors)
            and not any(task.kind == CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD for task in open_tasks)
        ),
        open_tasks=open_tasks,
        legal=legal_summary(case),
    )


def checklist_summary(case: Case, *, today: date | None = None) -> ChecklistSummary:
    items = enquiry_checklist_for(case, today=today)
    statuses = [item.status for item in items]
    exhausted, _missing = checklist_exhausted(items)
    return ChecklistSummary(
        checks=len(items),
        finished=sum(1 for status in statuses if status.is_finished),
        waiting=statuses.count(EnquiryStatus.WAITING),
        overdue=statuses.count(EnquiryStatus.OVERDUE),
        not_started=statuses.count(EnquiryStatus.NOT_STARTED),
        exhausted=exhausted,
    )


def case_task_get(*, case: Case, task_id: uuid.UUID) -> CaseTask | None:
    return CaseTask.objects.filter(case=case, pk=task_id).select_related("created_by", "modified_by").first()


def case_timeline(case: Case) -> list[TimelineEntry]:
    """The case's history, newest first."""
    return _timeline(case, tasks=_tasks(case), referrals=_safeguarding_referrals(case))


def _tasks(case: Case) -> list[CaseTask]:
    return list(CaseTask.objects.filter(case=case).select_related("created_by", "modified_by").order_by("created_on"))


def _safeguarding_referrals(case: Case) -> list[SafeguardingReferral]:
    return list(SafeguardingReferral.objects.filter(case=case).select_related("made_by").order_by("-made_on", "-id"))


def _timeline(case: Case, *, tasks: list[CaseTask], referrals: list[SafeguardingReferral]) -> list[TimelineEntry]:
    audit = list(
        AuditEvent.objects.filter(case_id=str(case.pk))
        .exclude(action__in=[str(action) for action in READ_ACTIONS])
        .select_related("actor")
        .order_by("occurred_at", "id")
    )
    recorded_at = {
        event.object_id: event.occurred_at
        for event in audit
        if event.action == AuditAction.SAFEGUARDING_REFERRAL_RECORDED
    }
    entries = [
        *_note_entries(case),
        *_status_entries(case),
        *_enquiry_entries(case),
        *(_safeguarding_entry(referral, recorded_at.get(str(referral.pk))) for referral in referrals),
        *_task_entries(tasks),
        *_audit_entries([event for event in audit if event.action not in _SHOWN_BY_THEIR_OWN_ROWS]),
    ]
    return sorted(entries, key=lambda entry: (entry.at, entry.order), reverse=True)


def _name(user: Any) -> str:
    return str(getattr(user, "full_name", "") or "") if user is not None else ""


def _long(day: date) -> str:
    return date_format(day, "j F Y")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _note_entries(case: Case) -> Iterable[TimelineEntry]:
    for note in CaseNote.objects.filter(case=case).select_related("author"):
        yield TimelineEntry(at=note.written_on, kind="Note", title="Note", by=_name(note.author), text=note.text)


def _status_entries(case: Case) -> Iterable[TimelineEntry]:
    for change in CaseStatusChange.objects.filter(case=case).select_related("changed_by"):
        if change.from_status:
            title = f"Moved from {CaseStatus(change.from_status).label} to {CaseStatus(change.to_status).label}"
        else:
            title = f"Case opened: {CaseStatus(change.to_status).label}"
        yield TimelineEntry(
            at=change.changed_on, kind="Status", title=title, by=_name(change.changed_by), text=change.reason, order=1
        )


_STEP_TITLES = {
    EnquiryStep.Kind.ASKED: "Enquiry made",
    EnquiryStep.Kind.CHASED: "Enquiry chased",
    EnquiryStep.Kind.ANSWERED: "Enquiry answered",
    EnquiryStep.Kind.NOT_APPLICABLE: "Enquiry marked not applicable",
}


def _enquiry_name(enquiry: Enquiry) -> str:
    if enquiry.other_council_id is not None:
        return f"Cross-border enquiry to {enquiry.other_council}"
    return str(enquiry.get_check_type_display())


def _enquiry_entries(case: Case) -> Iterable[TimelineEntry]:
    steps = EnquiryStep.objects.filter(enquiry__case=case).select_related("enquiry__other_council", "recorded_by")
    for step in steps:
        lines: list[str] = []
        if step.asked_whom:
            lines.append(f"Asked: {step.asked_whom}")
        if step.method:
            lines.append(f"How: {step.get_method_display()}")
        if step.due_on:
            lines.append(f"Due: {_long(step.due_on)}")
        if step.outcome:
            lines.append(f"Outcome: {step.get_outcome_display()}")
        what = _STEP_TITLES.get(EnquiryStep.Kind(step.kind), step.get_kind_display())
        yield TimelineEntry(
            at=step.recorded_at,
            kind="Enquiry",
            title=f"{what}: {_enquiry_name(step.enquiry)}",
            by=_name(step.recorded_by),
            on=step.on,
            lines=tuple(lines),
            text=step.text,
            order=2,
        )


def _safeguarding_entry(referral: SafeguardingReferral, recorded_at: datetime | None) -> TimelineEntry:
    return TimelineEntry(
        at=recorded_at or _start_of(referral.made_on),
        kind="Safeguarding referral",
        title=f"Safeguarding referral made to {referral.get_made_to_display()}",
        by=_name(referral.made_by),
        on=referral.made_on,
        lines=(f"Their reference: {referral.reference}",),
        text=referral.reason,
        restricted=True,
        order=3,
    )


def _task_entries(tasks: list[CaseTask]) -> Iterable[TimelineEntry]:
    for task in tasks:
        lines = [f"Who: {task.assigned_to}"]
        if task.due_on:
            lines.append(f"Due: {_long(task.due_on)}")
        yield TimelineEntry(
            at=task.created_on,
            kind="Task",
            title=f"Task set: {task.get_kind_display()}",
            by=_name(task.created_by),
            lines=tuple(lines),
            text=task.details,
            order=4,
        )
        if task.status == CaseTask.Status.DONE:
            yield TimelineEntry(
                at=task.modified_on,
                kind="Task",
                title=f"Task done: {task.get_kind_display()}",
                by=_name(task.modified_by),
                on=task.done_on,
                text=task.result,
                order=5,
            )


def _audit_entries(events: list[AuditEvent]) -> Iterable[TimelineEntry]:
    allocated_to = {
        event.data.get("to") for event in events if event.action == AuditAction.CASE_ALLOCATED and event.data
    }
    names = (
        dict(get_user_model().objects.filter(pk__in=[pk for pk in allocated_to if pk]).values_list("pk", "full_name"))
        if allocated_to
        else {}
    )
    for event in events:
        yield TimelineEntry(
            at=event.occurred_at,
            kind="Change",
            title=action_sentence(event.action),
            by=_name(event.actor),
            lines=tuple(_audit_lines(event, names)),
            order=6,
        )


_RISK_FIELD_LABELS = {
    "risk_factors": "risk factors",
    "significant_concerns": "significant concerns",
    "concerns": "the concerns",
    "whereabouts_known": "whether the child's whereabouts are known",
}


def _audit_lines(event: AuditEvent, names: dict[Any, str]) -> list[str]:
    data = event.data or {}
    if event.action == AuditAction.CASE_ALLOCATED and data.get("to") in names:
        return [f"To: {names[data['to']]}"]
    if data.get("outcome") in CaseOutcome.values:
        return [f"Outcome: {CaseOutcome(data['outcome']).label}"]
    if event.action == AuditAction.CASE_RISK_UPDATED:
        lines = []
        if data.get("fields"):
            lines.append("Changed: " + ", ".join(_RISK_FIELD_LABELS.get(name, name) for name in data["fields"]))
        if data.get("risk_level") in RiskLevel.values:
            lines.append(f"Risk level: {RiskLevel(data['risk_level']).label}")
        if data.get("immediate_referral_due"):
            lines.append("An immediate referral to Children's Social Care or MASH is due")
        return lines
    return []
