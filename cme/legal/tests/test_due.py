"""Legal deadlines on the work queues: the day after each notice period, consultation replies, court
dates and the end of an ESO, scoped by area and officer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine

from cme.legal.selectors import legal_due_items
from cme.legal.stages import SaoStatus
from cme.legal.tests.helpers import START, a_case, eso_in_force, open_eso, sao_at, step
from cme.worklist.selectors import due_items

pytestmark = pytest.mark.django_db


def test_a_served_notice_to_satisfy_puts_the_decision_on_the_queue_the_day_after_its_period(persona):
    manager = persona("cme_manager")
    order, _day = sao_at(SaoStatus.NOTICE_SERVED, manager)
    [item] = legal_due_items(on=START)
    assert (item.what, item.due, item.kind, item.state) == (
        f"Decide whether an order is needed: the notice to satisfy has run: case {order.case.reference}",
        date(2026, 3, 17),
        "legal_sao",
        "later",
    )
    assert item.url == f"/cases/{order.case_id}/legal/school-attendance-orders/{order.pk}/"
    [overdue] = legal_due_items(on=date(2026, 3, 18))
    assert overdue.state == "overdue"


def test_a_served_notice_of_intention_puts_the_order_on_the_queue(persona):
    manager = persona("cme_manager")
    _order, day = sao_at(SaoStatus.INTENTION_SERVED, manager)
    [item] = legal_due_items(on=day)
    assert item.what.startswith("Serve the order: the parent's time to choose a school has run")
    assert item.due == day + timedelta(days=15)


def test_eso_consultation_replies_court_dates_and_the_end_of_the_order(persona):
    manager = persona("cme_manager")
    consulting = open_eso(manager)
    step(
        consulting,
        "consult-social-care",
        manager,
        today=START,
        happened_on=START,
        method_of_service="internal",
        recipient_name="CSC",
        respond_by=date(2026, 3, 16),
    )
    in_force = eso_in_force(manager)
    step(in_force, "add-hearing", manager, today=START, happened_on=date(2026, 6, 9))
    items = [(item.what.split(": case")[0], item.due) for item in legal_due_items(on=START)]
    assert items == [
        ("Children's social care to reply to the consultation", date(2026, 3, 16)),
        ("Court hearing at the Family Court at Watford", date(2026, 6, 9)),
        ("Apply to extend the order if needed (from 2 December 2026)", date(2027, 3, 1)),
    ]


def test_closed_orders_leave_the_queue(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.NOTICE_SERVED, manager)
    step(order, "withdraw", manager, today=day, happened_on=day, details="The child started at a school")
    assert legal_due_items(on=START) == []


def test_scoped_by_area_and_officer_and_gathered_by_the_work_queues(persona):
    manager, west, east = persona("cme_manager"), persona("cme_officer_west"), persona("cme_officer_east")
    west_case = a_case()
    west_case.allocated_to = west
    west_case.save()
    sao_at(SaoStatus.NOTICE_SERVED, manager, west_case)
    assert len(legal_due_items(on=START, area="west")) == 1
    assert legal_due_items(on=START, area="east") == []
    assert len(legal_due_items(on=START, officer=west)) == 1
    assert legal_due_items(on=START, officer=east) == []
    assert [item.kind for item in due_items(on=START, officer=west.pk) if item.kind.startswith("legal")] == [
        "legal_sao"
    ]


def test_the_demo_order_is_at_the_notice_stage_and_made_once(persona):
    from cme.legal.demo import seed_legal_demo
    from cme.legal.models import SchoolAttendanceOrder

    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    assert seed_legal_demo(officer=officer, manager=manager) == 1
    assert seed_legal_demo(officer=officer, manager=manager) == 0
    order = SchoolAttendanceOrder.objects.get()
    assert order.status == SaoStatus.NOTICE_SERVED
    document = order.events.get().document
    assert document is not None
    assert document.kind == "sao_notice_to_satisfy"


def test_the_work_queue_page_lists_the_legal_deadline(client, persona):
    from django.urls import reverse

    manager = persona("cme_manager")
    order, _day = sao_at(SaoStatus.NOTICE_SERVED, manager)
    client.force_login(manager)
    with time_machine.travel(date(2026, 3, 17), tick=False):  # the day the decision is due
        text = client.get(reverse("worklist:queue")).content.decode()
    assert f"Decide whether an order is needed: the notice to satisfy has run: case {order.case.reference}" in text
    assert f"/cases/{order.case_id}/legal/school-attendance-orders/{order.pk}/" in text


def test_the_queue_takes_as_many_queries_for_many_orders_as_for_one(persona):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    manager = persona("cme_manager")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            legal_due_items(on=START)
        return len(queries)

    sao_at(SaoStatus.NOTICE_SERVED, manager)
    consulting = open_eso(manager)
    step(
        consulting,
        "consult-social-care",
        manager,
        today=START,
        happened_on=START,
        method_of_service="internal",
        recipient_name="CSC",
        respond_by=date(2026, 3, 16),
    )
    few = count()
    for _ in range(4):
        sao_at(SaoStatus.NOTICE_SERVED, manager)
        more = open_eso(manager)
        step(
            more,
            "consult-social-care",
            manager,
            today=START,
            happened_on=START,
            method_of_service="internal",
            recipient_name="CSC",
            respond_by=date(2026, 3, 16),
        )
    assert len(legal_due_items(on=START)) == 10
    assert count() == few
