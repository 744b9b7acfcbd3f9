"""A deadline as the work queues show it, and how near it is.

Every source of deadlines (referral triage, enquiries, case reviews, school confirmations, legal notices)
turns its rows into ``DueItem``s; ``cme.worklist.selectors.due_items`` gathers them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Literal

from cme.core.working_days import add_working_days

__all__ = ["STATE_LABELS", "DueItem", "DueRules", "DueState", "due_state", "is_escalated"]

DueState = Literal["overdue", "due_today", "at_risk", "later"]

STATE_LABELS: dict[str, str] = {
    "overdue": "Overdue",
    "due_today": "Due today",
    "at_risk": "At risk",
    "later": "Not due yet",
}


@dataclass(frozen=True)
class DueItem:
    what: str  # what is due, without any child's details: "Triage referral R-2026-0012"
    due: date
    url: str
    case_reference: str | None
    area_name: str  # "" when the item has no area yet
    officer_id: uuid.UUID | int | None
    officer_name: str
    state: DueState
    kind: str = ""  # the source: "triage", "enquiry", "review", "enquiries_complete", "confirmation", ...
    area_id: str | None = None  # the area's code ("west", "east")
    escalated: bool = False  # overdue by more than the policy's escalation margin

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def due_state(due: date, *, on: date, at_risk_working_days: int) -> DueState:
    """Overdue after its date; due today on it; at risk within ``at_risk_working_days`` working days."""
    if due < on:
        return "overdue"
    if due == on:
        return "due_today"
    if due <= add_working_days(on, at_risk_working_days):
        return "at_risk"
    return "later"


def is_escalated(due: date, *, on: date, escalation_margin_working_days: int) -> bool:
    """Overdue by more than the margin: ``on`` is after the margin's working days past ``due``."""
    return on > add_working_days(due, escalation_margin_working_days)


class DueRules:
    """``due_state`` and ``is_escalated`` for the many deadlines of a work queue on one day: the at-risk
    limit is worked out once, and whether a date is escalated once per date."""

    def __init__(self, *, on: date, at_risk_working_days: int, escalation_margin_working_days: int) -> None:
        self.on = on
        self._at_risk_until = add_working_days(on, at_risk_working_days)
        self._margin = escalation_margin_working_days
        self._escalated: dict[date, bool] = {}

    def state(self, due: date) -> DueState:
        if due < self.on:
            return "overdue"
        if due == self.on:
            return "due_today"
        if due <= self._at_risk_until:
            return "at_risk"
        return "later"

    def escalated(self, due: date) -> bool:
        found = self._escalated.get(due)
        if found is None:
            found = self._escalated[due] = is_escalated(due, on=self.on, escalation_margin_working_days=self._margin)
        return found
