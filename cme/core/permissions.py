"""The permission vocabulary. Which role holds which permission is in cme/accounts/roles.py
(and docs/permissions.md, which a test keeps identical to it)."""

from __future__ import annotations

from enum import StrEnum


class Perm(StrEnum):
    VIEW_WORK_LIST = "cme.view_work_list"
    VIEW_SCHOOLS = "cme.view_schools"
    MANAGE_USERS = "cme.manage_users"
    MANAGE_MAILBOXES = "cme.manage_mailboxes"
    VIEW_ACCESS_LOG = "cme.view_access_log"
    VIEW_AUDIT_TRAIL = "cme.view_audit_trail"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS: dict[Perm, str] = {
    Perm.VIEW_WORK_LIST: "See the CME work list of cases and referrals",
    Perm.VIEW_SCHOOLS: "Search the schools register",
    Perm.MANAGE_USERS: "Create, change and deactivate user accounts",
    Perm.MANAGE_MAILBOXES: "Change the team mailboxes that referrals and notices go to",
    Perm.VIEW_ACCESS_LOG: "See who has looked at a record",
    Perm.VIEW_AUDIT_TRAIL: "Search the whole audit trail",
}
