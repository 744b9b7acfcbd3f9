"""Authentication by email, and permissions from the user's role (cme/accounts/roles.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from cme.accounts.roles import permissions_for


class RoleBackend(ModelBackend):
    """Grants exactly the permissions of the user's role. Django's per-user and group permission
    tables are not used, so there is one source of truth for who may do what."""

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        return {str(perm) for perm in permissions_for(user_obj.role)}

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)
