"""Opening a case, its lifecycle and its allocation. The only code that changes a case's status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cme.accounts.roles import Role
from cme.areas.models import Area, District
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.codes import RiskFactor
from cme.cases.models import Case, CaseStatusChange, CmeInterval
from cme.cases.risk import needs_immediate_referral, risk_level_for
from cme.cases.states import CME_STATES, CaseStatus, transition_for
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.references import new_reference
from cme.people.services import child_create

STALE_EDIT = (
    "Someone else changed this case after you opened the page. Nothing you entered was saved: "
    "reload the case to see their change, then try again"
)


# Policy 6.7: a case waiting for its immediate referral cannot be closed.
IMMEDIATE_REFERRAL_FIRST = (
    "Record the immediate referral to Children's Social Care or MASH before closing this case: there are "
    "significant concerns and the child's whereabouts are unknown (policy 6.7)"
)


def _check_version(case: Case, expected_version: int | None) -> None:
    if expected_version is not None and case.version != expected_version:
        raise ApplicationError(STALE_EDIT, field="version")


@transaction.atomic
def case_open(
    *,
    actor: Any,
    forenames: str,
    surname: str,
    date_of_birth: date | None,
    cme_from: date,
    area: Area | None,
    other_names: str = "",
    sex: str = "U",
    upn: str = "",
    nhs_number: str = "",
    address_line_1: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
    district: District | None = None,
    urgent: bool = False,
    risk_factors: Sequence[str] = (),
    significant_concerns: bool = False,
    concerns: str = "",
    whereabouts_known: bool = False,
    ehe_previously_unsuitable: bool = False,
) -> Case:
    """Open a CME case for a child, recording the child. The case goes to its area's CME officer when
    the area has exactly one; otherwise it waits for an officer to take it or the manager to allocate it.

    The risk factors and concerns the referral gave come with it: the risk level follows from them, and
    significant concerns with whereabouts unknown make an immediate referral due (cme/cases/risk.py)."""
    chosen = set(risk_factors)
    if chosen - set(RiskFactor.values):
        raise ApplicationError("Select risk factors from the list", field="risk_factors")
    factors = [factor.value for factor in RiskFactor if factor.value in chosen]
    child = child_create(
        actor=actor,
        forenames=forenames,
        surname=surname,
        other_names=other_names,
        date_of_birth=date_of_birth,
        sex=sex,
        upn=upn,
        nhs_number=nhs_number,
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        town=town,
        postcode=postcode,
        district=district,
    )
    officer = _sole_officer_for(area)
    now = timezone.now()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    reference=new_reference("C"),
                    child=child,
                    area=area,
                    urgent=urgent,
                    cme_from=cme_from,
                    risk_factors=factors,
                    significant_concerns=significant_concerns,
                    concerns=concerns.strip(),
                    risk_level=risk_level_for(risk_factors=factors, significant_concerns=significant_concerns),
                    whereabouts_known=whereabouts_known,
                    immediate_referral_due=needs_immediate_referral(
                        significant_concerns=significant_concerns, whereabouts_known=whereabouts_known
                    ),
                    ehe_previously_unsuitable=ehe_previously_unsuitable,
                    allocated_to=officer,
                    allocated_on=now if officer else None,
                    created_by=actor,
                    modified_by=actor,
                )
            break
        except IntegrityError:
            continue
    else:
        raise ApplicationError("Could not allocate a case reference; try again")
    CaseStatusChange.objects.create(
        case=case, from_status="", to_status=CaseStatus.OPEN, changed_by=actor, changed_on=now, reason="Case opened"
    )
    CmeInterval.objects.create(case=case, start=cme_from)
    audit_record(
        actor=actor,
        action=AuditAction.CASE_OPENED,
        target=case,
        case_id=str(case.pk),
        data={
            "allocated_to": officer.pk if officer else None,
            "risk_level": str(case.risk_level),
            "immediate_referral_due": case.immediate_referral_due,
        },
    )
    return case


def _sole_officer_for(area: Area | None) -> Any:
    if area is None:
        return None
    officers = list(
        get_user_model().objects.filter(role=Role.CME_OFFICER, area=area, is_active=True).order_by("pk")[:2]
    )
    return officers[0] if len(officers) == 1 else None


@transaction.atomic
def case_transition(
    *,
    case: Case,
    target: str,
    actor: Any,
    reason: str,
    expected_version: int | None = None,
    today: date | None = None,
) -> Case:
    """Move a case to ``target`` if the lifecycle table allows it and ``actor`` holds the transition's
    permission; record who, when and why, and audit it, in one transaction."""
    today = today or timezone.localdate()
    case = Case.objects.select_for_update().get(pk=case.pk)
    # The version first: of two people moving the same case at once, the second is told the page was
    # stale (not that the move no longer fits the new status, which would hide what happened).
    _check_version(case, expected_version)
    transition = transition_for(source=case.status, target=target)
    if not actor.has_perm(transition.permission):
        raise PermissionDeniedError("You do not have permission to do that to a case")
    if not reason.strip():
        raise ApplicationError("Give the reason", field="reason")
    if transition.target == CaseStatus.CLOSED and case.immediate_referral_due:
        raise ApplicationError(IMMEDIATE_REFERRAL_FIRST, field="target")
    now = timezone.now()
    CaseStatusChange.objects.create(
        case=case,
        from_status=case.status,
        to_status=transition.target,
        changed_by=actor,
        changed_on=now,
        reason=reason.strip(),
    )
    was_cme, is_cme = case.status in CME_STATES, transition.target in CME_STATES
    if was_cme and not is_cme:
        CmeInterval.objects.filter(case=case, end__isnull=True).update(end=today)
        case.cme_until = today
    elif is_cme and not was_cme:
        CmeInterval.objects.create(case=case, start=today)
        case.cme_until = None
    from_status = case.status
    case.status = transition.target
    case.version = F("version") + 1
    case.modified_by = actor
    case.save(update_fields=["status", "cme_until", "version", "modified_by", "modified_on"])
    case.refresh_from_db(fields=["version"])
    audit_record(
        actor=actor,
        action=AuditAction.CASE_STATUS_CHANGED,
        target=case,
        case_id=str(case.pk),
        data={"from": from_status, "to": str(transition.target)},
    )
    return case


@transaction.atomic
def case_claim(*, case: Case, actor: Any) -> Case:
    """A CME officer takes an unallocated case. Of two people claiming at once, exactly one wins: the
    update only applies while the case is still unallocated."""
    if actor.role != Role.CME_OFFICER or not actor.has_perm("cme.work_cases"):
        raise PermissionDeniedError("Only a CME officer can take a case")
    if case.area_id is not None and actor.area_id != case.area_id:
        raise ApplicationError("This case is in another area: ask the CME manager to allocate it")
    won = (
        Case.objects.filter(pk=case.pk, allocated_to__isnull=True)
        .exclude(status=CaseStatus.CLOSED)
        .update(allocated_to=actor, allocated_on=timezone.now(), version=F("version") + 1, modified_by=actor)
    )
    if not won:
        holder = Case.objects.select_related("allocated_to").get(pk=case.pk).allocated_to
        if holder is None:
            raise ApplicationError("This case is closed: ask the CME manager to reopen it")
        raise ApplicationError(f"This case has already been taken by {holder}")
    audit_record(
        actor=actor, action=AuditAction.CASE_ALLOCATED, target=case, case_id=str(case.pk), data={"to": actor.pk}
    )
    return Case.objects.get(pk=case.pk)


@transaction.atomic
def case_allocate(*, case: Case, officer: Any, actor: Any, expected_version: int) -> Case:
    """The manager allocates or reallocates a case. Refused if the case changed since the manager
    looked at it (so two managers allocating at once cannot both win)."""
    if not actor.has_perm("cme.allocate_cases"):
        raise PermissionDeniedError("Only the CME manager can allocate cases")
    if officer.role != Role.CME_OFFICER or not officer.is_active:
        raise ApplicationError("Select an active CME officer", field="officer")
    won = Case.objects.filter(pk=case.pk, version=expected_version).update(
        allocated_to=officer, allocated_on=timezone.now(), version=F("version") + 1, modified_by=actor
    )
    if not won:
        raise ApplicationError(STALE_EDIT, field="version")
    audit_record(
        actor=actor, action=AuditAction.CASE_ALLOCATED, target=case, case_id=str(case.pk), data={"to": officer.pk}
    )
    return Case.objects.get(pk=case.pk)
