"""Enquiry services: what each records, its audit event, and every rule it enforces."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from cme.audit.models import AuditEvent
from cme.cases.services import STALE_EDIT
from cme.cases.states import CaseStatus
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.enquiries.models import Check, Enquiry, EnquiryStep, Method, Outcome
from cme.enquiries.services import (
    CLOSED_CASE,
    enquiry_answer,
    enquiry_chase,
    enquiry_not_applicable,
    enquiry_record,
)
from cme.enquiries.tests.factories import CaseFactory, EnquiryFactory, OtherCouncilFactory
from cme.organisations.models import Organisation
from cme.organisations.tests.factories import PartnerAgencyFactory

TODAY = date(2026, 3, 10)  # a Tuesday

pytestmark = pytest.mark.django_db


def _record(case, actor, **overrides):
    kwargs = {
        "case": case,
        "check": Check.POLICE,
        "actor": actor,
        "asked_whom": "Police (synthetic force), missing persons unit",
        "asked_on": date(2026, 3, 2),
        "method": Method.SECURE_EMAIL,
        "expected_version": 0,
        "today": TODAY,
    }
    return enquiry_record(**{**kwargs, **overrides})


def _actions(case):
    return list(AuditEvent.objects.filter(case_id=str(case.pk)).order_by("id").values_list("action", "data"))


# Recording ---------------------------------------------------------------------------------------


def test_recording_an_enquiry_creates_its_row_a_history_step_and_an_audit_event(cme_officer):
    case = CaseFactory.create()

    enquiry = _record(case, cme_officer, due_on=date(2026, 3, 20))

    assert (enquiry.check_type, enquiry.asked_whom, enquiry.asked_on, enquiry.method, enquiry.due_on) == (
        Check.POLICE,
        "Police (synthetic force), missing persons unit",
        date(2026, 3, 2),
        Method.SECURE_EMAIL,
        date(2026, 3, 20),
    )
    assert (enquiry.version, enquiry.created_by, enquiry.modified_by) == (1, cme_officer, cme_officer)
    assert list(enquiry.steps.values_list("kind", "on", "method", "due_on", "recorded_by")) == [
        ("asked", date(2026, 3, 2), "secure_email", date(2026, 3, 20), cme_officer.pk)
    ]
    assert _actions(case) == [("enquiry_recorded", {"check": "police", "method": "secure_email"})]
    event = AuditEvent.objects.get(case_id=str(case.pk))
    assert (event.object_type, event.object_id, event.actor) == ("enquiries.enquiry", str(enquiry.pk), cme_officer)


def test_the_due_date_defaults_to_ten_working_days_after_the_date_asked(cme_officer):
    # Friday 17 December 2021: 27 and 28 December and 3 January were bank holidays.
    with time_machine.travel(date(2021, 12, 20), tick=False):
        enquiry = _record(CaseFactory.create(), cme_officer, asked_on=date(2021, 12, 17), today=None)

    assert enquiry.due_on == date(2022, 1, 5)


def test_the_date_asked_cannot_be_in_the_future(cme_officer):
    case = CaseFactory.create()

    with pytest.raises(ApplicationError) as error:
        _record(case, cme_officer, asked_on=date(2026, 3, 11))

    assert (error.value.message, error.value.field) == ("The date asked must be today or in the past", "asked_on")
    assert Enquiry.objects.count() == 0


def test_the_due_date_cannot_be_before_the_date_asked(cme_officer):
    with pytest.raises(ApplicationError) as error:
        _record(CaseFactory.create(), cme_officer, due_on=date(2026, 3, 1))

    assert (error.value.message, error.value.field) == (
        "The due date must be the same as or after the date asked (2 March 2026)",
        "due_on",
    )


def test_recording_needs_who_was_asked_and_how(cme_officer):
    case = CaseFactory.create()

    with pytest.raises(ApplicationError) as no_one:
        _record(case, cme_officer, asked_whom="  ")
    with pytest.raises(ApplicationError) as no_method:
        _record(case, cme_officer, method="carrier pigeon")

    assert (no_one.value.message, no_one.value.field) == ("Enter who was asked", "asked_whom")
    assert (no_method.value.message, no_method.value.field) == ("Select how the enquiry was made", "method")


def test_a_value_that_is_not_a_check_is_refused(cme_officer):
    with pytest.raises(ApplicationError) as error:
        _record(CaseFactory.create(), cme_officer, check="astrology")

    assert error.value.message == "Select a check from the enquiry checklist"


def test_a_second_first_record_of_the_same_check_is_refused_as_stale(cme_officer, cme_manager):
    case = CaseFactory.create()
    _record(case, cme_officer)

    with pytest.raises(ApplicationError) as error:
        _record(case, cme_manager, asked_whom="Someone else")

    assert (error.value.message, error.value.field) == (STALE_EDIT, "version")
    assert Enquiry.objects.get().asked_whom == "Police (synthetic force), missing persons unit"


def test_asking_again_after_an_answer_starts_a_new_round_and_keeps_the_history(cme_officer):
    enquiry = EnquiryFactory.create(
        outcome=Outcome.NOTHING_KNOWN, answer="Not known to police", completed_on=date(2026, 3, 5)
    )

    again = _record(enquiry.case, cme_officer, asked_on=date(2026, 3, 9), expected_version=1)

    assert (again.pk, again.outcome, again.answer, again.completed_on, again.asked_on, again.version) == (
        enquiry.pk,
        "",
        "",
        None,
        date(2026, 3, 9),
        2,
    )
    assert list(again.steps.values_list("kind", flat=True)) == ["asked"]


# Cross-border enquiries to named councils --------------------------------------------------------


def test_a_cross_border_enquiry_can_go_to_several_councils(cme_officer):
    case = CaseFactory.create()
    first, second = (
        OtherCouncilFactory.create(name="Synthetic North Council"),
        OtherCouncilFactory.create(name="Synthetic South Council"),
    )

    to_first = _record(case, cme_officer, check=Check.CROSS_BORDER, other_council=first, asked_whom="")
    to_second = _record(case, cme_officer, check=Check.CROSS_BORDER, other_council=second, asked_whom="CME officer")
    general = _record(case, cme_officer, check=Check.CROSS_BORDER, asked_whom="National CME contacts network")

    rows = Enquiry.objects.filter(case=case).order_by("created_on")
    assert [(row.other_council, row.asked_whom) for row in rows] == [
        (first, "Synthetic North Council"),
        (second, "CME officer"),
        (None, "National CME contacts network"),
    ]
    assert {to_first.pk, to_second.pk, general.pk} == {row.pk for row in rows}
    assert _actions(case)[0] == (
        "enquiry_recorded",
        {"check": "cross_border", "other_council": str(first.pk), "method": "secure_email"},
    )


def test_the_same_council_cannot_be_asked_twice_as_two_enquiries(cme_officer):
    case = CaseFactory.create()
    council = OtherCouncilFactory.create(name="Synthetic North Council")
    _record(case, cme_officer, check=Check.CROSS_BORDER, other_council=council)

    with pytest.raises(ApplicationError) as error:
        _record(case, cme_officer, check=Check.CROSS_BORDER, other_council=council)

    assert (error.value.message, error.value.field) == (
        "An enquiry to Synthetic North Council is already recorded for this case",
        "other_council",
    )


def test_only_a_cross_border_enquiry_goes_to_a_named_council(cme_officer):
    council = OtherCouncilFactory.create()

    with pytest.raises(ApplicationError) as error:
        _record(CaseFactory.create(), cme_officer, check=Check.HOUSING, other_council=council)

    assert error.value.message == "Only a cross-border enquiry can be made to another council"


def test_a_cross_border_enquiry_goes_to_another_council_not_any_organisation(cme_officer):
    agency = PartnerAgencyFactory.create()
    assert agency.kind == Organisation.Kind.PARTNER_AGENCY

    with pytest.raises(ApplicationError) as error:
        _record(CaseFactory.create(), cme_officer, check=Check.CROSS_BORDER, other_council=agency)

    assert (error.value.message, error.value.field) == ("Select another council", "other_council")


# Chasing -------------------------------------------------------------------------------------------


def test_chasing_records_each_chase_and_may_move_the_due_date(cme_officer):
    enquiry = EnquiryFactory.create()

    enquiry = enquiry_chase(
        enquiry=enquiry,
        actor=cme_officer,
        chased_on=date(2026, 3, 5),
        method=Method.PHONE,
        note="Left a message",
        expected_version=1,
        today=TODAY,
    )
    enquiry = enquiry_chase(
        enquiry=enquiry,
        actor=cme_officer,
        chased_on=date(2026, 3, 9),
        method=Method.EMAIL,
        due_on=date(2026, 3, 23),
        expected_version=2,
        today=TODAY,
    )

    assert (enquiry.last_chased_on, enquiry.due_on, enquiry.version) == (date(2026, 3, 9), date(2026, 3, 23), 3)
    assert list(enquiry.steps.values_list("kind", "on", "method", "text", "due_on")) == [
        ("chased", date(2026, 3, 5), "phone", "Left a message", None),
        ("chased", date(2026, 3, 9), "email", "", date(2026, 3, 23)),
    ]
    assert [action for action, _data in _actions(enquiry.case)] == ["enquiry_chased", "enquiry_chased"]


def test_a_chase_cannot_be_before_the_enquiry_was_asked_or_in_the_future(cme_officer):
    enquiry = EnquiryFactory.create(asked_on=date(2026, 3, 2))

    with pytest.raises(ApplicationError) as before:
        enquiry_chase(
            enquiry=enquiry,
            actor=cme_officer,
            chased_on=date(2026, 3, 1),
            method="email",
            expected_version=1,
            today=TODAY,
        )
    with pytest.raises(ApplicationError) as future:
        enquiry_chase(
            enquiry=enquiry,
            actor=cme_officer,
            chased_on=date(2026, 3, 11),
            method="email",
            expected_version=1,
            today=TODAY,
        )

    assert before.value.message == "The date chased must be the same as or after the date asked (2 March 2026)"
    assert future.value.message == "The date chased must be today or in the past"
    assert EnquiryStep.objects.count() == 0


def test_a_new_due_date_cannot_be_before_the_chase(cme_officer):
    with pytest.raises(ApplicationError) as error:
        enquiry_chase(
            enquiry=EnquiryFactory.create(),
            actor=cme_officer,
            chased_on=date(2026, 3, 9),
            method="email",
            due_on=date(2026, 3, 6),
            expected_version=1,
            today=TODAY,
        )

    assert (error.value.message, error.value.field) == (
        "The new due date must be the same as or after the date chased (9 March 2026)",
        "due_on",
    )


def test_only_an_enquiry_waiting_for_an_answer_can_be_chased(cme_officer):
    answered = EnquiryFactory.create(outcome=Outcome.NOTHING_KNOWN, answer="Nothing", completed_on=date(2026, 3, 4))
    ruled_out = EnquiryFactory.create(
        check_type=Check.MASH, asked_on=None, not_applicable=True, not_applicable_reason="No concerns"
    )

    with pytest.raises(ApplicationError) as chasing_answered:
        enquiry_chase(
            enquiry=answered,
            actor=cme_officer,
            chased_on=date(2026, 3, 9),
            method="email",
            expected_version=1,
            today=TODAY,
        )
    with pytest.raises(ApplicationError) as chasing_ruled_out:
        enquiry_chase(
            enquiry=ruled_out,
            actor=cme_officer,
            chased_on=date(2026, 3, 9),
            method="email",
            expected_version=1,
            today=TODAY,
        )

    assert (
        chasing_answered.value.message == "This enquiry has been answered. Record it as asked again before you chase it"
    )
    assert chasing_ruled_out.value.message == (
        "This enquiry is marked not applicable. Record it as asked before you chase it"
    )


# Answering -----------------------------------------------------------------------------------------


def test_answering_records_the_outcome_and_finishes_the_enquiry(cme_officer):
    enquiry = EnquiryFactory.create()

    enquiry = enquiry_answer(
        enquiry=enquiry,
        actor=cme_officer,
        outcome=Outcome.INFORMATION_FOUND,
        answer="Family known at an address in a neighbouring county",
        answered_on=date(2026, 3, 9),
        expected_version=1,
        today=TODAY,
    )

    assert (enquiry.outcome, enquiry.completed_on, enquiry.is_finished, enquiry.version) == (
        Outcome.INFORMATION_FOUND,
        date(2026, 3, 9),
        True,
        2,
    )
    assert list(enquiry.steps.values_list("kind", "outcome", "text")) == [
        ("answered", "information_found", "Family known at an address in a neighbouring county")
    ]
    # The audit trail holds the outcome code, never what was said about the child.
    assert _actions(enquiry.case) == [("enquiry_answered", {"check": "police", "outcome": "information_found"})]


def test_an_answer_needs_its_text_unless_there_was_no_response(cme_officer):
    with pytest.raises(ApplicationError) as error:
        enquiry_answer(
            enquiry=EnquiryFactory.create(),
            actor=cme_officer,
            outcome=Outcome.NOTHING_KNOWN,
            answer=" ",
            answered_on=date(2026, 3, 9),
            expected_version=1,
            today=TODAY,
        )

    assert (error.value.message, error.value.field) == ("Enter the answer", "answer")


def test_no_response_is_recorded_only_after_a_chase(cme_officer):
    enquiry = EnquiryFactory.create()

    with pytest.raises(ApplicationError) as error:
        enquiry_answer(
            enquiry=enquiry,
            actor=cme_officer,
            outcome=Outcome.NO_RESPONSE,
            answer="",
            answered_on=date(2026, 3, 9),
            expected_version=1,
            today=TODAY,
        )
    enquiry = enquiry_chase(
        enquiry=enquiry, actor=cme_officer, chased_on=date(2026, 3, 5), method="phone", expected_version=1, today=TODAY
    )
    enquiry = enquiry_answer(
        enquiry=enquiry,
        actor=cme_officer,
        outcome=Outcome.NO_RESPONSE,
        answer="",
        answered_on=date(2026, 3, 9),
        expected_version=2,
        today=TODAY,
    )

    assert error.value.message == "Chase the enquiry at least once before you record that there was no response"
    assert (enquiry.outcome, enquiry.answer) == (Outcome.NO_RESPONSE, "")


def test_the_answer_date_cannot_be_in_the_future_or_before_the_enquiry(cme_officer):
    enquiry = EnquiryFactory.create(asked_on=date(2026, 3, 2))

    def answer(on):
        return enquiry_answer(
            enquiry=enquiry,
            actor=cme_officer,
            outcome=Outcome.NOTHING_KNOWN,
            answer="Nothing known",
            answered_on=on,
            expected_version=1,
            today=TODAY,
        )

    with pytest.raises(ApplicationError) as future:
        answer(date(2026, 3, 11))
    with pytest.raises(ApplicationError) as before:
        answer(date(2026, 2, 27))

    assert (future.value.message, future.value.field) == (
        "The date answered must be today or in the past",
        "answered_on",
    )
    assert before.value.message == "The date answered must be the same as or after the date asked (2 March 2026)"


def test_an_enquiry_not_yet_asked_cannot_be_answered(cme_officer):
    ruled_out = EnquiryFactory.create(asked_on=None, not_applicable=True, not_applicable_reason="Not needed")

    with pytest.raises(ApplicationError) as error:
        enquiry_answer(
            enquiry=ruled_out,
            actor=cme_officer,
            outcome=Outcome.NOTHING_KNOWN,
            answer="Nothing",
            answered_on=date(2026, 3, 9),
            expected_version=1,
            today=TODAY,
        )

    assert (
        error.value.message == "This enquiry is marked not applicable. Record it as asked before you record an answer"
    )


def test_an_answer_needs_an_outcome(cme_officer):
    with pytest.raises(ApplicationError) as error:
        enquiry_answer(
            enquiry=EnquiryFactory.create(),
            actor=cme_officer,
            outcome="",
            answer="Something",
            answered_on=date(2026, 3, 9),
            expected_version=1,
            today=TODAY,
        )

    assert (error.value.message, error.value.field) == ("Select the outcome of the enquiry", "outcome")


# Not applicable ------------------------------------------------------------------------------------


def test_a_check_not_started_can_be_marked_not_applicable_with_a_reason(cme_officer):
    case = CaseFactory.create()

    enquiry = enquiry_not_applicable(
        case=case,
        check=Check.MASH,
        actor=cme_officer,
        reason="No safeguarding concerns: a MASH referral is not required",
        expected_version=0,
        today=TODAY,
    )

    assert (enquiry.not_applicable, enquiry.not_applicable_reason, enquiry.completed_on, enquiry.asked_on) == (
        True,
        "No safeguarding concerns: a MASH referral is not required",
        TODAY,
        None,
    )
    assert list(enquiry.steps.values_list("kind", "text")) == [
        ("not_applicable", "No safeguarding concerns: a MASH referral is not required")
    ]
    assert _actions(case) == [("enquiry_not_applicable", {"check": "mash"})]


def test_not_applicable_needs_a_reason(cme_officer):
    with pytest.raises(ApplicationError) as error:
        enquiry_not_applicable(
            case=CaseFactory.create(), check=Check.MASH, actor=cme_officer, reason="  ", expected_version=0, today=TODAY
        )

    assert (error.value.message, error.value.field) == ("Enter why this enquiry is not applicable", "reason")
    assert Enquiry.objects.count() == 0


def test_an_answered_enquiry_cannot_be_marked_not_applicable(cme_officer):
    enquiry = EnquiryFactory.create(outcome=Outcome.NOTHING_KNOWN, answer="Nothing", completed_on=date(2026, 3, 4))

    with pytest.raises(ApplicationError) as error:
        enquiry_not_applicable(
            case=enquiry.case, check=Check.POLICE, actor=cme_officer, reason="Changed my mind", expected_version=1
        )

    assert error.value.message == "This enquiry has been answered, so it cannot be marked not applicable"


# Stale edits, closed cases, permission -------------------------------------------------------------


def test_a_change_made_from_a_stale_page_is_refused_and_changes_nothing(cme_officer, cme_manager):
    enquiry = EnquiryFactory.create()
    enquiry_chase(
        enquiry=enquiry, actor=cme_manager, chased_on=date(2026, 3, 5), method="phone", expected_version=1, today=TODAY
    )

    with pytest.raises(ApplicationError) as error:
        enquiry_answer(
            enquiry=enquiry,
            actor=cme_officer,
            outcome=Outcome.NOTHING_KNOWN,
            answer="Nothing known",
            answered_on=date(2026, 3, 9),
            expected_version=1,
            today=TODAY,
        )

    assert (error.value.message, error.value.field) == (STALE_EDIT, "version")
    enquiry.refresh_from_db()
    assert (enquiry.outcome, enquiry.version) == ("", 2)


@pytest.mark.parametrize(
    "change",
    [
        lambda enquiry, actor: _record(enquiry.case, actor, expected_version=1),
        lambda enquiry, actor: enquiry_chase(
            enquiry=enquiry, actor=actor, chased_on=date(2026, 3, 5), method="phone", expected_version=1, today=TODAY
        ),
        lambda enquiry, actor: enquiry_answer(
            enquiry=enquiry,
            actor=actor,
            outcome=Outcome.NOTHING_KNOWN,
            answer="Nothing known",
            answered_on=date(2026, 3, 9),
            expected_version=1,
            today=TODAY,
        ),
        lambda enquiry, actor: enquiry_not_applicable(
            case=enquiry.case, check=Check.POLICE, actor=actor, reason="Not needed", expected_version=1, today=TODAY
        ),
    ],
    ids=["record", "chase", "answer", "not applicable"],
)
def test_a_closed_cases_enquiries_cannot_be_changed(cme_officer, change):
    enquiry = EnquiryFactory.create(case=CaseFactory.create(status=CaseStatus.CLOSED))

    with pytest.raises(ApplicationError) as error:
        change(enquiry, cme_officer)

    assert (
        error.value.message
        == CLOSED_CASE
        == ("This case is closed, so its enquiries cannot be changed. Reopen the case first")
    )
    enquiry.refresh_from_db()
    assert (enquiry.version, enquiry.steps.count(), _actions(enquiry.case)) == (1, 0, [])


@pytest.mark.parametrize(
    "status", [CaseStatus.OPEN, CaseStatus.LOCATED, CaseStatus.NOT_LOCATED, CaseStatus.MANAGER_REVIEW]
)
def test_enquiries_can_be_recorded_in_every_state_but_closed(cme_officer, status):
    enquiry = _record(CaseFactory.create(status=status), cme_officer)

    assert enquiry.version == 1


@pytest.mark.parametrize("persona_name", ["attendance_officer_west", "auditor", "school_user", "system_admin"])
def test_only_people_who_work_on_cases_can_record_enquiries(persona, persona_name):
    case = CaseFactory.create()

    with pytest.raises(PermissionDeniedError):
        _record(case, persona(persona_name))

    assert (Enquiry.objects.count(), _actions(case)) == (0, [])
