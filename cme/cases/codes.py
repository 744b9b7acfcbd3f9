"""Coded lists for cases: risk factors (policy 3.4) and outcomes (domain.md §10.2)."""

from __future__ import annotations

from typing import Final

from django.db import models


class RiskFactor(models.TextChoices):
    """Life events that make a child more likely to go missing from education (policy 3.4)."""

    TEMPORARY_ACCOMMODATION = (
        "temporary_accommodation",
        "Homeless, or in temporary, shared or bed and breakfast accommodation",
    )
    FLEEING_DOMESTIC_VIOLENCE = "fleeing_domestic_violence", "Family fleeing domestic violence"
    CHILD_IN_NEED = "child_in_need", "On a Child in Need plan"
    CHILD_PROTECTION = "child_protection", "On a Child Protection plan"
    EARLY_HELP = "early_help", "Supported by Early Help"
    LOOKED_AFTER = "looked_after", "Looked after by a council"
    GYPSY_ROMA_TRAVELLER = "gypsy_roma_traveller", "Gypsy, Roma or Traveller background"
    HIGHLY_MOBILE = "highly_mobile", "Highly mobile family, for example asylum seekers or economic migrants"
    CRIMINAL_JUSTICE = "criminal_justice", "In the criminal justice system"
    MEDICAL = "medical", "Long-term medical or emotional health problems"
    PRIVATE_FOSTERING = "private_fostering", "In a private fostering arrangement"
    SCHOOL_AGED_PARENT = "school_aged_parent", "A school-aged parent"
    PARENT_NEEDS = "parent_needs", "Parents with learning difficulties or a mental health diagnosis"
    MOVED_ACROSS_BORDERS = "moved_across_borders", "Recently moved across council boundaries"


# Which factors make a case high risk is a policy value (``high_risk_factors``, policy 3.4), kept in
# cme/policy/definitions.py with versions and effective dates; cme/cases/risk.py applies it.


class RiskLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    HIGH = "high", "High"


class CaseOutcome(models.TextChoices):
    """Why a case closed (domain.md §10.2). Each needs its own evidence (cme.cases.outcomes)."""

    ON_ROLL_IN_LA = "on_roll_in_la", "Located on roll at a school in Hertfordshire"
    ON_ROLL_OTHER_LA = "on_roll_other_la", "Moved: on roll in another English council's area"
    PLACED_VIA_ADMISSIONS = (
        "placed_via_admissions",
        "Placed at a school through admissions or a school attendance order",
    )
    EHE_SUITABLE = "ehe_suitable", "Elective home education: handed to the EHE team"
    OTHER_SUITABLE_PROVISION = "other_suitable_provision", "Other suitable provision (alternative provision, college)"
    LEFT_UK = "left_uk", "Left England: moved abroad or to Wales, Scotland or Northern Ireland"
    NOT_LOCATED_LPD = "not_located_lpd", "Not located: Lost Pupils Database"
    NOT_LOCATED_SOCIAL_CARE = "not_located_social_care", "Not located: passed to Children's Social Care"
    AGED_OUT = "aged_out", "Ceased to be of compulsory school age"
    DECEASED = "deceased", "Died"
    NOT_CME_ON_ROLL = "not_cme_on_roll", "Not missing education: on a school roll"


# Outcomes reached by finding the child on a roll: the case waits for the school to confirm.
LOCATED_OUTCOMES: Final = frozenset(
    {CaseOutcome.ON_ROLL_IN_LA, CaseOutcome.ON_ROLL_OTHER_LA, CaseOutcome.PLACED_VIA_ADMISSIONS}
)
# Outcomes only the manager's review can record (policy 6.4, 6.5).
REVIEW_OUTCOMES: Final = frozenset({CaseOutcome.NOT_LOCATED_LPD, CaseOutcome.NOT_LOCATED_SOCIAL_CARE})
