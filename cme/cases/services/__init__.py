"""Writes to cases. One module per sub-domain; import from here.

- lifecycle: opening a case, the status transitions (the only code that changes a case's status),
  claiming and allocating.
"""

from cme.cases.services.lifecycle import STALE_EDIT, case_allocate, case_claim, case_open, case_transition

__all__ = ["STALE_EDIT", "case_allocate", "case_claim", "case_open", "case_transition"]
