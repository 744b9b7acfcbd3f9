"""Authorised officers: a CME officer the CME manager has authorised (``LegalAuthorisation``, audited)
holds ``Perm.ISSUE_LEGAL_NOTICES`` while the authorisation stands. Every other permission still comes
from the role table alone (cme.accounts.backends.RoleBackend)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend

from cme.accounts.roles import Role
from cme.core.permissions import Perm


class LegalAuthorisationBackend(BaseBackend):
    """Answers ``has_perm`` for ``Perm.ISSUE_LEGAL_NOTICES`` only; authenticates nobody."""

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if perm != Perm.ISSUE_LEGAL_NOTICES or obj is not None:
            return False
        if user_obj.is_anonymous or not user_obj.is_active or user_obj.role != Role.CME_OFFICER:
            return False
        from cme.legal.models import LegalAuthorisation

        return LegalAuthorisation.objects.filter(officer=user_obj, revoked_at__isnull=True).exists()
