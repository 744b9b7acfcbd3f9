"""Outcomes and the evidence each needs (domain.md §10.2; policy 5.5, 6.4 to 6.6).

The services in ``cme.cases.services.outcomes`` (and the review in ``cme.casework.services``) enforce
these rules; pages show ``OUTCOME_RULES`` as hints, and docs/case-lifecycle.md ("Outcomes and their
evidence") shows the same table (a test keeps them identical).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from cme.cases.codes import CaseOutcome
from cme.core.exceptions import ApplicationError

# How each outcome is recorded.
BY_LOCATED: Final = "Record that the child is located, then the school's confirmation"
BY_CLOSING: Final = "Close the case with an outcome"
BY_REVIEW: Final = "The CME manager's review"

# Destinations in a Common Transfer File's header (domain.md §6.2): XXX unknown, MMM moved abroad.
CTF_DESTINATION_UNKNOWN: Final = "XXXXXXX"
CTF_MOVED_ABROAD: Final = "MMMMMMM"


@dataclass(frozen=True)
class OutcomeRule:
    outcome: CaseOutcome
    recorded_by: str
    evidence: str  # what must be recorded, as a sentence for pages and the documentation
    ctf_destination: str = ""

    @property
    def label(self) -> str:
        return str(self.outcome.label)


OUTCOME_RULES: Final[Mapping[CaseOutcome, OutcomeRule]] = {
    rule.outcome: rule
    for rule in (
        OutcomeRule(
            CaseOutcome.ON_ROLL_IN_LA,
            BY_LOCATED,
            "The school, from the schools register; the date found; the expected start date; how you know. "
            "Closes only when the school confirms the start date and that the child is attending",
        ),
        OutcomeRule(
            CaseOutcome.ON_ROLL_OTHER_LA,
            BY_LOCATED,
            "The other council and the school's name; the date found; the expected start date; how you know. "
            "Closes only when the school confirms the start date and that the child is attending",
        ),
        OutcomeRule(
            CaseOutcome.PLACED_VIA_ADMISSIONS,
            BY_LOCATED,
            "The school, from the schools register; the date the place was offered; the start date; how you know. "
            "Closes only when the school confirms the start date and that the child is attending",
        ),
        OutcomeRule(
            CaseOutcome.EHE_SUITABLE,
            BY_CLOSING,
            "The parent's written notice of home education. If the child's home education was assessed as "
            "unsuitable before, also that the new provision has been assessed as suitable (policy 5.5)",
        ),
        OutcomeRule(
            CaseOutcome.OTHER_SUITABLE_PROVISION,
            BY_CLOSING,
            "The provider, and its confirmation that the child attends",
        ),
        OutcomeRule(
            CaseOutcome.LEFT_UK,
            BY_CLOSING,
            "The country or new address, and confirmation that the child has left (for example from the new "
            "school); without confirmation the child is treated as missing. The CTF goes to the Lost Pupils "
            "Database as moved abroad; a child on a Child in Need or Child Protection plan gets a task for "
            "the social worker to contact counterparts abroad (policy 6.6)",
            CTF_MOVED_ABROAD,
        ),
        OutcomeRule(
            CaseOutcome.AGED_OUT,
            BY_CLOSING,
            "None beyond the date of birth: refused until the child's compulsory school age has ended",
        ),
        OutcomeRule(CaseOutcome.DECEASED, BY_CLOSING, "How and when the council was told"),
        OutcomeRule(
            CaseOutcome.NOT_CME_ON_ROLL,
            BY_CLOSING,
            "The school the child is on roll at, and that the absence was passed to attendance",
        ),
        OutcomeRule(
            CaseOutcome.NOT_LOCATED_SOCIAL_CARE,
            BY_REVIEW,
            "Every enquiry made and concluded, confirmed by the manager; Children's Social Care's reference",
        ),
        OutcomeRule(
            CaseOutcome.NOT_LOCATED_LPD,
            BY_REVIEW,
            "Every enquiry made and concluded, confirmed by the manager. The CTF goes to the Lost Pupils "
            "Database as destination unknown (policy 6.5)",
            CTF_DESTINATION_UNKNOWN,
        ),
    )
}

# Outcomes recorded by "Close the case with an outcome", in the order the page offers them.
CLOSING_OUTCOMES: Final[tuple[CaseOutcome, ...]] = tuple(
    rule.outcome for rule in OUTCOME_RULES.values() if rule.recorded_by == BY_CLOSING
)


def ctf_destination(*, outcome: str, lost_pupils_database: bool) -> str:
    """The destination a closed case's Common Transfer File carries, or "" when it goes to a school."""
    if not lost_pupils_database:
        return ""
    try:
        return OUTCOME_RULES[CaseOutcome(outcome)].ctf_destination
    except ValueError:
        return ""


class OutcomeEvidenceError(ApplicationError):
    """One or more things an outcome needs are missing or wrong. ``problems`` lists them all as
    (field, message) in the order a page shows them; ``message`` is the first."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        field, message = problems[0]
        super().__init__(message, field=field)
        self.problems = problems
