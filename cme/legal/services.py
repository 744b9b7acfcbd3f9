"""Writes to School Attendance Orders, Education Supervision Orders and legal authorisations.

Every step goes through ``sao_take_step`` or ``eso_take_step``: the stage table (stages.py) says
whether the step may follow the order's current stage and who may take it; the step's own guards
(below) check its dates and facts against the law and the policy periods, each with a reason a user
can read. ``*_check_step`` runs the same guards without writing, for the page that shows what will
be issued before it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cme.accounts.roles import Role
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.models import Case
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.permissions import Perm
from cme.core.school_age import compulsory_school_age_span
from cme.legal import periods
from cme.legal.letters import issue_letter
from cme.legal.models import (
    EducationSupervisionOrder,
    EsoEvent,
    LegalAuthorisation,
    SaoEvent,
    SchoolAttendanceOrder,
)
from cme.legal.stages import (
    ESO_CLOSED,
    SAO_CLOSED,
    EsoStatus,
    SaoStatus,
    ServiceMethod,
    Step,
    check_step,
    eso_step,
    sao_step,
)

STALE_ORDER = (
    "Someone else changed this order after you opened the page. Nothing you entered was saved: "
    "reload the order to see their change, then try again"
)
NOT_AUTHORISED = "Only the CME manager, or a CME officer the manager has authorised, can issue legal notices and orders"


@dataclass(frozen=True)
class StepInput:
    """What a user entered for a step. Each step uses the fields it needs."""

    happened_on: date | None = None
    method_of_service: str = ""
    period_days: int | None = None
    school: str = ""
    details: str = ""
    conclusion: str = ""
    court: str = ""
    supervisor: str = ""
    starts_on: date | None = None
    new_end_on: date | None = None
    not_in_care: bool = False
    recipient_name: str = ""
    recipient_address: str = ""
    respond_by: date | None = None


@dataclass
class Plan:
    """What a step will write: the order's changed fields and the event's."""

    changes: dict[str, Any] = field(default_factory=dict)
    served_on: date | None = None
    deadline: date | None = None
    school: str = ""
    details: str = ""


# Shared checks -------------------------------------------------------------------------------------


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


def _require_may_take(step: Step, actor: Any) -> None:
    if not actor.has_perm(step.permission):
        raise PermissionDeniedError(
            NOT_AUTHORISED
            if step.permission == Perm.ISSUE_LEGAL_NOTICES
            else "You do not have permission to work on legal interventions"
        )


def _require_date(inp: StepInput, *, today: date, future_ok: bool = False, earliest: date | None = None) -> date:
    if inp.happened_on is None:
        raise ApplicationError("Enter the date", field="happened_on")
    if not future_ok and inp.happened_on > today:
        raise ApplicationError("The date cannot be in the future", field="happened_on")
    if earliest is not None and inp.happened_on < earliest:
        raise ApplicationError(
            f"The date cannot be before {_day(earliest)}, the date of the stage before", field="happened_on"
        )
    return inp.happened_on


def _require_service(inp: StepInput) -> str:
    if inp.method_of_service not in ServiceMethod.values:
        raise ApplicationError("Select how it was served", field="method_of_service")
    return inp.method_of_service


def _require_text(value: str, *, field: str, message: str, limit: int = 5000) -> str:
    text = value.strip()
    if not text:
        raise ApplicationError(message, field=field)
    if len(text) > limit:
        raise ApplicationError(f"Enter {limit:,} characters or fewer", field=field)
    return text


def _require_school_age(case: Case, on: date, *, what: str) -> None:
    """An SAO or ESO is only for a child of compulsory school age (EA 1996 s.437(1), s.8; CA 1989 s.36)."""
    dob = case.child.date_of_birth
    if dob is None:
        raise ApplicationError(
            f"Record the child's date of birth first: {what} only for a child of compulsory school age",
            field="happened_on",
        )
    start, end = compulsory_school_age_span(dob)
    if not start <= on <= end:
        raise ApplicationError(
            f"The child is not of compulsory school age on {_day(on)} (from {_day(start)} to {_day(end)}): "
            f"{what} only for a child of compulsory school age",
            field="happened_on",
        )


def _require_parent(name: str, address: str) -> tuple[str, str]:
    return (
        _require_text(name, field="parent_name", message="Enter the parent's name", limit=200),
        _require_text(address, field="parent_address", message="Enter the parent's address", limit=500),
    )


def _set(value: date | None) -> date:
    """A date an earlier stage recorded (the stage table guarantees the stage was taken)."""
    if value is None:
        raise ApplicationError("An earlier stage of this order is missing its date", field="step")
    return value


def _school_age_end(case: Case) -> date | None:
    dob = case.child.date_of_birth
    return compulsory_school_age_span(dob)[1] if dob else None


# School Attendance Orders ---------------------------------------------------------------------------


def _last_sao_day(order: SchoolAttendanceOrder) -> date:
    last = order.events.order_by("-happened_on").values_list("happened_on", flat=True).first()
    return last or order.opened_on


def _sao_serve_notice(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    served_on = _require_date(inp, today=today, earliest=order.opened_on)
    _require_service(inp)
    _require_school_age(order.case, served_on, what="a School Attendance Order can be started")
    least = periods.notice_days(period="notice_to_satisfy", regime=order.legal_regime, on=served_on)
    days = inp.period_days if inp.period_days is not None else least
    if days < least:
        raise ApplicationError(
            f"The notice must give the parent at least {least} days, beginning with the day of service (s.437(2))",
            field="period_days",
        )
    end = periods.period_end(served_on, days)
    return Plan(
        changes={"notice_served_on": served_on, "notice_period_ends": end},
        served_on=served_on,
        deadline=end,
        details=f"{days} days",
    )


def _sao_satisfied(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    _require_date(inp, today=today, earliest=_last_sao_day(order))
    details = _require_text(inp.details, field="details", message="Enter how the parent satisfied the council")
    return Plan(changes={"closed_on": inp.happened_on}, details=details)


def _sao_decide(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    decided_on = _require_date(inp, today=today, earliest=_last_sao_day(order))
    notice_ends = _set(order.notice_period_ends)
    if decided_on <= notice_ends:
        raise ApplicationError(
            f"The notice to satisfy gives the parent until {_day(notice_ends)}: the decision can be "
            f"made from {_day(periods.first_day_after(notice_ends, 1))}",
            field="happened_on",
        )
    details = _require_text(
        inp.details, field="details", message="Enter why the parent did not satisfy the council and an order is needed"
    )
    return Plan(details=details)


def _sao_serve_intention(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    served_on = _require_date(inp, today=today, earliest=_last_sao_day(order))
    _require_service(inp)
    _require_school_age(order.case, served_on, what="a School Attendance Order can be served")
    schools = _require_text(
        inp.school, field="school", message="Enter the school or schools the council intends to name", limit=2000
    )
    days = periods.notice_days(period="intention", regime=order.legal_regime, on=served_on)
    end = periods.period_end(served_on, days)
    return Plan(
        changes={"intention_served_on": served_on, "intention_period_ends": end, "schools_proposed": schools},
        served_on=served_on,
        deadline=end,
        school=schools[:200],
        details=f"{days} days",
    )


def _sao_parent_choice(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    chosen_on = _require_date(inp, today=today, earliest=_last_sao_day(order))
    if chosen_on > _set(order.intention_period_ends):
        raise ApplicationError(
            f"The parent's choice counts only within the period of the notice of intention, which ended on "
            f"{_day(_set(order.intention_period_ends))} (s.438)",
            field="happened_on",
        )
    school = _require_text(inp.school, field="school", message="Enter the school the parent chose", limit=200)
    return Plan(changes={"parent_choice": school}, school=school, details=inp.details.strip())


def _sao_serve_order(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    served_on = _require_date(inp, today=today, earliest=_last_sao_day(order))
    _require_service(inp)
    if served_on <= _set(order.intention_period_ends):
        raise ApplicationError(
            "An order cannot be served before the notice period has run: the notice of intention gives the parent "
            f"until {_day(_set(order.intention_period_ends))} to choose a school; serve the order on or after "
            f"{_day(periods.first_day_after(_set(order.intention_period_ends), 1))}",
            field="happened_on",
        )
    _require_school_age(order.case, served_on, what="a School Attendance Order can be made")
    school = _require_text(inp.school, field="school", message="Enter the school the order names", limit=200)
    if order.parent_choice and school.casefold() != order.parent_choice.casefold():
        raise ApplicationError(
            f"The parent chose {order.parent_choice} within the notice period: the order must name it (s.438)",
            field="school",
        )
    return Plan(changes={"order_served_on": served_on, "named_school": school}, served_on=served_on, school=school)


def _sao_note(message: str) -> Callable[[SchoolAttendanceOrder, StepInput, date], Plan]:
    def plan(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
        _require_date(inp, today=today, earliest=_last_sao_day(order))
        return Plan(details=_require_text(inp.details, field="details", message=message))

    return plan


def _sao_amend(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    served_on = _require_date(inp, today=today, earliest=_last_sao_day(order))
    _require_service(inp)
    school = _require_text(
        inp.school, field="school", message="Enter the school where the parent secured a place", limit=200
    )
    if school.casefold() == order.named_school.casefold():
        raise ApplicationError(f"The order already names {order.named_school}", field="school")
    return Plan(changes={"named_school": school}, served_on=served_on, school=school, details=inp.details.strip())


def _sao_revoke(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    served_on = _require_date(inp, today=today, earliest=_last_sao_day(order))
    _require_service(inp)
    details = _require_text(
        inp.details, field="details", message="Enter the suitable education the parent showed, and when they asked"
    )
    return Plan(changes={"closed_on": served_on}, served_on=served_on, details=details)


def _sao_consider_eso(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    _require_date(inp, today=today, earliest=_last_sao_day(order))
    if inp.conclusion not in SchoolAttendanceOrder.EsoConclusion.values:
        raise ApplicationError("Select what the council concluded", field="conclusion")
    details = _require_text(inp.details, field="details", message="Enter the reasons for the conclusion")
    label = SchoolAttendanceOrder.EsoConclusion(inp.conclusion).label
    return Plan(changes={"eso_conclusion": inp.conclusion}, details=f"{label}. {details}")


def _sao_refer(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
    if order.eso_conclusion != SchoolAttendanceOrder.EsoConclusion.PROSECUTE:
        raise ApplicationError(
            "The council concluded that it should apply for an Education Supervision Order instead of prosecuting "
            "(s.447): start the ESO from the case's legal interventions page",
            field="step",
        )
    sent_on = _require_date(inp, today=today, earliest=_last_sao_day(order))
    _require_service(inp)
    _require_text(inp.recipient_name, field="recipient_name", message="Enter who the referral is to", limit=200)
    details = _require_text(inp.details, field="details", message="Enter a summary of the case for the prosecutor")
    return Plan(served_on=sent_on, details=details)


def _sao_close(message: str) -> Callable[[SchoolAttendanceOrder, StepInput, date], Plan]:
    def plan(order: SchoolAttendanceOrder, inp: StepInput, today: date) -> Plan:
        closed_on = _require_date(inp, today=today, earliest=_last_sao_day(order))
        details = _require_text(inp.details, field="details", message=message)
        return Plan(changes={"closed_on": closed_on}, details=details)

    return plan


SAO_GUARDS: dict[str, Callable[[SchoolAttendanceOrder, StepInput, date], Plan]] = {
    "serve-notice-to-satisfy": _sao_serve_notice,
    "record-satisfied": _sao_satisfied,
    "decide": _sao_decide,
    "serve-intention": _sao_serve_intention,
    "record-parent-choice": _sao_parent_choice,
    "serve-order": _sao_serve_order,
    "record-compliance": _sao_note("Enter what the check found: registered, attending"),
    "record-non-compliance": _sao_note("Enter how the order is not complied with"),
    "amend": _sao_amend,
    "revoke": _sao_revoke,
    "consider-eso": _sao_consider_eso,
    "refer-prosecution": _sao_refer,
    "withdraw": _sao_close("Enter why no order will be served"),
    "end": _sao_close("Enter why the order ended"),
}


@transaction.atomic
def sao_open(
    *, case: Case, actor: Any, grounds: str, parent_name: str, parent_address: str, today: date | None = None
) -> SchoolAttendanceOrder:
    """Start an SAO for the child on ``case``, under the legal regime in force today. The first step,
    serving the notice to satisfy the council, is issued by the manager or an authorised officer."""
    today = today or timezone.localdate()
    if not actor.has_perm(Perm.WORK_LEGAL):
        raise PermissionDeniedError("You do not have permission to work on legal interventions")
    grounds = _require_text(
        grounds, field="grounds", message="Enter why it appears the child is not receiving suitable education"
    )
    parent_name, parent_address = _require_parent(parent_name, parent_address)
    _require_school_age(case, today, what="a School Attendance Order can be started")
    if case.school_attendance_orders.exclude(status__in=SAO_CLOSED).exists():
        raise ApplicationError("This case already has a School Attendance Order in progress", field="grounds")
    order = SchoolAttendanceOrder.objects.create(
        case=case,
        legal_regime=periods.current_regime(on=today),
        opened_on=today,
        grounds=grounds,
        parent_name=parent_name,
        parent_address=parent_address,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.SAO_OPENED,
        target=order,
        case_id=str(case.pk),
        data={"legal_regime": order.legal_regime},
    )
    return order


def sao_check_step(
    *, order: SchoolAttendanceOrder, step: str, actor: Any, inp: StepInput, today: date | None = None
) -> tuple[Step, Plan]:
    """The guards of ``step`` without writing anything: the step and what it would record."""
    return _check_step(_SAO, order=order, step=step, actor=actor, inp=inp, today=today)


@transaction.atomic
def sao_take_step(
    *,
    order: SchoolAttendanceOrder,
    step: str,
    actor: Any,
    inp: StepInput,
    expected_version: int | None = None,
    today: date | None = None,
) -> SaoEvent:
    """Take ``step`` on an SAO: check it, record it, issue its notice (stored on the case), audit it."""
    return _take_step(
        _SAO, order=order, step=step, actor=actor, inp=inp, expected_version=expected_version, today=today
    )


# Education Supervision Orders ------------------------------------------------------------------------


def _last_eso_day(order: EducationSupervisionOrder) -> date:
    last = (
        order.events.exclude(step="add-hearing").order_by("-happened_on").values_list("happened_on", flat=True).first()
    )
    return last or order.opened_on


def _eso_consult(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
    sent_on = _require_date(inp, today=today, earliest=order.opened_on)
    _require_service(inp)
    _require_text(
        inp.recipient_name,
        field="recipient_name",
        message="Enter who in children's social care is consulted",
        limit=200,
    )
    if inp.respond_by is None:
        raise ApplicationError("Enter the date to reply by", field="respond_by")
    if inp.respond_by <= sent_on:
        raise ApplicationError(
            "The date to reply by must be after the date the consultation is sent", field="respond_by"
        )
    return Plan(
        changes={"consulted_on": sent_on},
        served_on=sent_on,
        deadline=inp.respond_by,
        details=f"Consulted {inp.recipient_name.strip()}. {inp.details.strip()}".strip(),
    )


def _eso_apply(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
    applied_on = _require_date(inp, today=today, earliest=_last_eso_day(order))
    _require_service(inp)
    _require_school_age(order.case, applied_on, what="an Education Supervision Order can be sought")
    if not inp.not_in_care:
        raise ApplicationError(
            "Confirm that the child is not in the care of a local authority: an Education Supervision Order cannot "
            "be made for a child in care (Children Act 1989 s.36(6))",
            field="not_in_care",
        )
    court = _require_text(inp.court, field="court", message="Enter the court applied to", limit=200)
    return Plan(changes={"applied_on": applied_on, "court": court}, served_on=applied_on, details=inp.details.strip())


def _eso_hearing(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
    heard_on = _require_date(inp, today=today, future_ok=True, earliest=order.applied_on)
    court = inp.court.strip() or order.court
    changes: dict[str, Any] = {"court": court}
    if order.next_hearing_on is None or order.next_hearing_on < today or heard_on < order.next_hearing_on:
        changes["next_hearing_on"] = heard_on if heard_on >= today else None
    return Plan(changes=changes, details=inp.details.strip(), school="")


def _eso_made(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
    made_on = _require_date(inp, today=today, earliest=_last_eso_day(order))
    _require_service(inp)
    starts_on = inp.starts_on or made_on
    if starts_on < made_on:
        raise ApplicationError("The order cannot start before the day it was made", field="starts_on")
    _require_school_age(order.case, starts_on, what="an Education Supervision Order can be made")
    supervisor = _require_text(inp.supervisor, field="supervisor", message="Enter the supervisor's name", limit=200)
    ends_on = periods.eso_end(start=starts_on, on=made_on)
    school_age_end = _school_age_end(order.case)
    if school_age_end is not None and school_age_end < ends_on:
        ends_on = school_age_end
    return Plan(
        changes={
            "made_on": made_on,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "supervisor": supervisor,
            "next_hearing_on": None,
        },
        served_on=made_on,
        deadline=ends_on,
        details=inp.details.strip(),
    )


def _eso_note(message: str) -> Callable[[EducationSupervisionOrder, StepInput, date], Plan]:
    def plan(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
        _require_date(inp, today=today, earliest=_last_eso_day(order))
        return Plan(details=_require_text(inp.details, field="details", message=message))

    return plan


def _eso_apply_extension(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
    applied_on = _require_date(inp, today=today, earliest=_last_eso_day(order))
    ends_on, starts_on = _set(order.ends_on), _set(order.starts_on)
    if order.extension_applied_on is not None:
        raise ApplicationError(
            f"An extension was already applied for on {_day(order.extension_applied_on)}: record the court's decision",
            field="happened_on",
        )
    latest = periods.eso_latest_end(start=starts_on, on=applied_on)
    if ends_on >= latest:
        years = periods.eso_max_total_years(on=applied_on)
        raise ApplicationError(
            f"The order already runs to {_day(ends_on)}, the most it can: {years} years in total", field="step"
        )
    opens = periods.eso_extension_window_opens(end=ends_on, on=applied_on)
    if not opens <= applied_on <= ends_on:
        months = periods.eso_extension_window_months(on=applied_on)
        raise ApplicationError(
            f"An extension can be applied for only in the last {months} months of the order: from {_day(opens)} "
            f"to {_day(ends_on)}",
            field="happened_on",
        )
    return Plan(changes={"extension_applied_on": applied_on}, details=inp.details.strip())


def _eso_extension_granted(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
    granted_on = _require_date(inp, today=today, earliest=_last_eso_day(order))
    ends_on, starts_on = _set(order.ends_on), _set(order.starts_on)
    if order.extension_applied_on is None:
        raise ApplicationError("Record the application to extend the order first", field="step")
    new_end = inp.new_end_on
    if new_end is None:
        raise ApplicationError("Enter the order's new end date", field="new_end_on")
    if new_end <= ends_on:
        raise ApplicationError(
            f"The new end date must be after the order's current end, {_day(ends_on)}", field="new_end_on"
        )
    latest = periods.eso_latest_end(start=starts_on, on=granted_on)
    if new_end > latest:
        years = periods.eso_max_total_years(on=granted_on)
        raise ApplicationError(
            f"An order can run for up to {years} years in total: this one can end on {_day(latest)} at the latest",
            field="new_end_on",
        )
    school_age_end = _school_age_end(order.case)
    if school_age_end is not None and new_end > school_age_end:
        raise ApplicationError(
            f"The child ceases to be of compulsory school age on {_day(school_age_end)}, and the order ends then",
            field="new_end_on",
        )
    return Plan(
        changes={"ends_on": new_end, "extension_applied_on": None},
        deadline=new_end,
        details=f"Extended to {_day(new_end)}. {inp.details.strip()}".strip(),
    )


def _eso_discharge(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
    discharged_on = _require_date(inp, today=today, earliest=_last_eso_day(order))
    _require_service(inp)
    details = _require_text(inp.details, field="details", message="Enter who applied for the discharge, and why")
    return Plan(changes={"closed_on": discharged_on}, served_on=discharged_on, details=details)


def _eso_end(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
    ended_on = _require_date(inp, today=today, earliest=_last_eso_day(order))
    ends_on = _set(order.ends_on)
    school_age_end = _school_age_end(order.case)
    if ended_on <= ends_on and (school_age_end is None or ended_on <= school_age_end):
        raise ApplicationError(
            f"The order runs to {_day(ends_on)}: before then it ends only when the court discharges it or "
            "the child leaves compulsory school age",
            field="happened_on",
        )
    return Plan(changes={"closed_on": ended_on}, details=inp.details.strip())


def _eso_close(message: str) -> Callable[[EducationSupervisionOrder, StepInput, date], Plan]:
    def plan(order: EducationSupervisionOrder, inp: StepInput, today: date) -> Plan:
        closed_on = _require_date(inp, today=today, earliest=_last_eso_day(order))
        return Plan(
            changes={"closed_on": closed_on, "next_hearing_on": None},
            details=_require_text(inp.details, field="details", message=message),
        )

    return plan


ESO_GUARDS: dict[str, Callable[[EducationSupervisionOrder, StepInput, date], Plan]] = {
    "consult-social-care": _eso_consult,
    "apply": _eso_apply,
    "add-hearing": _eso_hearing,
    "order-made": _eso_made,
    "refused": _eso_close("Enter what the court decided"),
    "give-direction": _eso_note("Enter the direction and who it was given to"),
    "record-breach": _eso_note("Enter which direction was not complied with, and how"),
    "apply-extension": _eso_apply_extension,
    "extension-granted": _eso_extension_granted,
    "discharge": _eso_discharge,
    "end": _eso_end,
    "withdraw": _eso_close("Enter why no order will be sought"),
}


@transaction.atomic
def eso_open(
    *,
    case: Case,
    actor: Any,
    grounds: str,
    parent_name: str,
    parent_address: str,
    school_attendance_order: SchoolAttendanceOrder | None = None,
    today: date | None = None,
) -> EducationSupervisionOrder:
    """Start an ESO for the child on ``case``; its first step is consulting children's social care."""
    today = today or timezone.localdate()
    if not actor.has_perm(Perm.WORK_LEGAL):
        raise PermissionDeniedError("You do not have permission to work on legal interventions")
    grounds = _require_text(grounds, field="grounds", message="Enter why the child is not being properly educated")
    parent_name, parent_address = _require_parent(parent_name, parent_address)
    _require_school_age(case, today, what="an Education Supervision Order can be sought")
    if case.education_supervision_orders.exclude(status__in=ESO_CLOSED).exists():
        raise ApplicationError("This case already has an Education Supervision Order in progress", field="grounds")
    if school_attendance_order is not None and school_attendance_order.case_id != case.pk:
        raise ApplicationError("That School Attendance Order is on another case", field="grounds")
    order = EducationSupervisionOrder.objects.create(
        case=case,
        school_attendance_order=school_attendance_order,
        legal_regime=periods.current_regime(on=today),
        opened_on=today,
        grounds=grounds,
        parent_name=parent_name,
        parent_address=parent_address,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.ESO_OPENED,
        target=order,
        case_id=str(case.pk),
        data={"school_attendance_order": str(school_attendance_order.pk) if school_attendance_order else None},
    )
    return order


def eso_check_step(
    *, order: EducationSupervisionOrder, step: str, actor: Any, inp: StepInput, today: date | None = None
) -> tuple[Step, Plan]:
    return _check_step(_ESO, order=order, step=step, actor=actor, inp=inp, today=today)


@transaction.atomic
def eso_take_step(
    *,
    order: EducationSupervisionOrder,
    step: str,
    actor: Any,
    inp: StepInput,
    expected_version: int | None = None,
    today: date | None = None,
) -> EsoEvent:
    """Take ``step`` on an ESO: check it, record it, issue its letter (stored on the case), audit it."""
    return _take_step(
        _ESO, order=order, step=step, actor=actor, inp=inp, expected_version=expected_version, today=today
    )


# Both kinds of order ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _OrderKind:
    """What differs between taking a step on an SAO and on an ESO; the rest is one procedure."""

    model: Any
    event_model: Any
    find: Callable[[str], Step | None]
    missing: str
    labels: Any
    guards: dict[str, Callable[[Any, StepInput, date], Plan]]
    action: AuditAction
    # SAO steps happen on the day their notice is served, and their audit keeps the deadline it starts.
    dated_by_service: bool


_SAO = _OrderKind(
    model=SchoolAttendanceOrder,
    event_model=SaoEvent,
    find=sao_step,
    missing="There is no such step for a School Attendance Order",
    labels=SaoStatus,
    guards=SAO_GUARDS,
    action=AuditAction.SAO_STEP_TAKEN,
    dated_by_service=True,
)
_ESO = _OrderKind(
    model=EducationSupervisionOrder,
    event_model=EsoEvent,
    find=eso_step,
    missing="There is no such step for an Education Supervision Order",
    labels=EsoStatus,
    guards=ESO_GUARDS,
    action=AuditAction.ESO_STEP_TAKEN,
    dated_by_service=False,
)


def _check_step(
    kind: _OrderKind, *, order: Any, step: str, actor: Any, inp: StepInput, today: date | None
) -> tuple[Step, Plan]:
    today = today or timezone.localdate()
    found = kind.find(step)
    if found is None:
        raise ApplicationError(kind.missing, field="step")
    _require_may_take(found, actor)
    check_step(found, status=order.status, labels=kind.labels, what="order")
    return found, kind.guards[found.slug](order, inp, today)


def _take_step(
    kind: _OrderKind,
    *,
    order: Any,
    step: str,
    actor: Any,
    inp: StepInput,
    expected_version: int | None,
    today: date | None,
) -> Any:
    today = today or timezone.localdate()
    order = kind.model.objects.select_for_update().select_related("case__child").get(pk=order.pk)
    if expected_version is not None and order.version != expected_version:
        raise ApplicationError(STALE_ORDER, field="version")
    found, plan = _check_step(kind, order=order, step=step, actor=actor, inp=inp, today=today)
    from_status = order.status
    target = found.target or from_status
    served_on = plan.served_on if kind.dated_by_service else None
    event = kind.event_model(
        order=order,
        step=found.slug,
        from_status=from_status,
        to_status=target,
        happened_on=served_on or inp.happened_on or today,
        served_on=plan.served_on,
        method_of_service=inp.method_of_service if found.served else "",
        deadline=plan.deadline,
        school=plan.school,
        details=plan.details,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    if found.letter:
        event.document = issue_letter(order=order, step=found, plan=plan, inp=inp, actor=actor)
    event.save()
    for name, value in plan.changes.items():
        setattr(order, name, value)
    order.status = target
    order.version = F("version") + 1
    order.modified_by = actor
    order.save()
    order.refresh_from_db(fields=["version"])
    data: dict[str, Any] = {"step": found.slug, "from": from_status, "to": target, "on": str(event.happened_on)}
    if kind.dated_by_service:
        data["deadline"] = str(plan.deadline) if plan.deadline else None
    data["document"] = str(event.document_id) if event.document_id else None
    audit_record(actor=actor, action=kind.action, target=order, case_id=str(order.case_id), data=data)
    return event


# Authorisations -----------------------------------------------------------------------------------


@transaction.atomic
def legal_authorisation_grant(*, actor: Any, officer: Any, reason: str) -> LegalAuthorisation:
    """The manager authorises a CME officer to issue legal notices and orders."""
    if not actor.has_perm(Perm.AUTHORISE_LEGAL_OFFICERS):
        raise PermissionDeniedError("Only the CME manager can authorise officers to issue legal notices")
    if officer.role != Role.CME_OFFICER or not officer.is_active:
        raise ApplicationError("Only an active CME officer can be authorised", field="officer")
    reason = _require_text(reason, field="reason", message="Enter why the officer is authorised", limit=500)
    if LegalAuthorisation.objects.filter(officer=officer, revoked_at__isnull=True).exists():
        raise ApplicationError("That officer is already authorised", field="officer")
    authorisation = LegalAuthorisation.objects.create(
        officer=officer,
        granted_by=actor,
        granted_at=timezone.now(),
        reason=reason,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.LEGAL_AUTHORISATION_GRANTED,
        target=authorisation,
        data={"officer": officer.pk},
    )
    return authorisation


@transaction.atomic
def legal_authorisation_revoke(*, actor: Any, authorisation: LegalAuthorisation) -> LegalAuthorisation:
    if not actor.has_perm(Perm.AUTHORISE_LEGAL_OFFICERS):
        raise PermissionDeniedError("Only the CME manager can revoke an authorisation")
    authorisation = LegalAuthorisation.objects.select_for_update().get(pk=authorisation.pk)
    if authorisation.revoked_at is not None:
        raise ApplicationError("That authorisation was already revoked")
    authorisation.revoked_at = timezone.now()
    authorisation.revoked_by = actor
    authorisation.modified_by = actor
    authorisation.save(update_fields=["revoked_at", "revoked_by", "modified_by", "modified_on"])
    audit_record(
        actor=actor,
        action=AuditAction.LEGAL_AUTHORISATION_REVOKED,
        target=authorisation,
        data={"officer": authorisation.officer_id},
    )
    return authorisation


__all__ = [
    "NOT_AUTHORISED",
    "STALE_ORDER",
    "Plan",
    "StepInput",
    "eso_check_step",
    "eso_open",
    "eso_take_step",
    "legal_authorisation_grant",
    "legal_authorisation_revoke",
    "sao_check_step",
    "sao_open",
    "sao_take_step",
]
