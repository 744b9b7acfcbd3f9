"""Reading referrals: who may see which, possible duplicates, and what a referrer is told."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from cme.accounts.roles import Role
from cme.cases.models import Case
from cme.core.permissions import Perm
from cme.matching.adapters import record_from_referral
from cme.matching.models import MatchableRecord
from cme.matching.selectors import matching_find_open
from cme.referrals.models import Referral, SchoolTask

Team = Referral.Team

# Organisation roles that make referrals and may follow their status (never the details of what follows).
_REFERRER_ROLES = frozenset({Role.SCHOOL_USER, Role.PARTNER_USER, Role.ADMISSIONS_OFFICER})


def referral_queue_for(*, user: Any) -> QuerySet[Referral]:
    """The referrals a council officer works on: by team, and for area officers by area.

    - CME officers: CME referrals in their area and unallocated ones; the CME manager: all CME referrals.
    - Attendance duty officers: referrals sent to the attendance duty team of their area (or of no area).
    - EHE officers: referrals sent to the EHE team.
    """
    referrals = Referral.objects.select_related("area", "last_school")
    role = getattr(user, "role", "")
    if role == Role.CME_MANAGER:
        return referrals.filter(team=Team.CME)
    if role == Role.CME_OFFICER:
        return referrals.filter(team=Team.CME).filter(Q(area_id=user.area_id) | Q(area__isnull=True))
    if role == Role.ATTENDANCE_OFFICER:
        return referrals.filter(team=Team.ATTENDANCE).filter(Q(area_id=user.area_id) | Q(area__isnull=True))
    if role == Role.EHE_OFFICER:
        return referrals.filter(team=Team.EHE)
    return referrals.none()


def referral_queue_filtered(
    *, user: Any, status: str = Referral.Status.OPEN, urgent_only: bool = False, channel: str = ""
) -> QuerySet[Referral]:
    """A page of the queue: ``user``'s queue filtered, urgent referrals first and then the oldest first
    (the one waiting longest is the most overdue)."""
    referrals = referral_queue_for(user=user).filter(status=status)
    if urgent_only:
        referrals = referrals.filter(urgent=True)
    if channel:
        referrals = referrals.filter(channel=channel)
    return referrals.order_by("-urgent", "created_on", "reference")


def referral_visible_to(*, user: Any) -> QuerySet[Referral]:
    """Every referral whose details ``user`` may read: their queue, plus those they decided on before
    the referral moved on, and for the CME manager every referral."""
    if getattr(user, "role", "") == Role.CME_MANAGER:
        return Referral.objects.select_related("area", "last_school")
    if not user.has_perm(Perm.VIEW_REFERRALS):
        return Referral.objects.none()
    return referral_queue_for(user=user) | Referral.objects.filter(decided_by=user)


def referral_get_for_user(*, user: Any, referral_id: uuid.UUID) -> Referral | None:
    return referral_visible_to(user=user).filter(pk=referral_id).first()


def referrals_made_by(*, user: Any) -> QuerySet[Referral]:
    """Referrals made by the user's organisation (schools, agencies, admissions), newest first."""
    if getattr(user, "role", "") not in _REFERRER_ROLES or user.organisation_id is None:
        return Referral.objects.none()
    return Referral.objects.filter(referrer_organisation_id=user.organisation_id, related_referral__isnull=True)


@dataclass(frozen=True)
class ReferrerStatus:
    label: str
    colour: str


def referral_status_for_referrer(referral: Referral) -> ReferrerStatus:
    """What a referrer may know: received, being dealt with, or closed. Never the decision or the case."""
    if referral.status == Referral.Status.OPEN:
        if referral.decided_on is None:
            return ReferrerStatus("Received", "blue")
        return ReferrerStatus("Being dealt with", "yellow")
    if referral.case is not None and referral.case.status != Case.Status.CLOSED:
        return ReferrerStatus("Being dealt with", "yellow")
    return ReferrerStatus("Closed", "grey")


def school_tasks_for(*, user: Any, status: str = SchoolTask.Status.OPEN) -> QuerySet[SchoolTask]:
    school_id = getattr(getattr(user, "organisation", None), "school_id", None)
    if getattr(user, "role", "") != Role.SCHOOL_USER or school_id is None:
        return SchoolTask.objects.none()
    return SchoolTask.objects.filter(school_id=school_id, status=status).select_related("referral")


def school_task_get_for_user(*, user: Any, task_id: uuid.UUID) -> SchoolTask | None:
    return school_tasks_for(user=user, status=SchoolTask.Status.OPEN).filter(pk=task_id).first()


# Possible duplicates: the record matching engine scores the open referrals and open cases that share
# a blocking key with the referral (cme.matching.selectors.matching_find_open).


@dataclass(frozen=True)
class PossibleDuplicate:
    kind: str  # "referral" or "case"
    id: uuid.UUID
    reference: str
    name: str
    date_of_birth: Any
    postcode: str
    reasons: tuple[str, ...]
    band: str = ""  # "match" or "possible"
    percent: int = 0
    against: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()


def referral_possible_duplicates(referral: Referral) -> list[PossibleDuplicate]:
    """Open referrals and open cases that may be the same child, most likely first, each with the
    fields that point to the same child (``reasons``) and those that point away (``against``).
    Pairs the engine flags as possibly twins or siblings carry ``cautions``."""
    found = matching_find_open(
        record=record_from_referral(referral), exclude_referral_id=referral.pk, exclude_case_id=referral.case_id
    )
    duplicates: dict[tuple[str, uuid.UUID], PossibleDuplicate] = {}
    for match in found:
        row = match.row
        if row.source == MatchableRecord.Source.REFERRAL and row.referral is not None:
            kind, target_id, reference = "referral", row.referral.pk, row.referral.reference
        elif match.case_id is not None:
            kind, target_id, reference = "case", match.case_id, match.case_reference
        else:
            continue
        if (kind, target_id) in duplicates:
            continue
        duplicates[(kind, target_id)] = PossibleDuplicate(
            kind=kind,
            id=target_id,
            reference=reference,
            name=f"{row.forenames} {row.surname}".strip(),
            date_of_birth=row.date_of_birth,
            postcode=row.postcode,
            reasons=match.reasons,
            band=match.band,
            percent=match.percent,
            against=match.against,
            cautions=match.cautions,
        )
    return list(duplicates.values())


def possible_duplicate_target(duplicate: PossibleDuplicate) -> tuple[Referral | None, Case | None]:
    """The open referral or open case a possible duplicate stands for (None if it has closed since)."""
    if duplicate.kind == "case":
        return None, Case.objects.filter(pk=duplicate.id).exclude(status=Case.Status.CLOSED).first()
    return Referral.objects.filter(pk=duplicate.id, status=Referral.Status.OPEN).first(), None
