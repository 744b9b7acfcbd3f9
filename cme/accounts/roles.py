"""Roles and what each may do: the one place where role → permissions is decided.

docs/permissions.md shows the same table; cme/accounts/tests/test_roles.py fails if they differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from django.db import models

from cme.core.permissions import Perm


class Role(models.TextChoices):
    CME_OFFICER = "cme_officer", "CME officer"
    CME_MANAGER = "cme_manager", "CME manager"
    ATTENDANCE_OFFICER = "attendance_officer", "Attendance duty officer"
    ADMISSIONS_OFFICER = "admissions_officer", "Admissions officer"
    EHE_OFFICER = "ehe_officer", "Elective home education officer"
    SCHOOL_USER = "school_user", "School user"
    PARTNER_USER = "partner_user", "Partner agency user"
    AUDITOR = "auditor", "Auditor"
    SYSTEM_ADMIN = "system_admin", "System administrator"


# Roles whose holder works for one area (West or East) and must have one.
AREA_ROLES: Final = frozenset({Role.CME_OFFICER, Role.ATTENDANCE_OFFICER})
# Roles whose holder belongs to an organisation of this kind (Organisation.Kind values).
ORGANISATION_KIND_FOR_ROLE: Final[Mapping[Role, str]] = {
    Role.CME_OFFICER: "council_team",
    Role.CME_MANAGER: "council_team",
    Role.ATTENDANCE_OFFICER: "council_team",
    Role.ADMISSIONS_OFFICER: "council_team",
    Role.EHE_OFFICER: "council_team",
    Role.SCHOOL_USER: "school",
    Role.PARTNER_USER: "partner_agency",
    Role.AUDITOR: "council_team",
    Role.SYSTEM_ADMIN: "council_team",
}

_COUNCIL_CASEWORK: Final = frozenset({Perm.VIEW_WORK_LIST, Perm.VIEW_SCHOOLS})

_CME_TEAM: Final = _COUNCIL_CASEWORK | {
    Perm.RECORD_REFERRAL,
    Perm.VIEW_REFERRALS,
    Perm.TRIAGE_REFERRALS,
    Perm.VIEW_CASES,
    Perm.WORK_CASES,
    Perm.VIEW_POLICY,
    Perm.VIEW_DASHBOARD,
    Perm.MAKE_LOST_PUPIL_FILE,
    Perm.VIEW_LEGAL,
    Perm.WORK_LEGAL,
    Perm.REVIEW_MATCHES,
    Perm.UPLOAD_ROLL_RETURNS,
}
_RECEIVING_TEAM: Final = _COUNCIL_CASEWORK | {Perm.VIEW_REFERRALS, Perm.DEAL_WITH_REFERRALS}

ROLE_PERMISSIONS: Final[Mapping[Role, frozenset[Perm]]] = {
    Role.CME_OFFICER: _CME_TEAM,
    Role.CME_MANAGER: _CME_TEAM
    | {
        Perm.MANAGE_MAILBOXES,
        Perm.VIEW_ACCESS_LOG,
        Perm.VIEW_AUDIT_TRAIL,
        Perm.ALLOCATE_CASES,
        Perm.REVIEW_CASES,
        Perm.REOPEN_CASES,
        Perm.MANAGE_POLICY,
        Perm.VIEW_MESSAGE_LOG,
        Perm.EXPORT_DATA,
        Perm.PREPARE_DFE_RETURN,
        Perm.ISSUE_LEGAL_NOTICES,
        Perm.AUTHORISE_LEGAL_OFFICERS,
        Perm.MANAGE_LETTER_TEMPLATES,
    },
    Role.ATTENDANCE_OFFICER: _RECEIVING_TEAM,
    Role.ADMISSIONS_OFFICER: _COUNCIL_CASEWORK | {Perm.SUBMIT_ADMISSIONS_REFERRAL, Perm.FOLLOW_OWN_REFERRALS},
    Role.EHE_OFFICER: _RECEIVING_TEAM,
    Role.SCHOOL_USER: frozenset({Perm.SUBMIT_SCHOOL_REFERRAL, Perm.FOLLOW_OWN_REFERRALS, Perm.COMPLETE_SCHOOL_TASKS}),
    Role.PARTNER_USER: frozenset({Perm.SUBMIT_PARTNER_REFERRAL, Perm.FOLLOW_OWN_REFERRALS}),
    Role.AUDITOR: frozenset({Perm.VIEW_ACCESS_LOG, Perm.VIEW_AUDIT_TRAIL, Perm.VIEW_MESSAGE_LOG}),
    Role.SYSTEM_ADMIN: frozenset({Perm.MANAGE_USERS, Perm.MANAGE_MAILBOXES, Perm.VIEW_SCHOOLS, Perm.VIEW_MESSAGE_LOG}),
}


def permissions_for(role: str) -> frozenset[Perm]:
    try:
        return ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return frozenset()
