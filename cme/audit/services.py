"""The one way to write to the audit trail. Call it inside the transaction of the action it
records, so the action and its audit row commit or roll back together."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from cme.audit.events import READ_ACTIONS, AuditAction
from cme.audit.models import AuditEvent
from cme.core.request_context import get_request_id


def audit_record(
    *,
    actor: Any,
    action: AuditAction,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    case_id: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``data`` holds identifiers and codes only, never a child's details.

    Must be called inside a transaction (``ATOMIC_REQUESTS`` gives every view one); outside one it
    would commit on its own and could record an action that then failed.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record() must run inside the transaction of the action it records.")
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
    return AuditEvent.objects.create(
        occurred_at=timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=str(action),
        object_type=object_type,
        object_id=object_id,
        case_id=case_id,
        request_id=get_request_id(),
        data=data or {},
    )


def audit_read(
    *,
    actor: Any,
    target: models.Model,
    action: AuditAction = AuditAction.RECORD_VIEWED,
    case_id: str = "",
) -> AuditEvent:
    """Record that ``actor`` looked at ``target``: call it from every detail view of a record that
    holds personal data, so the record's "who has looked at this record" page lists the read.

    ``action`` is a read action (``READ_ACTIONS``): a specific one such as ``USER_VIEWED`` where it
    exists, otherwise ``RECORD_VIEWED``.
    """
    if action not in READ_ACTIONS:
        raise ValueError(f"{action} is not a read action; record changes with audit_record().")
    return audit_record(actor=actor, action=action, target=target, case_id=case_id)
