"""Coded lists used by referrals: risk factors (policy 3.4) and the regulation 9(1) deletion grounds."""

from __future__ import annotations

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


class DeletionGround(models.TextChoices):
    """Regulation 9(1) of the School Attendance (Pupil Registration) (England) Regulations 2024."""

    A = "A", "A: registered at another school"
    B = "B", "B: completed nursery education and not transferring to reception"
    C = "C", "C: dual registered and will not attend this school"
    D = "D", "D: school attendance order amended to name another school"
    E = "E", "E: school attendance order revoked because suitable education is arranged otherwise"
    F = "F", "F: parent has notified the school in writing of home education"
    G = "G", "G: no longer lives within reasonable distance of the school"
    H = "H", "H: did not return within 10 school days after authorised leave of absence"
    I = "I", "I: continuously absent for 20 school days or more"  # noqa: E741
    J = "J", "J: detained under a sentence of detention"
    K = "K", "K: has died"
    L = "L", "L: will cease to be of compulsory school age and not continue into the sixth form"
    M = "M", "M: boarder whose boarding fees are unpaid"
    N = "N", "N: ceased to be a pupil of an independent or non-maintained special school"
    O = "O", "O: permanently excluded"  # noqa: E741


# Grounds H and I need reasonable enquiries made jointly by the school and the council; without
# evidence of them Hertfordshire does not accept the removal (domain.md §3.2).
JOINT_ENQUIRY_GROUNDS: frozenset[str] = frozenset({DeletionGround.H, DeletionGround.I})
