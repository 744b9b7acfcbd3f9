"""Writes to cases. One module per sub-domain; import from here.

- lifecycle: opening a case, the status transitions (the only code that changes a case's status),
  claiming and allocating.
- risk: risk factors and concerns (the risk level follows), safeguarding referrals, tasks for others
  (such as the social worker contacting counterparts abroad).
- restriction: restricting a case, lifting it, and revealing its hidden details with a reason.
- notes: notes on the case's timeline.
- outcomes: starting enquiries, located and the school's confirmation, closing with an outcome and its
  evidence, closing after the manager's review, reopening.
"""

from cme.cases.services.lifecycle import STALE_EDIT, case_allocate, case_claim, case_open, case_transition
from cme.cases.services.notes import case_note_add
from cme.cases.services.outcomes import (
    case_check_transition,
    case_close_not_located,
    case_close_with_outcome,
    case_confirm_placement,
    case_record_located,
    case_reopen,
    case_return_to_enquiries,
    case_start_enquiries,
)
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
    "case_check_transition",
    "case_claim",
    "case_close_not_located",
    "case_close_with_outcome",
    "case_confirm_placement",
    "case_counterparts_abroad_task_create",
    "case_note_add",
    "case_open",
    "case_record_located",
    "case_reopen",
    "case_restrict",
    "case_restricted_details_reveal",
    "case_return_to_enquiries",
    "case_risk_update",
    "case_start_enquiries",
    "case_task_complete",
    "case_task_create",
    "case_transition",
    "case_unrestrict",
    "safeguarding_referral_record",
]
