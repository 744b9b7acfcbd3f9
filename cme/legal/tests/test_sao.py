"""The School Attendance Order workflow (EA 1996 ss.437-443, s.447): each stage in order, its notice
issued and kept on the case, and every guard with its reason."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from cme.audit.models import AuditEvent
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.legal.models import SchoolAttendanceOrder
from cme.legal.services import StepInput, sao_check_step, sao_take_step
from cme.legal.stages import SaoStatus, StepNotAllowedError
from cme.legal.tests.helpers import START, a_case, open_sao, sao_at, step
from cme.letters.models import IssuedDocument

pytestmark = pytest.mark.django_db


def test_the_whole_journey_to_a_referral_for_prosecution(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.ESO_CONSIDERED, manager)
    event = step(
        order,
        "refer-prosecution",
        manager,
        today=day,
        happened_on=day,
        method_of_service="internal",
        recipient_name="Head of Legal Services",
        details="Order served 2 April 2026 and not complied with.",
    )
    assert order.status == SaoStatus.PROSECUTION_REFERRED
    assert [e.step for e in order.events.order_by("id")] == [
        "serve-notice-to-satisfy",
        "decide",
        "serve-intention",
        "serve-order",
        "record-non-compliance",
        "consider-eso",
        "refer-prosecution",
    ]
    kinds = list(IssuedDocument.objects.filter(case=order.case).order_by("issued_on").values_list("kind", flat=True))
    assert kinds == ["sao_notice_to_satisfy", "sao_intention_to_serve", "sao_order", "sao_prosecution_referral"]
    assert event.document.kind == "sao_prosecution_referral"
    assert order.named_school == "Example Primary School"
    steps = AuditEvent.objects.filter(action="sao_step_taken", object_id=str(order.pk)).count()
    assert steps == 7


def test_stages_cannot_be_skipped(persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    with pytest.raises(StepNotAllowedError) as error:
        step(order, "serve-order", manager, today=START, happened_on=START, method_of_service="by_hand", school="X")
    assert error.value.message == (
        "“Serve the School Attendance Order” cannot be done now: the order is at “Notice to satisfy to be served”, "
        "and this step follows “Notice of intention served”. Stages cannot be skipped or taken out of order."
    )
    assert order.events.count() == 0


def test_stages_cannot_be_taken_out_of_order(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.IN_FORCE, manager)
    with pytest.raises(StepNotAllowedError, match="the order is at “Order in force”"):
        step(order, "decide", manager, today=day, happened_on=day, details="Again")


def test_the_decision_waits_until_the_notice_to_satisfy_has_run(persona):
    manager = persona("cme_manager")
    order, _day = sao_at(SaoStatus.NOTICE_SERVED, manager)
    last_day = START + timedelta(days=14)
    with pytest.raises(ApplicationError) as error:
        step(order, "decide", manager, today=last_day, happened_on=last_day, details="No reply")
    assert error.value.message == (
        "The notice to satisfy gives the parent until 16 March 2026: the decision can be made from 17 March 2026"
    )
    step(
        order,
        "decide",
        manager,
        today=last_day + timedelta(days=1),
        happened_on=last_day + timedelta(days=1),
        details="No reply",
    )
    assert order.status == SaoStatus.DECIDED


def test_an_order_cannot_be_served_before_the_notice_of_intention_has_run(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.INTENTION_SERVED, manager)
    assert order.intention_period_ends == day + timedelta(days=14)
    early = day + timedelta(days=14)
    with pytest.raises(ApplicationError) as error:
        step(
            order,
            "serve-order",
            manager,
            today=early,
            happened_on=early,
            method_of_service="by_hand",
            school="Example Primary School",
        )
    assert error.value.message == (
        "An order cannot be served before the notice period has run: the notice of intention gives the parent until "
        "31 March 2026 to choose a school; serve the order on or after 1 April 2026"
    )
    assert order.events.filter(step="serve-order").count() == 0
    assert IssuedDocument.objects.filter(case=order.case, kind="sao_order").count() == 0


def test_a_child_not_of_compulsory_school_age_cannot_be_made_subject_to_an_order(persona):
    manager = persona("cme_manager")
    four_year_old = a_case(date_of_birth=date(2021, 5, 10))
    with pytest.raises(ApplicationError) as error:
        open_sao(manager, four_year_old)
    assert error.value.message == (
        "The child is not of compulsory school age on 2 March 2026 (from 31 August 2026 to 26 June 2037): "
        "a School Attendance Order can be started only for a child of compulsory school age"
    )
    assert SchoolAttendanceOrder.objects.count() == 0


def test_the_child_must_still_be_of_compulsory_school_age_when_the_order_is_served(persona):
    manager = persona("cme_manager")
    # Born 1 May 2010: compulsory school age ends on 25 June 2027... started in time, served too late.
    case = a_case(date_of_birth=date(2010, 9, 1))  # ends 25 June 2027 (1 Sep child: one more year)
    order = open_sao(manager, case, on=date(2027, 5, 3))
    step(
        order,
        "serve-notice-to-satisfy",
        manager,
        today=date(2027, 5, 3),
        happened_on=date(2027, 5, 3),
        method_of_service="by_hand",
    )
    step(order, "decide", manager, today=date(2027, 5, 18), happened_on=date(2027, 5, 18), details="No reply")
    step(
        order,
        "serve-intention",
        manager,
        today=date(2027, 6, 14),
        happened_on=date(2027, 6, 14),
        method_of_service="by_hand",
        school="Example School",
    )
    with pytest.raises(ApplicationError, match="not of compulsory school age on 29 June 2027"):
        step(
            order,
            "serve-order",
            manager,
            today=date(2027, 6, 29),
            happened_on=date(2027, 6, 29),
            method_of_service="by_hand",
            school="Example School",
        )


def test_a_child_without_a_date_of_birth_cannot_be_made_subject_to_an_order(persona):
    with pytest.raises(ApplicationError, match="Record the child's date of birth first"):
        open_sao(persona("cme_manager"), a_case(date_of_birth=None))


def test_the_notice_to_satisfy_gives_at_least_the_policy_period(persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    with pytest.raises(ApplicationError) as error:
        step(
            order,
            "serve-notice-to-satisfy",
            manager,
            today=START,
            happened_on=START,
            method_of_service="by_hand",
            period_days=14,
        )
    assert (
        error.value.message
        == "The notice must give the parent at least 15 days, beginning with the day of service (s.437(2))"
    )
    assert error.value.field == "period_days"


def test_service_needs_a_date_and_a_method_and_no_future_date(persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"method_of_service": "by_hand"}, "Enter the date"),
        ({"happened_on": START}, "Select how it was served"),
        (
            {"happened_on": START + timedelta(days=1), "method_of_service": "by_hand"},
            "The date cannot be in the future",
        ),
        (
            {"happened_on": START - timedelta(days=1), "method_of_service": "by_hand"},
            "The date cannot be before 2 March 2026, the date of the stage before",
        ),
    ]
    for values, message in cases:
        with pytest.raises(ApplicationError) as error:
            sao_check_step(
                order=order, step="serve-notice-to-satisfy", actor=manager, inp=StepInput(**values), today=START
            )
        assert error.value.message == message


def test_the_parent_s_choice_within_the_period_is_the_school_the_order_names(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.INTENTION_SERVED, manager)
    step(
        order,
        "record-parent-choice",
        manager,
        today=day + timedelta(days=3),
        happened_on=day + timedelta(days=3),
        school="Sample Academy",
    )
    served = day + timedelta(days=15)
    with pytest.raises(
        ApplicationError, match="The parent chose Sample Academy within the notice period: the order must name it"
    ):
        step(
            order,
            "serve-order",
            manager,
            today=served,
            happened_on=served,
            method_of_service="by_hand",
            school="Example Primary School",
        )
    step(
        order,
        "serve-order",
        manager,
        today=served,
        happened_on=served,
        method_of_service="by_hand",
        school="Sample Academy",
    )
    assert order.named_school == "Sample Academy"


def test_a_choice_after_the_period_does_not_count(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.INTENTION_SERVED, manager)
    late = day + timedelta(days=15)
    with pytest.raises(ApplicationError, match="which ended on 31 March 2026"):
        step(order, "record-parent-choice", manager, today=late, happened_on=late, school="Sample Academy")


def test_amendment_names_the_school_the_parent_secured(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.IN_FORCE, manager)
    with pytest.raises(ApplicationError, match="The order already names Example Primary School"):
        step(
            order,
            "amend",
            manager,
            today=day,
            happened_on=day,
            method_of_service="by_hand",
            school="Example Primary School",
        )
    event = step(
        order, "amend", manager, today=day, happened_on=day, method_of_service="by_hand", school="Sample Academy"
    )
    assert (order.status, order.named_school, event.document.kind) == (
        SaoStatus.IN_FORCE,
        "Sample Academy",
        "sao_amendment",
    )


def test_revocation_on_the_parent_s_request_closes_the_order(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.IN_FORCE, manager)
    step(
        order,
        "revoke",
        manager,
        today=day,
        happened_on=day,
        method_of_service="first_class_post",
        details="Home education assessed as suitable on 20 April.",
    )
    assert (order.status, order.closed_on) == (SaoStatus.REVOKED, day)
    with pytest.raises(StepNotAllowedError):
        step(order, "record-compliance", manager, today=day, happened_on=day, details="x")


def test_prosecution_needs_the_eso_considered_first(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.NOT_COMPLIED, manager)
    with pytest.raises(StepNotAllowedError, match="this step follows “Education Supervision Order considered”"):
        step(
            order,
            "refer-prosecution",
            manager,
            today=day,
            happened_on=day,
            method_of_service="internal",
            recipient_name="Legal",
            details="x",
        )


def test_no_prosecution_when_the_council_concluded_an_eso_should_be_sought(persona):
    manager = persona("cme_manager")
    order, day = sao_at(SaoStatus.NOT_COMPLIED, manager)
    step(
        order,
        "consider-eso",
        manager,
        today=day,
        happened_on=day,
        conclusion="apply_for_eso",
        details="Directions may help.",
    )
    with pytest.raises(ApplicationError) as error:
        step(
            order,
            "refer-prosecution",
            manager,
            today=day,
            happened_on=day,
            method_of_service="internal",
            recipient_name="Legal",
            details="x",
        )
    assert error.value.message == (
        "The council concluded that it should apply for an Education Supervision Order instead of prosecuting "
        "(s.447): start the ESO from the case's legal interventions page"
    )


def test_one_order_in_progress_per_case(persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    with pytest.raises(ApplicationError, match="already has a School Attendance Order in progress"):
        open_sao(manager, order.case)


def test_a_stale_page_is_refused(persona):
    manager = persona("cme_manager")
    order = open_sao(manager)
    with pytest.raises(ApplicationError, match="Someone else changed this order"):
        sao_take_step(
            order=order,
            step="serve-notice-to-satisfy",
            actor=manager,
            inp=StepInput(happened_on=START, method_of_service="by_hand"),
            expected_version=order.version + 1,
            today=START,
        )


# Who may do what ----------------------------------------------------------------------------------


def test_an_officer_prepares_but_cannot_issue_until_authorised(persona):
    manager, officer = persona("cme_manager"), persona("cme_officer_west")
    order = open_sao(officer)  # officers start (prepare) the order
    with pytest.raises(PermissionDeniedError) as error:
        step(order, "serve-notice-to-satisfy", officer, today=START, happened_on=START, method_of_service="by_hand")
    assert error.value.message == (
        "Only the CME manager, or a CME officer the manager has authorised, can issue legal notices and orders"
    )
    from cme.legal.services import legal_authorisation_grant, legal_authorisation_revoke

    authorisation = legal_authorisation_grant(actor=manager, officer=officer, reason="Trained in SAO procedure")
    step(order, "serve-notice-to-satisfy", officer, today=START, happened_on=START, method_of_service="by_hand")
    assert order.status == SaoStatus.NOTICE_SERVED
    legal_authorisation_revoke(actor=manager, authorisation=authorisation)
    order2 = open_sao(officer)
    with pytest.raises(PermissionDeniedError):
        step(order2, "serve-notice-to-satisfy", officer, today=START, happened_on=START, method_of_service="by_hand")
    actions = list(
        AuditEvent.objects.filter(action__startswith="legal_authorisation")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["legal_authorisation_granted", "legal_authorisation_revoked"]


def test_only_the_manager_authorises_and_only_cme_officers_can_be_authorised(persona):
    from cme.legal.services import legal_authorisation_grant

    officer = persona("cme_officer_west")
    with pytest.raises(PermissionDeniedError):
        legal_authorisation_grant(actor=officer, officer=persona("cme_officer_east"), reason="x")
    with pytest.raises(ApplicationError, match="Only an active CME officer can be authorised"):
        legal_authorisation_grant(actor=persona("cme_manager"), officer=persona("attendance_officer_west"), reason="x")
    legal_authorisation_grant(actor=persona("cme_manager"), officer=officer, reason="Trained")
    assert officer.has_perm("cme.issue_legal_notices") is True
    # An authorised officer issues notices, but cannot authorise others.
    with pytest.raises(PermissionDeniedError):
        legal_authorisation_grant(actor=officer, officer=persona("cme_officer_east"), reason="x")


def test_roles_without_legal_work_cannot_start_an_order(persona):
    for name in ("attendance_officer_west", "ehe_officer", "auditor", "system_admin", "school_user"):
        with pytest.raises(PermissionDeniedError):
            open_sao(persona(name))
    assert SchoolAttendanceOrder.objects.count() == 0
