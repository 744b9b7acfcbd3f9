"""Writing term dates (CME manager) and pausing and restarting a case's clocks (CME officers)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.calendars.defaults import DEFAULT_TERM_DATES
from cme.calendars.models import HALF_TERMS, CaseReview, ClockPause, TermDates
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.permissions import Perm

# Term dates are kept a few years either side of today.
_EARLIEST_YEAR = 2020
_LATEST_YEAR = 2040


def _check_half_terms(academic_year: int, half_terms: Sequence[tuple[date, date]]) -> None:
    if len(half_terms) != len(HALF_TERMS):
        raise ApplicationError("Enter the first and last day of all six half-terms")
    start, end = date(academic_year, 8, 1), date(academic_year + 1, 8, 31)
    previous_last: date | None = None
    for (prefix, name), (first, last) in zip(HALF_TERMS, half_terms, strict=True):
        if not start <= first <= end:
            raise ApplicationError(
                f"{name}: the first day must be in the {academic_year} to {academic_year + 1} school year",
                field=f"{prefix}_first",
            )
        if last < first:
            raise ApplicationError(f"{name}: the last day must be on or after the first day", field=f"{prefix}_last")
        if not start <= last <= end:
            raise ApplicationError(
                f"{name}: the last day must be in the {academic_year} to {academic_year + 1} school year",
                field=f"{prefix}_last",
            )
        if previous_last is not None and first <= previous_last:
            raise ApplicationError(
                f"{name}: the first day must be after the end of the half-term before", field=f"{prefix}_first"
            )
        previous_last = last


@transaction.atomic
def term_dates_save(*, actor: Any, academic_year: int, half_terms: Sequence[tuple[date, date]]) -> TermDates:
    """Record or replace the term dates of one academic year (the year it starts in). Audited with the
    dates before and after."""
    if not actor.has_perm(Perm.MANAGE_POLICY):
        raise PermissionDeniedError("Only the CME manager can change the term dates")
    if not _EARLIEST_YEAR <= academic_year <= _LATEST_YEAR:
        raise ApplicationError(
            f"The school year must start between {_EARLIEST_YEAR} and {_LATEST_YEAR}", field="academic_year"
        )
    _check_half_terms(academic_year, half_terms)
    fields = {}
    for (prefix, _), (first, last) in zip(HALF_TERMS, half_terms, strict=True):
        fields[f"{prefix}_first"] = first
        fields[f"{prefix}_last"] = last
    existing = TermDates.objects.select_for_update().filter(academic_year=academic_year).first()
    before = [[first.isoformat(), last.isoformat()] for _, first, last in existing.half_terms()] if existing else None
    if existing is None:
        term_dates = TermDates.objects.create(
            academic_year=academic_year, created_by=actor, modified_by=actor, **fields
        )
    else:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.modified_by = actor
        existing.save()
        term_dates = existing
    audit_record(
        actor=actor,
        action=AuditAction.TERM_DATES_SAVED,
        target=term_dates,
        data={
            "academic_year": academic_year,
            "before": before,
            "after": [[first.isoformat(), last.isoformat()] for first, last in half_terms],
        },
    )
    return term_dates


@transaction.atomic
def term_dates_seed_defaults(*, actor: Any | None = None) -> int:
    """Record the synthetic default term dates for any year that has none (demo data). Returns how many."""
    added = 0
    for year, half_terms in DEFAULT_TERM_DATES.items():
        if TermDates.objects.filter(academic_year=year).exists():
            continue
        fields = {}
        for (prefix, _), (first, last) in zip(HALF_TERMS, half_terms, strict=True):
            fields[f"{prefix}_first"] = first
            fields[f"{prefix}_last"] = last
        TermDates.objects.create(academic_year=year, created_by=actor, modified_by=actor, **fields)
        added += 1
    return added


def _case_clock_permission(actor: Any) -> None:
    if not actor.has_perm(Perm.WORK_CASES):
        raise PermissionDeniedError("You do not have permission to pause a case's clock")


@transaction.atomic
def clock_pause(
    *, case: Any, clock: str, actor: Any, paused_on: date, reason: str, today: date | None = None
) -> ClockPause:
    """Stop one of a case's clocks while the team waits on someone else. Days from ``paused_on`` until
    it restarts do not count towards its due date."""
    _case_clock_permission(actor)
    today = today or timezone.localdate()
    if clock not in ClockPause.Clock.values:
        raise ApplicationError("Select which clock to pause", field="clock")
    if getattr(case, "status", "") == "closed":
        raise ApplicationError("This case is closed: its clocks have stopped")
    if paused_on > today:
        raise ApplicationError("The date it was paused must be today or in the past", field="paused_on")
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Enter who or what the case is waiting for", field="reason")
    if len(reason) > 2000:
        raise ApplicationError("The reason must be 2,000 characters or fewer", field="reason")
    pauses = ClockPause.objects.select_for_update().filter(case=case, clock=clock)
    if pauses.filter(resumed_on__isnull=True).exists():
        raise ApplicationError("This clock is already paused", field="clock")
    latest = pauses.order_by("-resumed_on").first()
    if latest is not None and latest.resumed_on is not None and paused_on < latest.resumed_on:
        raise ApplicationError(
            "The date it was paused must be on or after the day it last restarted", field="paused_on"
        )
    pause = ClockPause.objects.create(
        case=case, clock=clock, paused_on=paused_on, reason=reason, paused_by=actor, created_by=actor, modified_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.CASE_CLOCK_PAUSED,
        target=pause,
        case_id=str(case.pk),
        data={"clock": clock, "paused_on": paused_on.isoformat()},
    )
    return pause


@transaction.atomic
def clock_resume(
    *, pause: ClockPause, actor: Any, resumed_on: date, reason: str, today: date | None = None
) -> ClockPause:
    """Restart a paused clock: ``resumed_on`` is the first day that counts again."""
    _case_clock_permission(actor)
    today = today or timezone.localdate()
    pause = ClockPause.objects.select_for_update().get(pk=pause.pk)
    if pause.resumed_on is not None:
        raise ApplicationError("This clock has already restarted")
    if resumed_on > today:
        raise ApplicationError("The date it restarted must be today or in the past", field="resumed_on")
    if resumed_on < pause.paused_on:
        raise ApplicationError("The date it restarted must be on or after the date it was paused", field="resumed_on")
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Enter why the clock is restarting", field="resume_reason")
    if len(reason) > 2000:
        raise ApplicationError("The reason must be 2,000 characters or fewer", field="resume_reason")
    pause.resumed_on = resumed_on
    pause.resume_reason = reason
    pause.resumed_by = actor
    pause.modified_by = actor
    pause.save(update_fields=["resumed_on", "resume_reason", "resumed_by", "modified_by", "modified_on"])
    audit_record(
        actor=actor,
        action=AuditAction.CASE_CLOCK_RESUMED,
        target=pause,
        case_id=str(pause.case_id),
        data={"clock": pause.clock, "paused_on": pause.paused_on.isoformat(), "resumed_on": resumed_on.isoformat()},
    )
    return pause


@transaction.atomic
def case_review_record(
    *, case: Any, actor: Any, reviewed_on: date, summary: str, today: date | None = None
) -> CaseReview:
    """Record a periodic review of an open case: what was reviewed and what happens next. The next
    review falls due counted from ``reviewed_on``."""
    if not actor.has_perm(Perm.WORK_CASES):
        raise PermissionDeniedError("You do not have permission to review a case")
    today = today or timezone.localdate()
    if getattr(case, "status", "") == "closed":
        raise ApplicationError("This case is closed: reopen it before reviewing it")
    if reviewed_on > today:
        raise ApplicationError("The date of the review must be today or in the past", field="reviewed_on")
    summary = summary.strip()
    if not summary:
        raise ApplicationError("Enter what the review found and what happens next", field="summary")
    if len(summary) > 5000:
        raise ApplicationError("The review must be 5,000 characters or fewer", field="summary")
    review = CaseReview.objects.create(
        case=case, reviewed_on=reviewed_on, reviewed_by=actor, summary=summary, created_by=actor, modified_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.CASE_REVIEW_RECORDED,
        target=review,
        case_id=str(case.pk),
        data={"reviewed_on": reviewed_on.isoformat()},
    )
    return review
