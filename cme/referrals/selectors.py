"""Reading referrals: who may see which, possible duplicates, and what a referrer is told."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from cme.accounts.roles import Role
from cme.cases.models import Case
from cme.core.permissions import Perm
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


# Possible duplicates. One function, so the record matching engine can replace it whole.


@dataclass(frozen=True)
class PossibleDuplicate:
    kind: str  # "referral" or "case"
    id: uuid.UUID
    reference: str
    name: str
    date_of_birth: Any
    postcode: str
    reasons: tuple[str, ...]


def _name_key(value: str) -> str:
    """Letters only, without accents, lower case: 'Zoë-Ann ' → 'zoeann'."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalpha())


def _names_similar(a_forenames: str, a_surname: str, b_forenames: str, b_surname: str) -> bool:
    """Same surname (or one contains the other) and forenames sharing their first three letters."""
    sa, sb = _name_key(a_surname), _name_key(b_surname)
    fa, fb = _name_key(a_forenames), _name_key(b_forenames)
    surname_alike = bool(sa and sb) and (sa == sb or sa in sb or sb in sa)
    forename_alike = bool(fa and fb) and fa[:3] == fb[:3]
    return surname_alike and forename_alike


def referral_possible_duplicates(referral: Referral) -> list[PossibleDuplicate]:
    """Open referrals and open cases that may be the same child: same UPN; same date of birth and
    similar names; or same date of birth and postcode."""
    found: dict[tuple[str, uuid.UUID], PossibleDuplicate] = {}
    for kind, row, reasons in _candidate_rows(referral):
        key = (kind, row["id"])
        if key in found:
            reasons = tuple(dict.fromkeys(found[key].reasons + reasons))
        found[key] = PossibleDuplicate(
            kind=kind,
            id=row["id"],
            reference=row["reference"],
            name=f"{row['forenames']} {row['surname']}".strip(),
            date_of_birth=row["date_of_birth"],
            postcode=row["postcode"],
            reasons=reasons,
        )
    return sorted(found.values(), key=lambda d: (-len(d.reasons), d.reference))


def possible_duplicate_target(duplicate: PossibleDuplicate) -> tuple[Referral | None, Case | None]:
    """The open referral or open case a possible duplicate stands for (None if it has closed since)."""
    if duplicate.kind == "case":
        return None, Case.objects.filter(pk=duplicate.id).exclude(status=Case.Status.CLOSED).first()
    return Referral.objects.filter(pk=duplicate.id, status=Referral.Status.OPEN).first(), None


def _identity_conditions(referral: Referral, prefix: str = "") -> Q | None:
    """Rows sharing the referral's UPN or date of birth: the blocking step before names are compared."""
    conditions = Q()
    if referral.upn:
        conditions |= Q(**{f"{prefix}upn": referral.upn})
    if referral.date_of_birth:
        conditions |= Q(**{f"{prefix}date_of_birth": referral.date_of_birth})
    return conditions or None


def _candidate_rows(referral: Referral) -> list[tuple[str, dict[str, Any], tuple[str, ...]]]:
    referral_conditions = _identity_conditions(referral)
    case_conditions = _identity_conditions(referral, prefix="child__")
    if referral_conditions is None or case_conditions is None:
        return []
    fields = ("id", "reference", "forenames", "surname", "date_of_birth", "postcode", "upn")
    referrals = (
        Referral.objects.filter(referral_conditions, status=Referral.Status.OPEN)
        .exclude(pk=referral.pk)
        .values(*fields)[:200]
    )
    open_cases = Case.objects.filter(case_conditions).exclude(status=Case.Status.CLOSED)
    if referral.case_id is not None:  # the case this referral opened or joined is not a duplicate of it
        open_cases = open_cases.exclude(pk=referral.case_id)
    cases = open_cases.annotate(
        c_forenames=F("child__forenames"),
        c_surname=F("child__surname"),
        c_date_of_birth=F("child__date_of_birth"),
        c_postcode=F("child__postcode"),
        c_upn=F("child__upn"),
    ).values("id", "reference", "c_forenames", "c_surname", "c_date_of_birth", "c_postcode", "c_upn")[:200]
    rows: list[tuple[str, dict[str, Any], tuple[str, ...]]] = []
    for row in referrals:
        reasons = _reasons(referral, row)
        if reasons:
            rows.append(("referral", row, reasons))
    for raw in cases:
        row = {key.removeprefix("c_"): value for key, value in raw.items()}
        reasons = _reasons(referral, row)
        if reasons:
            rows.append(("case", row, reasons))
    return rows


def _reasons(referral: Referral, row: dict[str, Any]) -> tuple[str, ...]:
    reasons = []
    if referral.upn and row["upn"] == referral.upn:
        reasons.append("Same UPN")
    same_dob = referral.date_of_birth is not None and row["date_of_birth"] == referral.date_of_birth
    if same_dob and _names_similar(referral.forenames, referral.surname, row["forenames"], row["surname"]):
        reasons.append("Same date of birth and similar name")
    if same_dob and referral.postcode and row["postcode"] == referral.postcode:
        reasons.append("Same date of birth and postcode")
    return tuple(reasons)
