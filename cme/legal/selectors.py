"""Reading legal interventions: a case's orders, each order's stages as the page shows them, the
deadlines the work queues show, and the officers authorised to issue notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from cme.calendars.due import DueItem, due_state, is_escalated
from cme.cases.models import Case
from cme.legal import periods
from cme.legal.models import (
    EducationSupervisionOrder,
    EsoEvent,
    LegalAuthorisation,
    SaoEvent,
    SchoolAttendanceOrder,
)
from cme.legal.stages import (
    ESO_CLOSED,
    ESO_STEPS,
    SAO_CLOSED,
    SAO_STEPS,
    EsoStatus,
    SaoStatus,
    Step,
    eso_step,
    sao_step,
    steps_from,
)
from cme.policy.selectors import policy_value


def case_orders(case: Case) -> tuple[list[SchoolAttendanceOrder], list[EducationSupervisionOrder]]:
    """The case's SAOs and ESOs, newest first."""
    return (
        list(case.school_attendance_orders.all()),
        list(case.education_supervision_orders.all()),
    )


def sao_for_case(*, case: Case, order_id: Any) -> SchoolAttendanceOrder | None:
    return (
        SchoolAttendanceOrder.objects.select_related("case__child")
        .prefetch_related(Prefetch("events", queryset=SaoEvent.objects.select_related("recorded_by", "document")))
        .filter(case=case, pk=order_id)
        .first()
    )


def eso_for_case(*, case: Case, order_id: Any) -> EducationSupervisionOrder | None:
    return (
        EducationSupervisionOrder.objects.select_related("case__child")
        .prefetch_related(Prefetch("events", queryset=EsoEvent.objects.select_related("recorded_by", "document")))
        .filter(case=case, pk=order_id)
        .first()
    )


@dataclass(frozen=True)
class Action:
    step: Step
    basis: str
    allowed: bool  # the user may take it (issuing needs the manager or an authorised officer)


@dataclass(frozen=True)
class Deadline:
    label: str
    due: date
    basis: str


def _actions(steps: tuple[Step, ...], status: str, regime: str, user: Any) -> list[Action]:
    return [
        Action(step=step, basis=step.basis_for(regime), allowed=user.has_perm(step.permission))
        for step in steps_from(steps, status)
    ]


def sao_actions(order: SchoolAttendanceOrder, *, user: Any) -> list[Action]:
    return _actions(SAO_STEPS, order.status, order.legal_regime, user)


def eso_actions(order: EducationSupervisionOrder, *, user: Any) -> list[Action]:
    return _actions(ESO_STEPS, order.status, order.legal_regime, user)


def sao_deadline(order: SchoolAttendanceOrder) -> Deadline | None:
    """What the SAO waits for next, and the first day it may be done (the period "beginning with the
    day of service" has run)."""
    if order.status == SaoStatus.NOTICE_SERVED and order.notice_period_ends:
        return Deadline(
            "Decide whether an order is needed: the notice to satisfy has run",
            periods.first_day_after(order.notice_period_ends, 1),
            "EA 1996 s.437(2)-(3)",
        )
    if order.status == SaoStatus.INTENTION_SERVED and order.intention_period_ends:
        return Deadline(
            "Serve the order: the parent's time to choose a school has run",
            periods.first_day_after(order.intention_period_ends, 1),
            "EA 1996 s.438",
        )
    return None


def eso_deadlines(order: EducationSupervisionOrder, *, on: date) -> list[Deadline]:
    found: list[Deadline] = []
    if order.status in ESO_CLOSED:
        return found
    if order.status == EsoStatus.CONSULTED:
        consultations = getattr(order, "consultations", None)  # prefetched by legal_due_items
        if consultations is None:
            consultations = list(order.events.filter(step="consult-social-care"))
        reply = max(consultations, key=lambda event: event.recorded_at, default=None)
        if reply is not None and reply.deadline:
            found.append(
                Deadline("Children's social care to reply to the consultation", reply.deadline, "CA 1989 s.36(8)")
            )
    if order.next_hearing_on:
        found.append(Deadline(f"Court hearing at {order.court}", order.next_hearing_on, "CA 1989 s.36"))
    if order.status == EsoStatus.IN_FORCE and order.ends_on and order.starts_on:
        if order.extension_applied_on is None and order.ends_on < periods.eso_latest_end(start=order.starts_on, on=on):
            opens = periods.eso_extension_window_opens(end=order.ends_on, on=on)
            found.append(
                Deadline(
                    f"Apply to extend the order if needed (from {opens:%-d %B %Y})",
                    order.ends_on,
                    "CA 1989 Sch.3 para 15",
                )
            )
        else:
            found.append(Deadline("The order ends", order.ends_on, "CA 1989 Sch.3 para 15"))
    return found


@dataclass(frozen=True)
class LegalSummary:
    """The case page's "Legal interventions" panel."""

    saos: list[SchoolAttendanceOrder]
    esos: list[EducationSupervisionOrder]

    @property
    def any(self) -> bool:
        return bool(self.saos or self.esos)


def legal_summary(case: Case) -> LegalSummary:
    saos, esos = case_orders(case)
    return LegalSummary(saos=saos, esos=esos)


# Work queues ------------------------------------------------------------------------------------


def _scoped(orders: QuerySet[Any], *, area: Any, officer: Any) -> QuerySet[Any]:
    if area is not None:
        # As on the other queues, an area's items include those of cases with no area yet.
        area_id = getattr(area, "pk", area)
        orders = orders.filter(Q(case__area_id=area_id) | Q(case__area__isnull=True))
    if officer is not None:
        officer_id = getattr(officer, "pk", officer)
        orders = orders.filter(case__allocated_to_id=officer_id)
    return orders.select_related("case", "case__area", "case__allocated_to")


def legal_due_items(*, on: date, area: Any = None, officer: Any = None) -> list[DueItem]:
    """Every legal deadline still open: the end of each notice period (the next step may be taken the
    day after), ESO consultation replies, court dates, the extension window and the end of each ESO.
    ``area`` and ``officer`` narrow it to the cases of an area or held by an officer."""
    at_risk = int(policy_value("at_risk_working_days", on=on))
    margin = int(policy_value("escalation_margin_working_days", on=on))
    items: list[DueItem] = []

    def add(case: Case, what: str, due: date, url: str, kind: str) -> None:
        officer_user = case.allocated_to
        items.append(
            DueItem(
                what=f"{what}: case {case.reference}",
                due=due,
                url=url,
                case_reference=case.reference,
                area_name=case.area.name if case.area else "",
                officer_id=officer_user.pk if officer_user else None,
                officer_name=officer_user.full_name if officer_user else "",
                state=due_state(due, on=on, at_risk_working_days=at_risk),
                kind=kind,
                area_id=case.area_id,
                escalated=is_escalated(due, on=on, escalation_margin_working_days=margin),
            )
        )

    saos = _scoped(
        SchoolAttendanceOrder.objects.filter(status__in=[SaoStatus.NOTICE_SERVED, SaoStatus.INTENTION_SERVED]),
        area=area,
        officer=officer,
    )
    for sao in saos:
        deadline = sao_deadline(sao)
        if deadline is not None:
            url = reverse("legal:sao", args=[sao.case_id, sao.pk])
            add(sao.case, deadline.label, deadline.due, url, "legal_sao")
    esos = _scoped(
        EducationSupervisionOrder.objects.exclude(status__in=ESO_CLOSED).filter(
            Q(status=EsoStatus.CONSULTED) | Q(next_hearing_on__isnull=False) | Q(status=EsoStatus.IN_FORCE)
        ),
        area=area,
        officer=officer,
    ).prefetch_related(
        Prefetch("events", queryset=EsoEvent.objects.filter(step="consult-social-care"), to_attr="consultations")
    )
    for eso in esos:
        url = reverse("legal:eso", args=[eso.case_id, eso.pk])
        for deadline in eso_deadlines(eso, on=on):
            add(eso.case, deadline.label, deadline.due, url, "legal_eso")
    items.sort(key=lambda item: (item.due, item.what))
    return items


# Authorisations ---------------------------------------------------------------------------------


def legal_authorisations() -> QuerySet[LegalAuthorisation]:
    return LegalAuthorisation.objects.select_related("officer", "granted_by", "revoked_by")


def may_issue_legal_notices(user: Any) -> bool:
    """The CME manager, or a CME officer the manager has authorised (cme.legal.backends)."""
    return bool(user.has_perm("cme.issue_legal_notices"))


__all__ = [
    "SAO_CLOSED",
    "Action",
    "Deadline",
    "LegalSummary",
    "case_orders",
    "eso_actions",
    "eso_deadlines",
    "eso_for_case",
    "eso_step",
    "legal_authorisations",
    "legal_due_items",
    "legal_summary",
    "may_issue_legal_notices",
    "sao_actions",
    "sao_deadline",
    "sao_for_case",
    "sao_step",
]
