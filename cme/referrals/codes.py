"""Coded lists used by referrals: the regulation 9(1) deletion grounds, and the risk factors of policy 3.4
(defined with cases, which carry them after triage)."""

from __future__ import annotations

from django.db import models

from cme.cases.codes import RiskFactor

__all__ = ["JOINT_ENQUIRY_GROUNDS", "DeletionGround", "RiskFactor"]


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
