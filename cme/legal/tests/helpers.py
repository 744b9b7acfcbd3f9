"""Shared set-up for the legal tests: a case whose child is of compulsory school age, an SAO or ESO
taken to a given stage. Children and parents are synthetic."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from cme.enquiries.tests.factories import CaseFactory, ChildFactory
from cme.legal.models import EducationSupervisionOrder, SchoolAttendanceOrder
from cme.legal.services import StepInput, eso_open, eso_take_step, sao_open, sao_take_step

# A Monday in term; the child (born 17 May 2014) is of compulsory school age until 26 June 2030.
START = date(2026, 3, 2)


def a_case(**child: Any) -> Any:
    return CaseFactory.create(child=ChildFactory.create(**child)) if child else CaseFactory.create()


def open_sao(manager: Any, case: Any = None, *, on: date = START) -> SchoolAttendanceOrder:
    return sao_open(
        case=case or a_case(),
        actor=manager,
        grounds="No school place and no evidence of education at home.",
        parent_name="Ms Alex Sample",
        parent_address="1 Example Street\nHertford\nSG13 0ZZ",
        today=on,
    )


def step(order: Any, slug: str, actor: Any, *, today: date, **values: Any) -> Any:
    take = sao_take_step if isinstance(order, SchoolAttendanceOrder) else eso_take_step
    event = take(order=order, step=slug, actor=actor, inp=StepInput(**values), today=today)
    order.refresh_from_db()
    return event


def sao_at(stage: str, manager: Any, case: Any = None) -> tuple[SchoolAttendanceOrder, date]:
    """An SAO taken, in order, up to ``stage``; returns it and the day of its last step."""
    order = open_sao(manager, case)
    day = START
    path: list[tuple[str, dict[str, Any]]] = [
        ("serve-notice-to-satisfy", {"method_of_service": "by_hand"}),
        ("decide", {"details": "No reply to the notice."}),
        ("serve-intention", {"method_of_service": "by_hand", "school": "Example Primary School"}),
        ("serve-order", {"method_of_service": "by_hand", "school": "Example Primary School"}),
        ("record-non-compliance", {"details": "Not registered four weeks on."}),
        ("consider-eso", {"conclusion": "prosecute", "details": "Directions would not help."}),
    ]
    for slug, values in path:
        if order.status == stage:
            break
        if slug in ("decide", "serve-order"):
            day += timedelta(days=15)
        step(order, slug, manager, today=day, happened_on=day, **values)
    return order, day


def open_eso(manager: Any, case: Any = None, *, on: date = START) -> EducationSupervisionOrder:
    return eso_open(
        case=case or a_case(),
        actor=manager,
        grounds="The school attendance order is not complied with.",
        parent_name="Ms Alex Sample",
        parent_address="1 Example Street\nHertford\nSG13 0ZZ",
        today=on,
    )


def eso_in_force(manager: Any, case: Any = None, *, made_on: date = START) -> EducationSupervisionOrder:
    order = open_eso(manager, case, on=made_on - timedelta(days=30))
    step(
        order,
        "consult-social-care",
        manager,
        today=made_on - timedelta(days=30),
        happened_on=made_on - timedelta(days=30),
        method_of_service="internal",
        recipient_name="Children's Services",
        respond_by=made_on - timedelta(days=20),
    )
    step(
        order,
        "apply",
        manager,
        today=made_on - timedelta(days=14),
        happened_on=made_on - timedelta(days=14),
        method_of_service="by_hand",
        court="the Family Court at Watford",
        not_in_care=True,
    )
    step(
        order,
        "order-made",
        manager,
        today=made_on,
        happened_on=made_on,
        method_of_service="by_hand",
        supervisor="Jo Example, CME Officer",
    )
    return order
