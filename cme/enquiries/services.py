"""Writes to enquiries: recording, chasing, answering and ruling out the checks of policy 6.3, and
recording and answering other councils' requests to locate a child (policy 2.2).

Each service checks the actor may work on cases, locks the case (so an enquiry cannot change while the
case is being closed), refuses a change made from a stale page, writes an ``EnquiryStep`` for the
enquiry's history and an audit event with the case's id, all in one transaction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.models import Case
from cme.cases.services import STALE_EDIT
from cme.cases.states import CaseStatus
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.permissions import Perm
from cme.core.references import new_reference
from cme.core.upn import upn_error
from cme.core.working_days import add_working_days
from cme.enquiries.models import Check, Enquiry, EnquiryStep, InboundEnquiry, Method, Outcome
from cme.organisations.models import Organisation
from cme.policy.selectors import policy_value
from cme.schools.models import School

#: An enquiry is due after the policy value ``enquiry_chase_working_days`` (working days, 10 by default),
#: counted from the day it is asked, unless the officer gives a date. docs/clocks-and-policy.md.
DUE_POLICY_KEY = "enquiry_chase_working_days"

CLOSED_CASE = "This case is closed, so its enquiries cannot be changed. Reopen the case first"


def _require_permission(actor: Any) -> None:
    if not actor.has_perm(Perm.WORK_CASES):
        raise PermissionDeniedError("You do not have permission to work on cases")


def _locked_open_case(case: Case) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status == CaseStatus.CLOSED:
        raise ApplicationError(CLOSED_CASE)
    return case


def _long(day: date) -> str:
    return date_format(day, "j F Y")


def _not_in_future(day: date, *, today: date, field: str, subject: str) -> None:
    if day > today:
        raise ApplicationError(f"{subject} must be today or in the past", field=field)


def _not_before(day: date, *, earliest: date, field: str, subject: str, earliest_subject: str) -> None:
    if day < earliest:
        raise ApplicationError(
            f"{subject} must be the same as or after {earliest_subject} ({_long(earliest)})", field=field
        )


def _check_version(enquiry: Enquiry | None, expected_version: int) -> None:
    """``expected_version`` is the version the page showed; 0 means the page showed no enquiry yet."""
    current = enquiry.version if enquiry is not None else 0
    if current != expected_version:
        raise ApplicationError(STALE_EDIT, field="version")


def _locked_enquiry(*, case: Case, check: str, other_council: Organisation | None) -> Enquiry | None:
    return Enquiry.objects.select_for_update().filter(case=case, check_type=check, other_council=other_council).first()


def _valid_check(check: str, other_council: Organisation | None) -> Check:
    if check not in Check.values:
        raise ApplicationError("Select a check from the enquiry checklist", field="check")
    if other_council is not None:
        if check != Check.CROSS_BORDER:
            raise ApplicationError("Only a cross-border enquiry can be made to another council", field="other_council")
        if other_council.kind != Organisation.Kind.OTHER_COUNCIL:
            raise ApplicationError("Select another council", field="other_council")
    return Check(check)


def _bump(enquiry: Enquiry, actor: Any, fields: list[str]) -> Enquiry:
    enquiry.version = F("version") + 1
    enquiry.modified_by = actor
    enquiry.save(update_fields=[*fields, "version", "modified_by", "modified_on"])
    enquiry.refresh_from_db(fields=["version"])
    return enquiry


def _audit(*, actor: Any, action: AuditAction, enquiry: Enquiry, data: dict[str, Any] | None = None) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=enquiry,
        case_id=str(enquiry.case_id),
        data={
            "check": enquiry.check_type,
            **({"other_council": str(enquiry.other_council_id)} if enquiry.other_council_id else {}),
            **(data or {}),
        },
    )


@transaction.atomic
def enquiry_record(
    *,
    case: Case,
    check: str,
    actor: Any,
    asked_whom: str,
    asked_on: date,
    method: str,
    expected_version: int,
    due_on: date | None = None,
    other_council: Organisation | None = None,
    today: date | None = None,
) -> Enquiry:
    """Record that an enquiry was made: of whom, when, how, and when the answer is due (by default
    the policy's chase interval, 10 working days, after it was asked). Recording an enquiry that was
    answered or ruled out asks it again: its earlier answer stays in its history."""
    _require_permission(actor)
    today = today or timezone.localdate()
    check = _valid_check(check, other_council)
    case = _locked_open_case(case)
    asked_whom = asked_whom.strip()
    if not asked_whom and other_council is not None:
        asked_whom = other_council.name
    if not asked_whom:
        raise ApplicationError("Enter who was asked", field="asked_whom")
    if method not in Method.values:
        raise ApplicationError("Select how the enquiry was made", field="method")
    _not_in_future(asked_on, today=today, field="asked_on", subject="The date asked")
    if due_on is None:
        due_on = add_working_days(asked_on, policy_value(DUE_POLICY_KEY, on=asked_on))
    _not_before(due_on, earliest=asked_on, field="due_on", subject="The due date", earliest_subject="the date asked")

    enquiry = _locked_enquiry(case=case, check=check, other_council=other_council)
    if enquiry is not None and other_council is not None and expected_version == 0:
        raise _already_asked(other_council)
    _check_version(enquiry, expected_version)
    fields = dict(
        asked_whom=asked_whom,
        asked_on=asked_on,
        method=method,
        due_on=due_on,
        last_chased_on=None,
        answer="",
        outcome="",
        not_applicable=False,
        not_applicable_reason="",
        completed_on=None,
    )
    if enquiry is None:
        enquiry = _create(case=case, check=check, other_council=other_council, actor=actor, fields=fields)
    else:
        for name, value in fields.items():
            setattr(enquiry, name, value)
        enquiry = _bump(enquiry, actor, list(fields))
    EnquiryStep.objects.create(
        enquiry=enquiry,
        kind=EnquiryStep.Kind.ASKED,
        on=asked_on,
        asked_whom=asked_whom,
        method=method,
        due_on=due_on,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    _audit(actor=actor, action=AuditAction.ENQUIRY_RECORDED, enquiry=enquiry, data={"method": method})
    return enquiry


def _create(
    *, case: Case, check: str, other_council: Organisation | None, actor: Any, fields: dict[str, Any]
) -> Enquiry:
    """The first record of a check. Two people recording the same check at once: one wins, the
    other is told the page is out of date (the unique constraint decides)."""
    try:
        with transaction.atomic():
            return Enquiry.objects.create(
                case=case, check_type=check, other_council=other_council, created_by=actor, modified_by=actor, **fields
            )
    except IntegrityError:
        if other_council is not None:
            raise _already_asked(other_council) from None
        raise ApplicationError(STALE_EDIT, field="version") from None


def _already_asked(council: Organisation) -> ApplicationError:
    return ApplicationError(f"An enquiry to {council.name} is already recorded for this case", field="other_council")


@transaction.atomic
def enquiry_chase(
    *,
    enquiry: Enquiry,
    actor: Any,
    chased_on: date,
    method: str,
    expected_version: int,
    note: str = "",
    due_on: date | None = None,
    today: date | None = None,
) -> Enquiry:
    """Record a reminder sent for an enquiry still waiting for an answer; optionally a new due date."""
    _require_permission(actor)
    today = today or timezone.localdate()
    _locked_open_case(enquiry.case)
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    _check_version(enquiry, expected_version)
    _require_waiting(enquiry, doing="chase it")
    if method not in Method.values:
        raise ApplicationError("Select how the enquiry was chased", field="method")
    assert enquiry.asked_on is not None  # noqa: S101 - _require_waiting guarantees it
    _not_in_future(chased_on, today=today, field="chased_on", subject="The date chased")
    _not_before(
        chased_on,
        earliest=enquiry.asked_on,
        field="chased_on",
        subject="The date chased",
        earliest_subject="the date asked",
    )
    if due_on is not None:
        _not_before(
            due_on, earliest=chased_on, field="due_on", subject="The new due date", earliest_subject="the date chased"
        )
        enquiry.due_on = due_on
    enquiry.last_chased_on = max(chased_on, enquiry.last_chased_on or chased_on)
    enquiry = _bump(enquiry, actor, ["due_on", "last_chased_on"])
    EnquiryStep.objects.create(
        enquiry=enquiry,
        kind=EnquiryStep.Kind.CHASED,
        on=chased_on,
        method=method,
        due_on=due_on,
        text=note.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    _audit(actor=actor, action=AuditAction.ENQUIRY_CHASED, enquiry=enquiry, data={"method": method})
    return enquiry


def _require_waiting(enquiry: Enquiry, *, doing: str) -> None:
    if enquiry.not_applicable:
        raise ApplicationError(f"This enquiry is marked not applicable. Record it as asked before you {doing}")
    if enquiry.outcome:
        raise ApplicationError(f"This enquiry has been answered. Record it as asked again before you {doing}")
    if not enquiry.is_asked:
        raise ApplicationError(f"Record who was asked before you {doing}")


@transaction.atomic
def enquiry_answer(
    *,
    enquiry: Enquiry,
    actor: Any,
    outcome: str,
    answer: str,
    answered_on: date,
    expected_version: int,
    today: date | None = None,
) -> Enquiry:
    """Record the answer and its outcome. "No response" is recorded only after at least one chase,
    and is the one outcome that needs no answer text."""
    _require_permission(actor)
    today = today or timezone.localdate()
    _locked_open_case(enquiry.case)
    enquiry = Enquiry.objects.select_for_update().get(pk=enquiry.pk)
    _check_version(enquiry, expected_version)
    _require_waiting(enquiry, doing="record an answer")
    assert enquiry.asked_on is not None  # noqa: S101 - _require_waiting guarantees it
    if outcome not in Outcome.values:
        raise ApplicationError("Select the outcome of the enquiry", field="outcome")
    answer = answer.strip()
    if not answer and outcome != Outcome.NO_RESPONSE:
        raise ApplicationError("Enter the answer", field="answer")
    if outcome == Outcome.NO_RESPONSE and enquiry.last_chased_on is None:
        raise ApplicationError(
            "Chase the enquiry at least once before you record that there was no response", field="outcome"
        )
    _not_in_future(answered_on, today=today, field="answered_on", subject="The date answered")
    _not_before(
        answered_on,
        earliest=enquiry.asked_on,
        field="answered_on",
        subject="The date answered",
        earliest_subject="the date asked",
    )
    enquiry.answer = answer
    enquiry.outcome = outcome
    enquiry.completed_on = answered_on
    enquiry = _bump(enquiry, actor, ["answer", "outcome", "completed_on"])
    EnquiryStep.objects.create(
        enquiry=enquiry,
        kind=EnquiryStep.Kind.ANSWERED,
        on=answered_on,
        outcome=outcome,
        text=answer,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    _audit(actor=actor, action=AuditAction.ENQUIRY_ANSWERED, enquiry=enquiry, data={"outcome": outcome})
    return enquiry


@transaction.atomic
def enquiry_not_applicable(
    *,
    case: Case,
    check: str,
    actor: Any,
    reason: str,
    expected_version: int,
    other_council: Organisation | None = None,
    today: date | None = None,
) -> Enquiry:
    """Rule a check out for this case, with the reason (for example, no MASH referral was required).
    An answered enquiry cannot be ruled out: its answer stands."""
    _require_permission(actor)
    today = today or timezone.localdate()
    check = _valid_check(check, other_council)
    case = _locked_open_case(case)
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Enter why this enquiry is not applicable", field="reason")
    enquiry = _locked_enquiry(case=case, check=check, other_council=other_council)
    _check_version(enquiry, expected_version)
    if enquiry is not None and enquiry.outcome:
        raise ApplicationError("This enquiry has been answered, so it cannot be marked not applicable")
    fields = dict(not_applicable=True, not_applicable_reason=reason, completed_on=today)
    if enquiry is None:
        enquiry = _create(case=case, check=check, other_council=other_council, actor=actor, fields=fields)
    else:
        for name, value in fields.items():
            setattr(enquiry, name, value)
        enquiry = _bump(enquiry, actor, list(fields))
    EnquiryStep.objects.create(
        enquiry=enquiry,
        kind=EnquiryStep.Kind.NOT_APPLICABLE,
        on=today,
        text=reason,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    _audit(actor=actor, action=AuditAction.ENQUIRY_NOT_APPLICABLE, enquiry=enquiry)
    return enquiry


# Other councils' requests --------------------------------------------------------------------------


@transaction.atomic
def inbound_enquiry_receive(
    *,
    actor: Any,
    received_on: date,
    forenames: str,
    surname: str,
    request: str,
    requesting_council: Organisation | None = None,
    council_name: str = "",
    la_code: str = "",
    contact: str = "",
    their_reference: str = "",
    other_names: str = "",
    date_of_birth: date | None = None,
    sex: str = "U",
    upn: str = "",
    last_known_address: str = "",
    last_known_postcode: str = "",
    due_on: date | None = None,
    today: date | None = None,
) -> InboundEnquiry:
    """Record another council's request to locate a child. It is due 10 working days after it was
    received unless the council asked for an answer by another date."""
    _require_permission(actor)
    today = today or timezone.localdate()
    council_name, la_code = _requesting_council(requesting_council, council_name.strip(), la_code.strip())
    _check_child(forenames=forenames, surname=surname, upn=upn, date_of_birth=date_of_birth, today=today)
    if not request.strip():
        raise ApplicationError("Enter what the council is asking", field="request")
    _not_in_future(received_on, today=today, field="received_on", subject="The date received")
    if due_on is None:
        due_on = add_working_days(received_on, policy_value(DUE_POLICY_KEY, on=received_on))
    _not_before(
        due_on, earliest=received_on, field="due_on", subject="The due date", earliest_subject="the date received"
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                inbound = InboundEnquiry.objects.create(
                    reference=new_reference("E"),
                    requesting_council=requesting_council,
                    council_name=council_name,
                    la_code=la_code,
                    contact=contact.strip(),
                    their_reference=their_reference.strip(),
                    received_on=received_on,
                    forenames=forenames.strip(),
                    surname=surname.strip(),
                    other_names=other_names.strip(),
                    date_of_birth=date_of_birth,
                    sex=sex,
                    upn=upn,
                    last_known_address=last_known_address.strip(),
                    last_known_postcode=last_known_postcode.strip(),
                    request=request.strip(),
                    due_on=due_on,
                    created_by=actor,
                    modified_by=actor,
                )
            break
        except IntegrityError:
            continue
    else:  # pragma: no cover - eight random characters colliding five times running
        raise ApplicationError("Could not allocate a reference; try again")
    audit_record(
        actor=actor,
        action=AuditAction.INBOUND_ENQUIRY_RECEIVED,
        target=inbound,
        data={"requesting_council": str(requesting_council.pk) if requesting_council else "", "la_code": la_code},
    )
    return inbound


def _requesting_council(council: Organisation | None, name: str, la_code: str) -> tuple[str, str]:
    """The council's name and LA code to store: blank when it is on the organisations list."""
    if council is not None:
        if council.kind != Organisation.Kind.OTHER_COUNCIL:
            raise ApplicationError("Select another council", field="requesting_council")
        return "", ""
    if not name:
        raise ApplicationError("Select the council that asked, or enter its name", field="requesting_council")
    if la_code and not (len(la_code) == 3 and la_code.isdigit()):
        raise ApplicationError("Enter the council's LA code as 3 digits, like 919", field="la_code")
    return name, la_code


def _check_child(*, forenames: str, surname: str, upn: str, date_of_birth: date | None, today: date) -> None:
    if not forenames.strip():
        raise ApplicationError("Enter the child's first name", field="forenames")
    if not surname.strip():
        raise ApplicationError("Enter the child's last name", field="surname")
    if upn and (error := upn_error(upn)) is not None:
        raise ApplicationError(error, field="upn")
    if date_of_birth is not None and date_of_birth >= today:
        raise ApplicationError("Date of birth must be in the past", field="date_of_birth")


@transaction.atomic
def inbound_enquiry_answer(
    *,
    inbound: InboundEnquiry,
    actor: Any,
    finding: str,
    answer: str,
    answered_on: date,
    expected_version: int,
    school: School | None = None,
    today: date | None = None,
) -> InboundEnquiry:
    """Record what we told the other council: on roll at one of our schools (which), known at an
    address here, or not known to us."""
    _require_permission(actor)
    today = today or timezone.localdate()
    inbound = InboundEnquiry.objects.select_for_update().get(pk=inbound.pk)
    if inbound.version != expected_version:
        raise ApplicationError(
            "Someone else changed this request after you opened the page. Nothing you entered was saved: "
            "reload the page to see their change, then try again",
            field="version",
        )
    if inbound.status == InboundEnquiry.Status.ANSWERED:
        raise ApplicationError("This request has already been answered")
    if finding not in InboundEnquiry.Finding.values:
        raise ApplicationError("Select what we found", field="finding")
    if finding == InboundEnquiry.Finding.ON_ROLL and school is None:
        raise ApplicationError("Enter the URN of the school the child is on roll at", field="school")
    if finding != InboundEnquiry.Finding.ON_ROLL:
        school = None
    answer = answer.strip()
    if not answer:
        raise ApplicationError("Enter what you told the council", field="answer")
    _not_in_future(answered_on, today=today, field="answered_on", subject="The date answered")
    _not_before(
        answered_on,
        earliest=inbound.received_on,
        field="answered_on",
        subject="The date answered",
        earliest_subject="the date received",
    )
    inbound.status = InboundEnquiry.Status.ANSWERED
    inbound.finding = finding
    inbound.school = school
    inbound.answer = answer
    inbound.answered_on = answered_on
    inbound.answered_by = actor
    inbound.version = F("version") + 1
    inbound.modified_by = actor
    inbound.save(
        update_fields=[
            "status",
            "finding",
            "school",
            "answer",
            "answered_on",
            "answered_by",
            "version",
            "modified_by",
            "modified_on",
        ]
    )
    inbound.refresh_from_db(fields=["version"])
    audit_record(actor=actor, action=AuditAction.INBOUND_ENQUIRY_ANSWERED, target=inbound, data={"finding": finding})
    return inbound
