"""Moving a case towards its outcome: starting enquiries, recording where the child was found and the
school's confirmation, closing with an outcome and its evidence, closing after the manager's review,
and reopening. Every status change goes through ``case_transition``; the evidence each outcome needs
is in ``cme.cases.outcomes`` (docs/case-lifecycle.md, "Outcomes and their evidence").

Checks that need the enquiry checklist (not located, review) live in ``cme.casework.services``: the
enquiries app sits above this one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.calendars.days import add_school_days
from cme.cases.codes import LOCATED_OUTCOMES, REVIEW_OUTCOMES, CaseOutcome
from cme.cases.models import Case, CaseTask
from cme.cases.outcomes import CLOSING_OUTCOMES, OutcomeEvidenceError
from cme.cases.services.lifecycle import _check_version, case_transition
from cme.cases.services.risk import case_counterparts_abroad_task_create, case_task_create
from cme.cases.states import CaseStatus, InvalidTransitionError, transition_for
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.school_age import compulsory_school_age_end
from cme.policy.selectors import policy_value
from cme.schools.models import School

# The school should confirm within the policy value ``school_confirmation_school_days`` (school days,
# 5 by default) after the expected start date, or after today if later (cme/cases/clocks.py).
CONFIRMATION_POLICY_KEY = "school_confirmation_school_days"

NOT_PERMITTED = "You do not have permission to do that to a case"


def _long(day: date) -> str:
    return date_format(day, "j F Y")


@transaction.atomic
def case_check_transition(
    *, case: Case, sources: tuple[str, ...], target: str, actor: Any, expected_version: int
) -> Case:
    """Lock the case and check, before anything else is looked at, that ``actor`` holds the permission
    of the move to ``target``, that the page was not stale, and that the case is in one of ``sources``
    (the lifecycle table allowing the move). Returns the locked case, fresh from the database.
    Services that validate their own inputs call this first, so a user who may not act learns nothing
    else about the case."""
    locked = Case.objects.select_for_update().select_related("child").get(pk=case.pk)
    transition = transition_for(source=sources[0], target=target)
    if not actor.has_perm(transition.permission):
        raise PermissionDeniedError(NOT_PERMITTED)
    _check_version(locked, expected_version)
    if locked.status not in sources:
        current = CaseStatus(locked.status).label
        raise InvalidTransitionError(f"This case is “{current}”, so you cannot do that now", field="target")
    return locked


# Starting enquiries ---------------------------------------------------------------------------------


@transaction.atomic
def case_start_enquiries(*, case: Case, actor: Any, expected_version: int, today: date | None = None) -> Case:
    """Open → making enquiries."""
    locked = case_check_transition(
        case=case,
        sources=(CaseStatus.OPEN,),
        target=CaseStatus.ENQUIRIES,
        actor=actor,
        expected_version=expected_version,
    )
    return case_transition(
        case=locked,
        target=CaseStatus.ENQUIRIES,
        actor=actor,
        reason="Enquiries started",
        expected_version=expected_version,
        today=today,
    )


@transaction.atomic
def case_return_to_enquiries(
    *, case: Case, actor: Any, reason: str, expected_version: int, today: date | None = None
) -> Case:
    """Not located → making enquiries, with a reason (for example, new information about the family)."""
    locked = case_check_transition(
        case=case,
        sources=(CaseStatus.NOT_LOCATED,),
        target=CaseStatus.ENQUIRIES,
        actor=actor,
        expected_version=expected_version,
    )
    problems = _text_problems(
        reason, field="reason", limit=2000, missing="Enter why the case needs more enquiries", subject="The reason"
    )
    if problems:
        raise OutcomeEvidenceError(problems)
    return case_transition(
        case=locked,
        target=CaseStatus.ENQUIRIES,
        actor=actor,
        reason=f"Returned to enquiries: {reason.strip()}",
        expected_version=expected_version,
        today=today,
    )


# Located, and the school's confirmation ---------------------------------------------------------------


def _text_problems(value: str, *, field: str, limit: int, missing: str, subject: str) -> list[tuple[str, str]]:
    """A required text: missing, or longer than ``limit`` characters ("The evidence must be ...")."""
    text = value.strip()
    if not text:
        return [(field, missing)]
    if len(text) > limit:
        return [(field, f"{subject} must be {limit:,} characters or fewer")]
    return []


def _where_problems(*, outcome: str, school: School | None, school_name: str, council: str) -> list[tuple[str, str]]:
    if outcome not in LOCATED_OUTCOMES:
        return [("outcome", "Select where the child was found")]
    if outcome == CaseOutcome.ON_ROLL_OTHER_LA:
        return [
            *_text_problems(
                council,
                field="council",
                limit=200,
                missing="Enter the council whose area the school is in",
                subject="The council",
            ),
            *_text_problems(
                school_name,
                field="school_name",
                limit=200,
                missing="Enter the name of the school",
                subject="The school's name",
            ),
        ]
    if school is None:
        return [("school", "Select the school from the schools register")]
    if school.status == School.Status.CLOSED:
        return [("school", f"{school.name} is closed: select the school the child is on roll at")]
    return []


def _located_problems(
    *,
    case: Case,
    outcome: str,
    school: School | None,
    school_name: str,
    council: str,
    located_on: date,
    expected_start_date: date | None,
    evidence: str,
    today: date,
) -> list[tuple[str, str]]:
    problems = _where_problems(outcome=outcome, school=school, school_name=school_name, council=council)
    if located_on > today:
        problems.append(("located_on", "The date the child was found must be today or in the past"))
    elif located_on < case.cme_from:
        problems.append(
            (
                "located_on",
                f"The date the child was found must be on or after the day they went missing from education "
                f"({_long(case.cme_from)})",
            )
        )
    if expected_start_date is None:
        problems.append(("expected_start_date", "Enter the date the child starts, or started, at the school"))
    problems += _text_problems(
        evidence,
        field="evidence",
        limit=5000,
        missing="Enter how you know where the child is, for example who told you and when",
        subject="The evidence",
    )
    return problems


@transaction.atomic
def case_record_located(
    *,
    case: Case,
    actor: Any,
    outcome: str,
    located_on: date,
    expected_start_date: date | None,
    evidence: str,
    expected_version: int,
    school: School | None = None,
    school_name: str = "",
    council: str = "",
    today: date | None = None,
) -> Case:
    """Making enquiries → located: the child is on a school roll (``LOCATED_OUTCOMES``). The case waits
    for the school to confirm the start date and attendance (a ``SCHOOL_CONFIRMATION`` task); it closes
    only then (``case_confirm_placement``)."""
    today = today or timezone.localdate()
    locked = case_check_transition(
        case=case,
        sources=(CaseStatus.ENQUIRIES,),
        target=CaseStatus.LOCATED,
        actor=actor,
        expected_version=expected_version,
    )
    problems = _located_problems(
        case=locked,
        outcome=outcome,
        school=school,
        school_name=school_name,
        council=council,
        located_on=located_on,
        expected_start_date=expected_start_date,
        evidence=evidence,
        today=today,
    )
    if problems:
        raise OutcomeEvidenceError(problems)
    assert expected_start_date is not None  # noqa: S101 - refused above
    other_la = outcome == CaseOutcome.ON_ROLL_OTHER_LA
    school_label = f"{school_name.strip()} ({council.strip()})" if other_la else str(school.name if school else "")
    case = case_transition(
        case=locked,
        target=CaseStatus.LOCATED,
        actor=actor,
        reason=f"{CaseOutcome(outcome).label}: {school_label}, found on {_long(located_on)}",
        expected_version=expected_version,
        today=today,
    )
    _clear_location_and_outcome(case)
    case.outcome = outcome
    case.outcome_evidence = evidence.strip()
    case.located_on = located_on
    case.located_school = None if other_la else school
    case.located_school_name = school_name.strip() if other_la else ""
    case.located_council = council.strip() if other_la else ""
    case.expected_start_date = expected_start_date
    case.save(update_fields=[*_LOCATION_AND_OUTCOME_FIELDS, "modified_on"])
    case_task_create(
        case=case,
        actor=actor,
        kind=CaseTask.Kind.SCHOOL_CONFIRMATION,
        assigned_to=school_label[:200],
        details=f"Confirm that the child started on {_long(expected_start_date)} and is attending",
        due_on=add_school_days(max(expected_start_date, today), policy_value(CONFIRMATION_POLICY_KEY, on=today)),
        today=today,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CASE_LOCATED,
        target=case,
        case_id=str(case.pk),
        data={"outcome": outcome, "school_urn": school.urn if school and not other_la else None},
    )
    return case


def _confirmation_problems(
    *, case: Case, attending: bool | None, confirmed_on: date, start_date: date | None, note: str, today: date
) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if attending is None:
        problems.append(("attending", "Select whether the school says the child is attending"))
    if confirmed_on > today:
        problems.append(("confirmed_on", "The date the school confirmed must be today or in the past"))
    elif case.located_on is not None and confirmed_on < case.located_on:
        problems.append(
            (
                "confirmed_on",
                f"The date the school confirmed must be on or after the date the child was found "
                f"({_long(case.located_on)})",
            )
        )
    if attending:
        if start_date is None:
            problems.append(("start_date", "Enter the start date the school confirmed"))
        elif start_date > confirmed_on:
            problems.append(("start_date", "The start date must be on or before the date the school confirmed it"))
    elif attending is False and not note.strip():
        problems.append(("note", "Enter what the school said, for example that the child never arrived"))
    if len(note.strip()) > 2000:
        problems.append(("note", "What the school said must be 2,000 characters or fewer"))
    return problems


@transaction.atomic
def case_confirm_placement(
    *,
    case: Case,
    actor: Any,
    attending: bool | None,
    confirmed_on: date,
    start_date: date | None,
    note: str,
    expected_version: int,
    today: date | None = None,
) -> Case:
    """The school's answer for a located child. Attending: the case closes with the outcome recorded
    when the child was found. Not attending: the placement fell through, so the case goes back to
    making enquiries and a new CME interval starts (the reason is recorded)."""
    today = today or timezone.localdate()
    target = CaseStatus.ENQUIRIES if attending is False else CaseStatus.CLOSED
    locked = case_check_transition(
        case=case, sources=(CaseStatus.LOCATED,), target=target, actor=actor, expected_version=expected_version
    )
    problems = _confirmation_problems(
        case=locked, attending=attending, confirmed_on=confirmed_on, start_date=start_date, note=note, today=today
    )
    if problems:
        raise OutcomeEvidenceError(problems)
    outcome = locked.outcome
    if attending:
        assert start_date is not None  # noqa: S101 - refused above
        reason = (
            f"The school confirmed on {_long(confirmed_on)} that the child started on {_long(start_date)} "
            "and is attending"
        )
        task_result = f"Started on {_long(start_date)} and attending" + (f": {note.strip()}" if note.strip() else "")
    else:
        reason = f"The school said on {_long(confirmed_on)} that the child is not attending: {note.strip()}"
        task_result = f"Not attending: {note.strip()}"
    case = case_transition(
        case=locked, target=target, actor=actor, reason=reason, expected_version=expected_version, today=today
    )
    if attending:
        assert start_date is not None  # noqa: S101 - refused above
        case.expected_start_date = start_date
        case.school_confirmed_on = confirmed_on
        case.school_confirmed_attendance = True
        case.confirmation_note = note.strip()
        case.outcome_recorded_on = timezone.now()
        case.outcome_recorded_by = actor
    else:
        _clear_location_and_outcome(case)
    case.save(update_fields=[*_LOCATION_AND_OUTCOME_FIELDS, "modified_on"])
    _school_confirmation_done(case=case, actor=actor, confirmed_on=confirmed_on, result=task_result)
    audit_record(
        actor=actor,
        action=AuditAction.CASE_PLACEMENT_CONFIRMED,
        target=case,
        case_id=str(case.pk),
        data={"attending": bool(attending), "outcome": outcome},
    )
    return case


def _school_confirmation_done(*, case: Case, actor: Any, confirmed_on: date, result: str) -> None:
    """The school's confirmation task is done on the day the school answered (which may be before the
    officer recorded that the child was found, so ``case_task_complete``'s dating rule does not fit)."""
    for task in CaseTask.objects.select_for_update().filter(
        case=case, kind=CaseTask.Kind.SCHOOL_CONFIRMATION, status=CaseTask.Status.OPEN
    ):
        task.status = CaseTask.Status.DONE
        task.done_on = confirmed_on
        task.result = result[:5000]
        task.modified_by = actor
        task.save(update_fields=["status", "done_on", "result", "modified_by", "modified_on"])
        audit_record(
            actor=actor,
            action=AuditAction.CASE_TASK_COMPLETED,
            target=task,
            case_id=str(case.pk),
            data={"kind": task.kind},
        )


_LOCATION_AND_OUTCOME_FIELDS = (
    "outcome",
    "outcome_evidence",
    "outcome_detail",
    "outcome_recorded_on",
    "outcome_recorded_by",
    "social_care_reference",
    "lost_pupils_database",
    "located_on",
    "located_school",
    "located_school_name",
    "located_council",
    "expected_start_date",
    "school_confirmed_on",
    "school_confirmed_attendance",
    "confirmation_note",
)


def _clear_location_and_outcome(case: Case) -> None:
    case.outcome = ""
    case.outcome_evidence = ""
    case.outcome_detail = ""
    case.outcome_recorded_on = None
    case.outcome_recorded_by = None
    case.social_care_reference = ""
    case.lost_pupils_database = False
    case.located_on = None
    case.located_school = None
    case.located_school_name = ""
    case.located_council = ""
    case.expected_start_date = None
    case.school_confirmed_on = None
    case.school_confirmed_attendance = None
    case.confirmation_note = ""


# Closing with an outcome -----------------------------------------------------------------------------

EHE_STILL_CME = (
    "This child's home education was assessed as unsuitable before, so they remain missing education "
    "until the new provision is assessed as suitable (policy 5.5). Record that assessment in the evidence "
    "and confirm it, or keep making enquiries"
)
LEFT_UK_UNCONFIRMED = (
    "Without confirmation that the child has left England, treat them as missing: keep making enquiries "
    "and, if they are not found, send the case for the manager's review"
)
_EVIDENCE_MESSAGES: dict[str, str] = {
    CaseOutcome.EHE_SUITABLE: "Enter the parent's written notice of home education: when it came and what it says",
    CaseOutcome.OTHER_SUITABLE_PROVISION: "Enter the provider's confirmation: who confirmed it, and when",
    CaseOutcome.LEFT_UK: "Enter the evidence that the child has left, for example the new school's confirmation",
    CaseOutcome.DECEASED: "Enter how and when the council was told",
    CaseOutcome.NOT_CME_ON_ROLL: (
        "Enter the school the child is on roll at, and when the absence was passed to attendance"
    ),
}


def _wrong_route(outcome: str) -> str:
    if outcome in LOCATED_OUTCOMES:
        return (
            "A child found on a school roll is recorded as located; the case closes when the school confirms "
            "the start date and attendance"
        )
    if outcome in REVIEW_OUTCOMES:
        return (
            "Only the CME manager's review can close a case as not located: record that the child is not "
            "located, then send the case for review"
        )
    return "Select the outcome"


def _closing_problems(
    *,
    case: Case,
    outcome: str,
    evidence: str,
    provider: str,
    destination: str,
    ehe_assessed_suitable: bool,
    left_uk_confirmed: bool,
    today: date,
) -> list[tuple[str, str]]:
    if outcome not in CLOSING_OUTCOMES:
        return [("outcome", _wrong_route(outcome))]
    problems: list[tuple[str, str]] = []
    if outcome == CaseOutcome.AGED_OUT:
        problems.extend(_aged_out_problems(case, today=today))
    if outcome == CaseOutcome.EHE_SUITABLE and case.ehe_previously_unsuitable and not ehe_assessed_suitable:
        problems.append(("ehe_assessed_suitable", EHE_STILL_CME))
    if outcome == CaseOutcome.OTHER_SUITABLE_PROVISION:
        problems += _text_problems(
            provider, field="provider", limit=300, missing="Enter the name of the provider", subject="The provider"
        )
    if outcome == CaseOutcome.LEFT_UK:
        problems += _text_problems(
            destination,
            field="destination",
            limit=200,
            missing="Enter the country, or the new address, the child has moved to",
            subject="Where the child went",
        )
        if not left_uk_confirmed:
            problems.append(("left_uk_confirmed", LEFT_UK_UNCONFIRMED))
    if outcome in _EVIDENCE_MESSAGES:
        problems += _text_problems(
            evidence, field="evidence", limit=5000, missing=_EVIDENCE_MESSAGES[outcome], subject="The evidence"
        )
    elif len(evidence.strip()) > 4000:
        problems.append(("evidence", "The evidence must be 4,000 characters or fewer"))
    return problems


def _aged_out_problems(case: Case, *, today: date) -> list[tuple[str, str]]:
    dob = case.child.date_of_birth
    if dob is None:
        return [
            (
                "outcome",
                "Record the child's date of birth before closing the case as ceased to be of compulsory school age",
            )
        ]
    ends = compulsory_school_age_end(dob)
    if today <= ends:
        return [
            (
                "outcome",
                f"The child is of compulsory school age until {_long(ends)}, so the case cannot be closed as "
                "ceased to be of compulsory school age before then",
            )
        ]
    return []


@transaction.atomic
def case_close_with_outcome(
    *,
    case: Case,
    actor: Any,
    outcome: str,
    evidence: str,
    expected_version: int,
    provider: str = "",
    destination: str = "",
    ehe_assessed_suitable: bool = False,
    left_uk_confirmed: bool = False,
    today: date | None = None,
) -> Case:
    """Open or making enquiries → closed, with one of ``CLOSING_OUTCOMES`` and the evidence it needs.

    Located outcomes close through the school's confirmation, not-located ones through the manager's
    review; both are refused here with a message saying so. Elective home education is refused for a
    child whose home education was assessed unsuitable before unless the new provision is now assessed
    suitable (policy 5.5). Left England needs confirmation (otherwise the child is missing), marks the
    case for the Lost Pupils Database (a "moved abroad" CTF), and for a child on a Child in Need or Child
    Protection plan sets the social worker a task to contact counterparts abroad (policy 6.6).
    """
    today = today or timezone.localdate()
    locked = case_check_transition(
        case=case,
        sources=(CaseStatus.OPEN, CaseStatus.ENQUIRIES),
        target=CaseStatus.CLOSED,
        actor=actor,
        expected_version=expected_version,
    )
    problems = _closing_problems(
        case=locked,
        outcome=outcome,
        evidence=evidence,
        provider=provider,
        destination=destination,
        ehe_assessed_suitable=ehe_assessed_suitable,
        left_uk_confirmed=left_uk_confirmed,
        today=today,
    )
    if problems:
        raise OutcomeEvidenceError(problems)
    evidence = evidence.strip()
    if outcome == CaseOutcome.AGED_OUT:
        assert locked.child.date_of_birth is not None  # noqa: S101 - refused above
        ended = f"Compulsory school age ended on {_long(compulsory_school_age_end(locked.child.date_of_birth))}"
        evidence = f"{ended}. {evidence}" if evidence else ended
    case = case_transition(
        case=locked,
        target=CaseStatus.CLOSED,
        actor=actor,
        reason=f"Closed: {CaseOutcome(outcome).label}",
        expected_version=expected_version,
        today=today,
    )
    _clear_location_and_outcome(case)
    case.outcome = outcome
    case.outcome_evidence = evidence
    case.outcome_detail = {
        CaseOutcome.OTHER_SUITABLE_PROVISION: provider.strip(),
        CaseOutcome.LEFT_UK: destination.strip(),
    }.get(CaseOutcome(outcome), "")
    case.lost_pupils_database = outcome == CaseOutcome.LEFT_UK
    case.outcome_recorded_on = timezone.now()
    case.outcome_recorded_by = actor
    case.save(update_fields=[*_LOCATION_AND_OUTCOME_FIELDS, "modified_on"])
    if outcome == CaseOutcome.LEFT_UK:
        case_counterparts_abroad_task_create(case=case, actor=actor, country=destination, today=today)
    audit_record(
        actor=actor,
        action=AuditAction.CASE_OUTCOME_RECORDED,
        target=case,
        case_id=str(case.pk),
        data={"outcome": outcome, "lost_pupils_database": case.lost_pupils_database},
    )
    return case


@transaction.atomic
def case_close_not_located(
    *,
    case: Case,
    actor: Any,
    outcome: str,
    evidence: str,
    expected_version: int,
    social_care_reference: str = "",
    today: date | None = None,
) -> Case:
    """Manager review → closed as not located (policy 6.4, 6.5): passed to Children's Social Care with
    their reference, or marked for the Lost Pupils Database (a "destination unknown" CTF). Call it
    through ``cme.casework.services.case_review_decide``, which first checks the enquiries are exhausted."""
    locked = case_check_transition(
        case=case,
        sources=(CaseStatus.MANAGER_REVIEW,),
        target=CaseStatus.CLOSED,
        actor=actor,
        expected_version=expected_version,
    )
    if outcome not in REVIEW_OUTCOMES:
        raise ApplicationError("Select the decision", field="decision")
    reference = social_care_reference.strip()
    if outcome == CaseOutcome.NOT_LOCATED_SOCIAL_CARE:
        problems = _text_problems(
            reference,
            field="social_care_reference",
            limit=100,
            missing="Enter Children's Social Care's reference",
            subject="The reference",
        )
        if problems:
            raise OutcomeEvidenceError(problems)
    case = case_transition(
        case=locked,
        target=CaseStatus.CLOSED,
        actor=actor,
        reason=f"Closed after review: {CaseOutcome(outcome).label}",
        expected_version=expected_version,
        today=today,
    )
    _clear_location_and_outcome(case)
    case.outcome = outcome
    case.outcome_evidence = evidence.strip()
    case.social_care_reference = reference if outcome == CaseOutcome.NOT_LOCATED_SOCIAL_CARE else ""
    case.lost_pupils_database = outcome == CaseOutcome.NOT_LOCATED_LPD
    case.outcome_recorded_on = timezone.now()
    case.outcome_recorded_by = actor
    case.save(update_fields=[*_LOCATION_AND_OUTCOME_FIELDS, "modified_on"])
    audit_record(
        actor=actor,
        action=AuditAction.CASE_OUTCOME_RECORDED,
        target=case,
        case_id=str(case.pk),
        data={"outcome": outcome, "lost_pupils_database": case.lost_pupils_database},
    )
    return case


# Reopening --------------------------------------------------------------------------------------------


@transaction.atomic
def case_reopen(*, case: Case, actor: Any, reason: str, expected_version: int, today: date | None = None) -> Case:
    """Closed → making enquiries, by the CME manager, with a reason. The outcome and where the child
    was found are cleared from the case; the history keeps them (the status changes, with the
    closing reason, and the audit trail, with the outcome code). A new CME interval starts."""
    locked = case_check_transition(
        case=case,
        sources=(CaseStatus.CLOSED,),
        target=CaseStatus.ENQUIRIES,
        actor=actor,
        expected_version=expected_version,
    )
    problems = _text_problems(
        reason, field="reason", limit=2000, missing="Enter why the case is being reopened", subject="The reason"
    )
    if problems:
        raise OutcomeEvidenceError(problems)
    previous = locked.outcome
    case = case_transition(
        case=locked,
        target=CaseStatus.ENQUIRIES,
        actor=actor,
        reason=f"Reopened: {reason.strip()}",
        expected_version=expected_version,
        today=today,
    )
    _clear_location_and_outcome(case)
    case.save(update_fields=[*_LOCATION_AND_OUTCOME_FIELDS, "modified_on"])
    audit_record(
        actor=actor,
        action=AuditAction.CASE_REOPENED,
        target=case,
        case_id=str(case.pk),
        data={"previous_outcome": previous},
    )
    return case
