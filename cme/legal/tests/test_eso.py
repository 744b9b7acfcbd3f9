"""Education Supervision Orders (Children Act 1989 s.36, Sch.3; EA 1996 s.447): consultation before
applying, the application, court dates, the order for a year, extensions in its last three months up
to three years in total, directions and breaches, discharge, and its end."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cme.core.exceptions import ApplicationError
from cme.legal.stages import EsoStatus, SaoStatus, StepNotAllowedError
from cme.legal.tests.helpers import START, a_case, eso_in_force, open_eso, sao_at, step
from cme.letters.models import IssuedDocument

pytestmark = pytest.mark.django_db


def test_an_order_runs_for_a_year_from_its_start_and_its_letters_are_kept_on_the_case(persona):
    manager = persona("cme_manager")
    order = eso_in_force(manager)
    assert (order.status, order.starts_on, order.ends_on) == (EsoStatus.IN_FORCE, START, date(2027, 3, 1))
    assert order.supervisor == "Jo Example, CME Officer"
    kinds = list(IssuedDocument.objects.filter(case=order.case).order_by("issued_on").values_list("kind", flat=True))
    assert kinds == ["eso_social_care_consultation", "eso_application_notice", "eso_order_served"]


def test_children_s_social_care_must_be_consulted_before_applying(persona):
    manager = persona("cme_manager")
    order = open_eso(manager)
    with pytest.raises(StepNotAllowedError, match="this step follows “Children's social care consulted”"):
        step(
            order,
            "apply",
            manager,
            today=START,
            happened_on=START,
            method_of_service="by_hand",
            court="Court",
            not_in_care=True,
        )


def test_no_order_for_a_child_in_care(persona):
    manager = persona("cme_manager")
    order = open_eso(manager)
    step(
        order,
        "consult-social-care",
        manager,
        today=START,
        happened_on=START,
        method_of_service="internal",
        recipient_name="CSC",
        respond_by=START + timedelta(days=10),
    )
    with pytest.raises(ApplicationError) as error:
        step(order, "apply", manager, today=START, happened_on=START, method_of_service="by_hand", court="Court")
    assert error.value.message == (
        "Confirm that the child is not in the care of a local authority: an Education Supervision Order cannot be "
        "made for a child in care (Children Act 1989 s.36(6))"
    )


def test_court_dates_may_be_in_the_future_and_show_as_the_next_hearing(persona):
    manager = persona("cme_manager")
    order = open_eso(manager)
    step(
        order,
        "consult-social-care",
        manager,
        today=START,
        happened_on=START,
        method_of_service="internal",
        recipient_name="CSC",
        respond_by=START + timedelta(days=10),
    )
    step(
        order,
        "apply",
        manager,
        today=START,
        happened_on=START,
        method_of_service="by_hand",
        court="the Family Court at Watford",
        not_in_care=True,
    )
    step(order, "add-hearing", manager, today=START, happened_on=date(2026, 4, 14))
    assert order.next_hearing_on == date(2026, 4, 14)


def test_an_order_ends_when_the_child_leaves_compulsory_school_age_if_that_is_sooner(persona):
    manager = persona("cme_manager")
    case = a_case(date_of_birth=date(2010, 8, 31))  # compulsory school age ends 26 June 2026
    order = eso_in_force(manager, case)
    assert order.ends_on == date(2026, 6, 26)


def test_an_extension_is_applied_for_only_in_the_last_three_months(persona):
    manager = persona("cme_manager")
    order = eso_in_force(manager)  # runs 2 March 2026 to 1 March 2027
    early = date(2026, 12, 1)
    with pytest.raises(ApplicationError) as error:
        step(order, "apply-extension", manager, today=early, happened_on=early)
    assert error.value.message == (
        "An extension can be applied for only in the last 3 months of the order: from 2 December 2026 to 1 March 2027"
    )
    step(order, "apply-extension", manager, today=date(2026, 12, 2), happened_on=date(2026, 12, 2))
    assert order.extension_applied_on == date(2026, 12, 2)


def test_extensions_run_to_three_years_in_total_at_most(persona):
    manager = persona("cme_manager")
    order = eso_in_force(manager)
    day = date(2027, 1, 5)
    with pytest.raises(ApplicationError, match="Record the application to extend the order first"):
        step(order, "extension-granted", manager, today=day, happened_on=day, new_end_on=date(2028, 3, 1))
    step(order, "apply-extension", manager, today=day, happened_on=day)
    with pytest.raises(ApplicationError) as error:
        step(order, "extension-granted", manager, today=day, happened_on=day, new_end_on=date(2029, 3, 2))
    assert (
        error.value.message
        == "An order can run for up to 3 years in total: this one can end on 1 March 2029 at the latest"
    )
    step(order, "extension-granted", manager, today=day, happened_on=day, new_end_on=date(2029, 3, 1))
    assert (order.ends_on, order.extension_applied_on) == (date(2029, 3, 1), None)
    later = date(2029, 1, 2)
    with pytest.raises(ApplicationError, match="the most it can: 3 years in total"):
        step(order, "apply-extension", manager, today=later, happened_on=later)


def test_directions_breaches_and_discharge(persona):
    manager = persona("cme_manager")
    order = eso_in_force(manager)
    day = START + timedelta(days=7)
    step(
        order,
        "give-direction",
        manager,
        today=day,
        happened_on=day,
        details="Parent to attend a meeting at school on 16 March.",
    )
    step(
        order,
        "record-breach",
        manager,
        today=day + timedelta(days=10),
        happened_on=day + timedelta(days=10),
        details="Did not attend the meeting.",
    )
    event = step(
        order,
        "discharge",
        manager,
        today=day + timedelta(days=30),
        happened_on=day + timedelta(days=30),
        method_of_service="by_hand",
        details="The parent applied; the child now attends school.",
    )
    assert (order.status, event.document.kind) == (EsoStatus.DISCHARGED, "eso_discharge")


def test_an_order_ends_only_after_its_end_date_or_the_end_of_compulsory_school_age(persona):
    manager = persona("cme_manager")
    order = eso_in_force(manager)
    with pytest.raises(ApplicationError, match="The order runs to 1 March 2027"):
        step(order, "end", manager, today=date(2027, 3, 1), happened_on=date(2027, 3, 1))
    step(order, "end", manager, today=date(2027, 3, 2), happened_on=date(2027, 3, 2), details="Expired")
    assert order.status == EsoStatus.ENDED


def test_an_eso_may_follow_a_school_attendance_order_that_is_not_complied_with(persona):
    manager = persona("cme_manager")
    sao, _day = sao_at(SaoStatus.NOT_COMPLIED, manager)
    from cme.legal.services import eso_open

    eso = eso_open(
        case=sao.case,
        actor=manager,
        grounds="Order not complied with",
        parent_name=sao.parent_name,
        parent_address=sao.parent_address,
        school_attendance_order=sao,
        today=START + timedelta(days=60),
    )
    assert eso.school_attendance_order == sao
