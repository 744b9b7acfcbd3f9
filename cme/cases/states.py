"""The case lifecycle: states, the transitions allowed between them, and who may make each.

This table is the only definition. ``cme.cases.services.case_transition`` is the only code that
changes a case's status, and it refuses anything not listed here. ``docs/case-lifecycle.md`` shows the
same table; ``cme/cases/tests/test_states.py`` fails if the two differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from django.db import models

from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    ENQUIRIES = "enquiries", "Making enquiries"
    LOCATED = "located", "Located: awaiting confirmation"
    NOT_LOCATED = "not_located", "Not located"
    MANAGER_REVIEW = "manager_review", "Manager review"
    CLOSED = "closed", "Closed"


@dataclass(frozen=True)
class Transition:
    source: CaseStatus
    target: CaseStatus
    action: str  # the button a user presses
    permission: Perm


TRANSITIONS: Final[tuple[Transition, ...]] = (
    Transition(CaseStatus.OPEN, CaseStatus.ENQUIRIES, "Start enquiries", Perm.WORK_CASES),
    Transition(CaseStatus.OPEN, CaseStatus.CLOSED, "Close the case", Perm.WORK_CASES),
    Transition(CaseStatus.ENQUIRIES, CaseStatus.LOCATED, "Record that the child is located", Perm.WORK_CASES),
    Transition(CaseStatus.ENQUIRIES, CaseStatus.NOT_LOCATED, "Record that the child is not located", Perm.WORK_CASES),
    Transition(CaseStatus.ENQUIRIES, CaseStatus.CLOSED, "Close the case", Perm.WORK_CASES),
    Transition(CaseStatus.LOCATED, CaseStatus.CLOSED, "Close: the placement is confirmed", Perm.WORK_CASES),
    Transition(CaseStatus.LOCATED, CaseStatus.ENQUIRIES, "Return to enquiries", Perm.WORK_CASES),
    Transition(CaseStatus.NOT_LOCATED, CaseStatus.MANAGER_REVIEW, "Send for manager review", Perm.WORK_CASES),
    Transition(CaseStatus.NOT_LOCATED, CaseStatus.ENQUIRIES, "Return to enquiries", Perm.WORK_CASES),
    Transition(CaseStatus.MANAGER_REVIEW, CaseStatus.CLOSED, "Close after review", Perm.REVIEW_CASES),
    Transition(CaseStatus.MANAGER_REVIEW, CaseStatus.ENQUIRIES, "Return for more enquiries", Perm.REVIEW_CASES),
    Transition(CaseStatus.CLOSED, CaseStatus.ENQUIRIES, "Reopen the case", Perm.REOPEN_CASES),
)

_BY_PAIR: Final[Mapping[tuple[CaseStatus, CaseStatus], Transition]] = {(t.source, t.target): t for t in TRANSITIONS}


class InvalidTransitionError(ApplicationError):
    """The case cannot move from its current status to the one asked for."""


def transition_for(*, source: str, target: str) -> Transition:
    """The transition from ``source`` to ``target``, or InvalidTransitionError with a reason a user can read."""
    try:
        return _BY_PAIR[(CaseStatus(source), CaseStatus(target))]
    except (KeyError, ValueError):
        source_label = CaseStatus(source).label if source in CaseStatus.values else source
        target_label = CaseStatus(target).label if target in CaseStatus.values else target
        raise InvalidTransitionError(
            f"A case that is “{source_label}” cannot be moved to “{target_label}”", field="target"
        ) from None


def transitions_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]


# While a case is in one of these states the child counts as missing education (the CME interval).
CME_STATES: Final = frozenset(
    {CaseStatus.OPEN, CaseStatus.ENQUIRIES, CaseStatus.NOT_LOCATED, CaseStatus.MANAGER_REVIEW}
)
