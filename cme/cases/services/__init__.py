"""Writes to cases. One module per sub-domain; import from here.

- lifecycle: opening a case, the status transitions (the only code that changes a case's status),
  claiming and allocating.
- risk: risk factors and concerns (the risk level follows), safeguarding referrals, tasks for others
  (such as the social worker contacting counterparts abroad).
- restriction: restricting a case, lifting it, and revealing its hidden details with a reason.
- notes: notes on the case's timeline.
"""

from cme.cases.services.lifecycle import STALE_EDIT, case_allocate, case_claim, case_open, case_transition
from cme.cases.services.notes import case_note_add
from cme.cases.services.restriction import case_restrict, case_restricted_details_reveal, case_unrestrict
from cme.cases.services.risk import (
    case_counterparts_abroad_task_create,
    case_risk_update,
    case_task_complete,
    case_task_create,
    safeguarding_referral_record,
)

__all__ = [
    "STALE_EDIT",
    "case_allocate",
    "case_claim",
    "case_counterparts_abroad_task_create",
    "case_note_add",
    "case_open",
    "case_restrict",
    "case_restricted_details_reveal",
    "case_risk_update",
    "case_task_complete",
    "case_task_create",
    "case_transition",
    "case_unrestrict",
    "safeguarding_referral_record",
]
