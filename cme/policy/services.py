"""Recording a new version of the policy values (CME manager only)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.permissions import Perm
from cme.policy.definitions import POLICY_KEYS, parse_value, serialise_value
from cme.policy.models import PolicyVersion
from cme.policy.selectors import policy_values


@transaction.atomic
def policy_version_create(
    *,
    actor: Any,
    effective_from: date,
    values: Mapping[str, Any],
    reason: str,
    today: date | None = None,
) -> PolicyVersion:
    """Record a new version that takes effect on ``effective_from`` (today or later: a date already
    past keeps the values that applied then). Keys left out keep the values in effect on that date.
    The earlier versions are never changed."""
    if not actor.has_perm(Perm.MANAGE_POLICY):
        raise PermissionDeniedError("Only the CME manager can change the policy values")
    today = today or timezone.localdate()
    if effective_from < today:
        raise ApplicationError("The date it takes effect must be today or in the future", field="effective_from")
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Enter why the policy values are changing", field="reason")
    if len(reason) > 2000:
        raise ApplicationError("The reason must be 2,000 characters or fewer", field="reason")
    unknown = set(values) - set(POLICY_KEYS)
    if unknown:
        raise ApplicationError(f"Unknown policy value: {', '.join(sorted(unknown))}")
    before = policy_values(on=effective_from)
    after = dict(before)
    for name, raw in values.items():
        after[name] = parse_value(POLICY_KEYS[name], raw)
    changed = sorted(name for name in POLICY_KEYS if after[name] != before[name])
    if not changed:
        raise ApplicationError("Change at least one value, or cancel")
    # Numbers are handed out in order under a lock on the latest version.
    latest = PolicyVersion.objects.select_for_update().order_by("-number").first()
    number = (latest.number if latest else 0) + 1
    version = PolicyVersion.objects.create(
        number=number,
        effective_from=effective_from,
        values={name: serialise_value(key, after[name]) for name, key in POLICY_KEYS.items()},
        reason=reason,
        recorded_by=actor,
        recorded_on=timezone.now(),
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.POLICY_VERSION_CREATED,
        target=version,
        data={
            "number": number,
            "effective_from": effective_from.isoformat(),
            "changed": {
                name: [serialise_value(POLICY_KEYS[name], before[name]), version.values[name]] for name in changed
            },
        },
    )
    return version
