"""Reads of the audit trail.

Pages are cut by keyset (the time and id of the last row shown), never by OFFSET or COUNT(*): the
table only grows, and a keyset page deep into it costs the same index range scan as the first one.
Every filter is an exact match or a range on an indexed column (see ``AuditEvent.Meta.indexes``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from cme.audit.events import READ_ACTIONS
from cme.audit.models import AuditEvent

PAGE_SIZE = 50


def events_since(*, action: str, object_type: str, object_id: str, since: datetime) -> int:
    """How many ``action`` events ``object`` has had since ``since`` (for limits kept in the trail)."""
    return AuditEvent.objects.filter(
        action=action, object_type=object_type, object_id=object_id, occurred_at__gte=since
    ).count()


def access_log_for(*, object_type: str, object_id: str) -> QuerySet[AuditEvent]:
    """Every read of one record, newest first, with the reader loaded."""
    return (
        AuditEvent.objects.filter(
            object_type=object_type, object_id=object_id, action__in=[str(action) for action in READ_ACTIONS]
        )
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )


def audit_trail_search(
    *,
    occurred_from: date | None = None,
    occurred_to: date | None = None,
    actor_email: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    request_id: str = "",
) -> QuerySet[AuditEvent]:
    """Audit events matching every filter given, newest first. Dates are whole days in the
    service's time zone, both ends included."""
    events = AuditEvent.objects.select_related("actor").order_by("-occurred_at", "-id")
    if occurred_from is not None:
        events = events.filter(occurred_at__gte=_start_of_day(occurred_from))
    if occurred_to is not None:
        events = events.filter(occurred_at__lt=_start_of_day(occurred_to + timedelta(days=1)))
    if actor_email:
        events = events.filter(actor__email=actor_email.strip().lower())
    if action:
        events = events.filter(action=action)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id.strip())
    if request_id:
        events = events.filter(request_id=request_id.strip())
    return events


@dataclass(frozen=True)
class AuditPage:
    """One page of events, newest first. ``newer_than``/``older_than`` are the ids to pass back as
    ``after``/``before`` for the neighbouring pages, or None where there is none."""

    events: list[AuditEvent]
    newer_than: int | None
    older_than: int | None


def audit_page(
    events: QuerySet[AuditEvent], *, before: int | None = None, after: int | None = None, size: int = PAGE_SIZE
) -> AuditPage:
    """Cut one page from ``events`` (ordered newest first): the first page, the page of events
    older than the event ``before``, or the page of events newer than the event ``after``.
    An id that names no event is ignored."""
    if before is not None and (anchor := _anchor(before)) is not None:
        rows = list(events.filter(_older_than(anchor))[: size + 1])
        page = rows[:size]
        has_older, has_newer = len(rows) > size, bool(page) and events.filter(_newer_than(page[0])).exists()
    elif after is not None and (anchor := _anchor(after)) is not None:
        rows = list(events.filter(_newer_than(anchor)).reverse()[: size + 1])
        page = list(reversed(rows[:size]))
        has_newer, has_older = len(rows) > size, bool(page) and events.filter(_older_than(page[-1])).exists()
    else:
        rows = list(events[: size + 1])
        page = rows[:size]
        has_older, has_newer = len(rows) > size, False
    if not page and (before is not None or after is not None):
        return audit_page(events, size=size)
    return AuditPage(
        events=page,
        newer_than=page[0].id if has_newer else None,
        older_than=page[-1].id if has_older else None,
    )


def _anchor(event_id: int) -> AuditEvent | None:
    return AuditEvent.objects.only("id", "occurred_at").filter(pk=event_id).first()


def _older_than(event: AuditEvent) -> Q:
    return Q(occurred_at__lt=event.occurred_at) | Q(occurred_at=event.occurred_at, id__lt=event.id)


def _newer_than(event: AuditEvent) -> Q:
    return Q(occurred_at__gt=event.occurred_at) | Q(occurred_at=event.occurred_at, id__gt=event.id)


def _start_of_day(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())
