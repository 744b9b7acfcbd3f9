"""Checks every case service makes before it writes: permission, a fresh version, the case locked."""

from __future__ import annotations

from typing import Any

from cme.cases.models import Case
from cme.cases.services.lifecycle import STALE_EDIT
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.permissions import Perm


def require_permission(actor: Any, perm: Perm, message: str) -> None:
    if not actor.has_perm(perm):
        raise PermissionDeniedError(message)


def locked_case(case: Case, *, expected_version: int | None = None) -> Case:
    """The case, re-read under a row lock; refused with ``STALE_EDIT`` when its version moved on."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ApplicationError(STALE_EDIT, field="version")
    return locked


def required_text(value: str, *, limit: int, field: str, missing: str, too_long: str) -> str:
    """``value`` stripped; refused when empty or longer than ``limit`` characters."""
    text = value.strip()
    if not text:
        raise ApplicationError(missing, field=field)
    if len(text) > limit:
        raise ApplicationError(too_long, field=field)
    return text
