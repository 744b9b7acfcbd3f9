"""The notices and letters of each step, issued through cme.letters: the context each kind needs
(its placeholders) built from the order and what the user entered, a preview that is stored
nowhere, and the issued PDF kept on the case."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from cme.legal.models import EducationSupervisionOrder, SchoolAttendanceOrder
from cme.letters.models import IssuedDocument
from cme.letters.services import letter_issue, letter_preview

if TYPE_CHECKING:
    from cme.legal.services import Plan, StepInput
    from cme.legal.stages import Step

Order = SchoolAttendanceOrder | EducationSupervisionOrder


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _last_detail(order: Order, step: str) -> str:
    event = order.events.filter(step=step).order_by("-recorded_at").first()
    return event.details if event is not None else ""


def letter_context(*, order: Order, step: Step, plan: Plan, inp: StepInput) -> dict[str, Any]:
    """The placeholders of ``step``'s letter kind."""
    child = order.case.child
    context: dict[str, Any] = {
        "parent_name": order.parent_name,
        "parent_address": _lines(order.parent_address),
        "child_name": f"{child.forenames} {child.surname}",
        "child_date_of_birth": child.date_of_birth,
    }
    if step.letter in ("sao_prosecution_referral", "eso_social_care_consultation"):
        context["recipient_name"] = inp.recipient_name.strip()
        context["recipient_address"] = _lines(inp.recipient_address)
    served_on: date | None = plan.served_on or inp.happened_on
    if isinstance(order, SchoolAttendanceOrder):
        context.update(_sao_context(order, step, plan, served_on))
    else:
        context.update(_eso_context(order, step, plan, inp, served_on))
    return {key: value for key, value in context.items() if value not in (None, "", [])}


def _sao_context(order: SchoolAttendanceOrder, step: Step, plan: Plan, served_on: date | None) -> dict[str, Any]:
    by_kind: dict[str, dict[str, Any]] = {
        "sao_notice_to_satisfy": {"respond_by": plan.deadline},
        "sao_intention_to_serve": {
            "schools": _lines(plan.changes.get("schools_proposed", "")),
            "select_by": plan.deadline,
            "notice_to_satisfy_date": order.notice_served_on,
        },
        "sao_order": {"school_name": plan.school, "notice_to_satisfy_date": order.notice_served_on},
        "sao_amendment": {
            "order_date": order.order_served_on,
            "previous_school_name": order.named_school,
            "school_name": plan.school,
            "amended_on": served_on,
        },
        "sao_revocation": {
            "order_date": order.order_served_on,
            "school_name": order.named_school,
            "revoked_on": served_on,
            "reason": plan.details,
        },
        "sao_prosecution_referral": {
            "order_date": order.order_served_on,
            "school_name": order.named_school,
            "eso_considered": _last_detail(order, "consider-eso"),
            "summary": plan.details,
        },
    }
    return by_kind.get(step.letter, {})


def _eso_context(
    order: EducationSupervisionOrder, step: Step, plan: Plan, inp: StepInput, served_on: date | None
) -> dict[str, Any]:
    court = plan.changes.get("court") or order.court
    by_kind: dict[str, dict[str, Any]] = {
        "eso_social_care_consultation": {"grounds": order.grounds, "respond_by": inp.respond_by},
        "eso_application_notice": {
            "court_name": court,
            "application_date": served_on,
            "hearing_date": order.next_hearing_on,
        },
        "eso_order_served": {
            "court_name": court,
            "order_date": plan.changes.get("made_on"),
            "ends_on": plan.changes.get("ends_on"),
            "supervisor_name": plan.changes.get("supervisor"),
        },
        "eso_discharge": {
            "court_name": court,
            "order_date": order.made_on,
            "discharged_on": served_on,
            "reason": plan.details,
        },
    }
    return by_kind.get(step.letter, {})


def preview_letter(*, order: Order, step: Step, plan: Plan, inp: StepInput, actor: Any) -> bytes:
    """The PDF the step would issue, stored nowhere."""
    return letter_preview(
        kind=step.letter,
        context=letter_context(order=order, step=step, plan=plan, inp=inp),
        case_reference=order.case.reference,
        officer=actor,
    )


def issue_letter(*, order: Order, step: Step, plan: Plan, inp: StepInput, actor: Any) -> IssuedDocument:
    """Issue the step's letter: rendered once and kept on the case with its date and method of service."""
    return letter_issue(
        kind=step.letter,
        context=letter_context(order=order, step=step, plan=plan, inp=inp),
        case=order.case,
        issued_by=actor,
        method_of_service=inp.method_of_service,
        served_on=plan.served_on,
    )
