"""Risk and escalation (policy 3.4, 6.6, 6.7): the case's risk factors and concerns, the safeguarding
referrals the CME team makes, and the tasks others must do for the case. The rules are in
cme/cases/risk.py; docs/casework.md explains them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.codes import RiskFactor
from cme.cases.models import Case, CaseTask, SafeguardingReferral
from cme.cases.risk import IMMEDIATE_REFERRAL_TO, needs_immediate_referral, on_a_plan, risk_level_for
from cme.cases.services.guards import locked_case, require_permission, required_text
from cme.cases.states import CaseStatus
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm

_RISK_FIELDS = ("risk_factors", "significant_concerns", "concerns", "whereabouts_known")


@transaction.atomic
def case_risk_update(
    *,
    case: Case,
    actor: Any,
    risk_factors: Sequence[str],
    significant_concerns: bool,
    concerns: str | None,
    whereabouts_known: bool,
    expected_version: int,
) -> Case:
    """Record the case's risk factors, concerns and whether the child's whereabouts are known. The risk
    level follows from them (never typed), and significant concerns with whereabouts unknown make an
    immediate referral to Children's Social Care or MASH due (policy 6.7).

    ``concerns=None`` keeps the concerns as they are: a restricted case's form does not show them."""
    require_permission(actor, Perm.WORK_CASES, "You do not have permission to change a case's risk")
    case = locked_case(case, expected_version=expected_version)
    if case.status == CaseStatus.CLOSED:
        raise ApplicationError("This case is closed: reopen it before changing its risk")
    unknown = set(risk_factors) - set(RiskFactor.values)
    if unknown:
        raise ApplicationError("Select risk factors from the list", field="risk_factors")
    concerns = case.concerns if concerns is None else concerns.strip()
    if significant_concerns and not concerns:
        raise ApplicationError("Describe the significant concerns", field="concerns")
    if len(concerns) > 5000:
        raise ApplicationError("The concerns must be 5,000 characters or fewer", field="concerns")
    chosen = set(risk_factors)
    factors = [factor.value for factor in RiskFactor if factor.value in chosen]
    new = {
        "risk_factors": factors,
        "significant_concerns": significant_concerns,
        "concerns": concerns,
        "whereabouts_known": whereabouts_known,
    }
    changed = [name for name in _RISK_FIELDS if getattr(case, name) != new[name]]
    if not changed:
        return case
    due_before = needs_immediate_referral(
        significant_concerns=case.significant_concerns, whereabouts_known=case.whereabouts_known
    )
    due_now = needs_immediate_referral(significant_concerns=significant_concerns, whereabouts_known=whereabouts_known)
    from_level = case.risk_level
    for name, value in new.items():
        setattr(case, name, value)
    case.risk_level = risk_level_for(risk_factors=factors, significant_concerns=significant_concerns)
    case.immediate_referral_due = due_now and (case.immediate_referral_due or not due_before)
    case.version = F("version") + 1
    case.modified_by = actor
    case.save(
        update_fields=[*_RISK_FIELDS, "risk_level", "immediate_referral_due", "version", "modified_by", "modified_on"]
    )
    case.refresh_from_db(fields=["version"])
    audit_record(
        actor=actor,
        action=AuditAction.CASE_RISK_UPDATED,
        target=case,
        case_id=str(case.pk),
        data={
            "fields": changed,
            "risk_factors": factors,
            "risk_level": str(case.risk_level),
            "from_risk_level": from_level,
            "immediate_referral_due": case.immediate_referral_due,
        },
    )
    return case


@transaction.atomic
def safeguarding_referral_record(
    *,
    case: Case,
    actor: Any,
    made_to: str,
    made_on: date,
    reference: str,
    reason: str,
    today: date | None = None,
) -> SafeguardingReferral:
    """Record a referral the CME team made about the child (policy 6.2, 6.7). A referral to Children's
    Social Care or MASH meets an immediate referral that was due."""
    require_permission(actor, Perm.WORK_CASES, "You do not have permission to record a safeguarding referral")
    today = today or timezone.localdate()
    case = locked_case(case)
    if made_to not in SafeguardingReferral.MadeTo.values:
        raise ApplicationError("Select who the referral was made to", field="made_to")
    if made_on > today:
        raise ApplicationError("The date the referral was made must be today or in the past", field="made_on")
    reference = required_text(
        reference,
        limit=100,
        field="reference",
        missing="Enter the reference they gave for the referral",
        too_long="The reference must be 100 characters or fewer",
    )
    reason = required_text(
        reason,
        limit=5000,
        field="reason",
        missing="Enter why the referral was made",
        too_long="The reason must be 5,000 characters or fewer",
    )
    referral = SafeguardingReferral.objects.create(
        case=case, made_to=made_to, made_on=made_on, made_by=actor, reference=reference, reason=reason
    )
    meets_due = case.immediate_referral_due and made_to in IMMEDIATE_REFERRAL_TO
    if meets_due:
        # Not a change anyone edits on a form, so it does not move the case's version on.
        Case.objects.filter(pk=case.pk).update(immediate_referral_due=False)
    audit_record(
        actor=actor,
        action=AuditAction.SAFEGUARDING_REFERRAL_RECORDED,
        target=referral,
        case_id=str(case.pk),
        data={"made_to": made_to, "met_immediate_referral": meets_due},
    )
    return referral


@transaction.atomic
def case_task_create(
    *,
    case: Case,
    actor: Any,
    kind: str,
    assigned_to: str,
    details: str = "",
    due_on: date | None = None,
    today: date | None = None,
) -> CaseTask:
    """Set a task someone outside the CME team must do for the case. A case has at most one open task
    of each kind: asking again returns the open one unchanged.

    A task to contact counterparts abroad is only for a child on a Child in Need or Child Protection
    plan (policy 6.6); ``case_counterparts_abroad_task_create`` is the way to set one."""
    require_permission(actor, Perm.WORK_CASES, "You do not have permission to set a task for a case")
    today = today or timezone.localdate()
    case = locked_case(case)
    if kind not in CaseTask.Kind.values:
        raise ApplicationError("Select the kind of task", field="kind")
    if kind == CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD and not on_a_plan(case.risk_factors):
        raise ApplicationError(
            "Only a child on a Child in Need or Child Protection plan needs the social worker to contact "
            "counterparts abroad (policy 6.6): record the plan in the case's risk factors first",
            field="kind",
        )
    open_task = case.tasks.filter(kind=kind, status=CaseTask.Status.OPEN).first()
    if open_task is not None:
        return open_task
    assigned_to = required_text(
        assigned_to,
        limit=200,
        field="assigned_to",
        missing="Enter who must do the task",
        too_long="Who must do the task must be 200 characters or fewer",
    )
    details = details.strip()
    if len(details) > 5000:
        raise ApplicationError("The details must be 5,000 characters or fewer", field="details")
    if due_on is not None and due_on < today:
        raise ApplicationError("The due date must be today or in the future", field="due_on")
    task = CaseTask.objects.create(
        case=case,
        kind=kind,
        assigned_to=assigned_to,
        details=details,
        due_on=due_on,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        actor=actor, action=AuditAction.CASE_TASK_CREATED, target=task, case_id=str(case.pk), data={"kind": kind}
    )
    return task


COUNTERPARTS_ABROAD_DEFAULT_ASSIGNEE = "The allocated social worker"


def case_counterparts_abroad_task_create(
    *,
    case: Case,
    actor: Any,
    social_worker: str = "",
    country: str = "",
    due_on: date | None = None,
    today: date | None = None,
) -> CaseTask | None:
    """The child has left the UK: when they are on a Child in Need or Child Protection plan, set the
    allocated social worker the task of contacting counterparts and/or the police in the country they
    went to (policy 6.6). Returns the open task (a new one, or the one already set), or None when the
    child is on neither plan. Safe to call from the outcome that records the child left the UK."""
    if not on_a_plan(Case.objects.values_list("risk_factors", flat=True).get(pk=case.pk)):
        return None
    country = country.strip()
    if len(country) > 200:
        raise ApplicationError("The country must be 200 characters or fewer", field="country")
    where = f"in {country}" if country else "in the country the child went to"
    details = (
        f"The child, who is on a Child in Need or Child Protection plan, has left the UK. Contact your "
        f"counterpart and/or the police {where} (policy 6.6), then record what was done."
    )
    return case_task_create(
        case=case,
        actor=actor,
        kind=CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD,
        assigned_to=social_worker.strip() or COUNTERPARTS_ABROAD_DEFAULT_ASSIGNEE,
        details=details,
        due_on=due_on,
        today=today,
    )


@transaction.atomic
def case_task_complete(
    *, task: CaseTask, actor: Any, result: str, done_on: date, today: date | None = None
) -> CaseTask:
    """Record that a task was done, when and with what result. A task is done once."""
    require_permission(actor, Perm.WORK_CASES, "You do not have permission to change a case's tasks")
    today = today or timezone.localdate()
    task = CaseTask.objects.select_for_update().get(pk=task.pk)
    if task.status != CaseTask.Status.OPEN:
        raise ApplicationError("This task has already been recorded as done")
    result = required_text(
        result,
        limit=5000,
        field="result",
        missing="Enter what was done",
        too_long="What was done must be 5,000 characters or fewer",
    )
    if done_on > today:
        raise ApplicationError("The date it was done must be today or in the past", field="done_on")
    set_on = timezone.localdate(task.created_on)
    if done_on < set_on:
        raise ApplicationError(
            f"The date it was done must be on or after {set_on:%-d %B %Y}, when the task was set", field="done_on"
        )
    task.status = CaseTask.Status.DONE
    task.done_on = done_on
    task.result = result
    task.modified_by = actor
    task.save(update_fields=["status", "done_on", "result", "modified_by", "modified_on"])
    audit_record(
        actor=actor,
        action=AuditAction.CASE_TASK_COMPLETED,
        target=task,
        case_id=str(task.case_id),
        data={"kind": task.kind},
    )
    return task
