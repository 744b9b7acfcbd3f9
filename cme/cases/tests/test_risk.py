"""Risk and escalation (policy 3.4, 6.6, 6.7): the risk level follows from the factors and concerns,
significant concerns with whereabouts unknown make an immediate referral due until one to Children's
Social Care or MASH is recorded, and a child on a plan who left the UK gets a task for the social worker."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from cme.audit.models import AuditEvent
from cme.cases.codes import RiskFactor, RiskLevel
from cme.cases.models import Case, CaseTask, SafeguardingReferral
from cme.cases.risk import high_risk_factors, risk_level_for
from cme.cases.services import (
    STALE_EDIT,
    case_counterparts_abroad_task_create,
    case_risk_update,
    case_task_complete,
    case_task_create,
    case_transition,
    safeguarding_referral_record,
)
from cme.cases.services.lifecycle import IMMEDIATE_REFERRAL_FIRST
from cme.cases.states import CaseStatus
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.enquiries.tests.factories import CaseFactory
from cme.policy.definitions import RISK_FACTOR_CHOICES, policy_key
from cme.policy.services import policy_version_create
from cme.referrals.models import Referral
from cme.referrals.tests.triage_data import a_referral, decided

TODAY = date(2026, 3, 20)


def update(case: Case, actor, **changes) -> Case:
    facts: dict[str, Any] = {
        "risk_factors": list(case.risk_factors),
        "significant_concerns": case.significant_concerns,
        "concerns": case.concerns,
        "whereabouts_known": case.whereabouts_known,
    }
    facts.update(changes)
    return case_risk_update(case=case, actor=actor, expected_version=case.version, **facts)


def refer(case: Case, actor, made_to: str = SafeguardingReferral.MadeTo.MASH) -> SafeguardingReferral:
    return safeguarding_referral_record(
        case=case,
        actor=actor,
        made_to=made_to,
        made_on=TODAY,
        reference="MASH-0001",
        reason="Significant concerns and whereabouts unknown.",
        today=TODAY,
    )


# The risk level -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factors", "significant", "level"),
    [
        ([], False, RiskLevel.STANDARD),
        ([RiskFactor.TEMPORARY_ACCOMMODATION, RiskFactor.HIGHLY_MOBILE], False, RiskLevel.STANDARD),
        ([RiskFactor.EARLY_HELP], False, RiskLevel.STANDARD),
        ([RiskFactor.CHILD_PROTECTION], False, RiskLevel.HIGH),
        ([RiskFactor.CHILD_IN_NEED], False, RiskLevel.HIGH),
        ([RiskFactor.LOOKED_AFTER], False, RiskLevel.HIGH),
        ([RiskFactor.FLEEING_DOMESTIC_VIOLENCE], False, RiskLevel.HIGH),
        ([RiskFactor.MEDICAL, RiskFactor.LOOKED_AFTER], False, RiskLevel.HIGH),
        ([], True, RiskLevel.HIGH),
        ([RiskFactor.GYPSY_ROMA_TRAVELLER], True, RiskLevel.HIGH),
    ],
)
def test_the_risk_level_follows_from_the_factors_and_significant_concerns(db, factors, significant, level):
    assert risk_level_for(risk_factors=factors, significant_concerns=significant) == level


def test_by_default_exactly_the_four_policy_factors_make_the_risk_high_on_their_own(db):
    high = {
        factor for factor in RiskFactor if risk_level_for(risk_factors=[factor], significant_concerns=False) == "high"
    }

    assert (
        high
        == high_risk_factors()
        == {
            RiskFactor.CHILD_PROTECTION,
            RiskFactor.CHILD_IN_NEED,
            RiskFactor.LOOKED_AFTER,
            RiskFactor.FLEEING_DOMESTIC_VIOLENCE,
        }
    )


def test_the_policy_registry_copy_of_the_risk_factors_equals_risk_factor():
    # cme.policy cannot import cme.cases (import layers), so it keeps the codes and labels as data.
    assert tuple((value, str(label)) for value, label in RiskFactor.choices) == RISK_FACTOR_CHOICES
    assert policy_key("high_risk_factors").choices == RISK_FACTOR_CHOICES


def add_private_fostering_from_tomorrow(manager) -> None:
    policy_version_create(
        actor=manager,
        effective_from=TODAY + timedelta(days=1),
        values={"high_risk_factors": [*high_risk_factors(), RiskFactor.PRIVATE_FOSTERING]},
        reason="Private fostering added to the high-risk factors at the team meeting",
        today=TODAY,
    )


@time_machine.travel("2026-03-20 10:00", tick=False)
def test_a_factor_added_from_tomorrow_applies_to_risk_assessed_from_tomorrow(cme_officer, cme_manager):
    add_private_fostering_from_tomorrow(cme_manager)
    fostering = [RiskFactor.PRIVATE_FOSTERING]

    assert risk_level_for(risk_factors=fostering, significant_concerns=False) == RiskLevel.STANDARD
    assert risk_level_for(risk_factors=fostering, significant_concerns=False, on=TODAY) == RiskLevel.STANDARD
    assert (
        risk_level_for(risk_factors=fostering, significant_concerns=False, on=TODAY + timedelta(days=1))
        == RiskLevel.HIGH
    )
    assessed_today = update(CaseFactory.create(), cme_officer, risk_factors=fostering)
    assert Case.objects.get(pk=assessed_today.pk).risk_level == RiskLevel.STANDARD

    with time_machine.travel("2026-03-21 10:00", tick=False):
        assessed_tomorrow = update(CaseFactory.create(), cme_officer, risk_factors=fostering)

    assert Case.objects.get(pk=assessed_tomorrow.pk).risk_level == RiskLevel.HIGH
    # The case assessed today keeps its stored level until its risk is next changed.
    assert Case.objects.get(pk=assessed_today.pk).risk_level == RiskLevel.STANDARD


@time_machine.travel("2026-03-20 10:00", tick=False)
def test_significant_concerns_make_the_risk_high_whatever_factors_the_policy_names(cme_manager):
    policy_version_create(
        actor=cme_manager,
        effective_from=TODAY,
        values={"high_risk_factors": []},
        reason="Test: no factor makes a case high risk",
        today=TODAY,
    )

    assert high_risk_factors() == frozenset()
    assert risk_level_for(risk_factors=[RiskFactor.CHILD_PROTECTION], significant_concerns=False) == "standard"
    assert risk_level_for(risk_factors=[], significant_concerns=True) == "high"


def test_recording_risk_factors_derives_the_level_bumps_the_version_and_audits_codes_only(cme_officer):
    case = CaseFactory.create()

    case = update(case, cme_officer, risk_factors=[RiskFactor.LOOKED_AFTER, RiskFactor.MEDICAL], whereabouts_known=True)

    case.refresh_from_db()
    assert (case.risk_factors, case.risk_level, case.version) == (
        [RiskFactor.LOOKED_AFTER.value, RiskFactor.MEDICAL.value],
        RiskLevel.HIGH,
        2,
    )
    [event] = AuditEvent.objects.filter(action="case_risk_updated")
    assert (event.actor, event.case_id, event.data) == (
        cme_officer,
        str(case.pk),
        {
            "fields": ["risk_factors", "whereabouts_known"],
            "risk_factors": ["looked_after", "medical"],
            "risk_level": "high",
            "from_risk_level": "standard",
            "immediate_referral_due": False,
        },
    )


def test_the_risk_level_falls_back_to_standard_when_the_high_factors_are_removed(cme_officer):
    case = update(CaseFactory.create(), cme_officer, risk_factors=[RiskFactor.CHILD_PROTECTION])

    case = update(case, cme_officer, risk_factors=[RiskFactor.EARLY_HELP])

    assert Case.objects.get(pk=case.pk).risk_level == RiskLevel.STANDARD


def test_significant_concerns_need_a_description(cme_officer):
    case = CaseFactory.create()

    with pytest.raises(ApplicationError, match=r"^Describe the significant concerns$"):
        update(case, cme_officer, significant_concerns=True, concerns="  ")

    assert Case.objects.get(pk=case.pk).version == 1


def test_an_unknown_risk_factor_is_refused(cme_officer):
    with pytest.raises(ApplicationError, match=r"^Select risk factors from the list$"):
        update(CaseFactory.create(), cme_officer, risk_factors=["astrology"])


def test_a_stale_risk_edit_is_refused_with_the_message_and_changes_nothing(cme_officer, cme_manager):
    case = CaseFactory.create()
    seen_version = case.version
    update(case, cme_manager, risk_factors=[RiskFactor.MEDICAL])

    with pytest.raises(ApplicationError) as refused:
        case_risk_update(
            case=case,
            actor=cme_officer,
            risk_factors=[RiskFactor.CHILD_PROTECTION],
            significant_concerns=False,
            concerns="",
            whereabouts_known=False,
            expected_version=seen_version,
        )

    assert refused.value.message == STALE_EDIT
    case.refresh_from_db()
    assert (case.risk_factors, case.risk_level) == (["medical"], RiskLevel.STANDARD)


def test_a_closed_case_keeps_its_risk(cme_officer):
    case = CaseFactory.create(status=CaseStatus.CLOSED)

    with pytest.raises(ApplicationError, match=r"^This case is closed: reopen it before changing its risk$"):
        update(case, cme_officer, risk_factors=[RiskFactor.MEDICAL])


def test_only_the_cme_team_changes_risk(persona):
    case = CaseFactory.create()

    with pytest.raises(PermissionDeniedError):
        update(case, persona("attendance_officer_west"), risk_factors=[RiskFactor.MEDICAL])

    assert Case.objects.get(pk=case.pk).risk_factors == []


def test_saving_the_same_risk_again_changes_nothing(cme_officer):
    case = update(CaseFactory.create(), cme_officer, risk_factors=[RiskFactor.MEDICAL])

    case = update(case, cme_officer)

    assert (Case.objects.get(pk=case.pk).version, AuditEvent.objects.filter(action="case_risk_updated").count()) == (
        2,
        1,
    )


def test_keeping_the_concerns_of_a_restricted_case_with_none(cme_officer):
    case = CaseFactory.create(restricted=True, significant_concerns=True, concerns="Seen with an adult not known.")

    case_risk_update(
        case=case,
        actor=cme_officer,
        risk_factors=[],
        significant_concerns=True,
        concerns=None,
        whereabouts_known=True,
        expected_version=case.version,
    )

    case.refresh_from_db()
    assert (case.concerns, case.whereabouts_known) == ("Seen with an adult not known.", True)


# Escalation (policy 6.7) --------------------------------------------------------------------------


def test_significant_concerns_with_whereabouts_unknown_make_an_immediate_referral_due(cme_officer):
    case = update(CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.")

    assert Case.objects.get(pk=case.pk).immediate_referral_due is True


def test_significant_concerns_with_whereabouts_known_do_not(cme_officer):
    case = update(
        CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.", whereabouts_known=True
    )

    assert Case.objects.get(pk=case.pk).immediate_referral_due is False


def test_a_referral_to_mash_meets_the_immediate_referral_and_says_so_in_the_audit(cme_officer):
    case = update(CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.")

    referral = refer(case, cme_officer)

    assert Case.objects.get(pk=case.pk).immediate_referral_due is False
    [event] = AuditEvent.objects.filter(action="safeguarding_referral_recorded")
    assert (event.object_type, event.object_id, event.case_id, event.data) == (
        "cases.safeguardingreferral",
        str(referral.pk),
        str(case.pk),
        {"made_to": "mash", "met_immediate_referral": True},
    )


def test_a_referral_to_childrens_social_care_meets_it_too(cme_officer):
    case = update(CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.")

    refer(case, cme_officer, SafeguardingReferral.MadeTo.SOCIAL_CARE)

    assert Case.objects.get(pk=case.pk).immediate_referral_due is False


def test_a_referral_to_the_police_alone_does_not(cme_officer):
    case = update(CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.")

    refer(case, cme_officer, SafeguardingReferral.MadeTo.POLICE)

    assert Case.objects.get(pk=case.pk).immediate_referral_due is True


def test_further_risk_edits_while_the_concerns_persist_keep_the_referral_met(cme_officer):
    case = update(CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.")
    refer(case, cme_officer)
    case.refresh_from_db()

    update(case, cme_officer, risk_factors=[RiskFactor.MEDICAL], concerns="Threat of harm. Also unwell.")

    assert Case.objects.get(pk=case.pk).immediate_referral_due is False


def test_the_whereabouts_becoming_known_clears_it_and_losing_them_again_raises_it_anew(cme_officer):
    case = update(CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.")

    case = update(case, cme_officer, whereabouts_known=True)
    cleared = Case.objects.get(pk=case.pk).immediate_referral_due
    case = update(case, cme_officer, whereabouts_known=False)

    assert (cleared, Case.objects.get(pk=case.pk).immediate_referral_due) == (False, True)


def test_a_case_waiting_for_its_immediate_referral_cannot_be_closed(cme_officer):
    case = update(CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.")

    with pytest.raises(ApplicationError) as refused:
        case_transition(case=case, target=CaseStatus.CLOSED, actor=cme_officer, reason="Found", expected_version=2)

    assert refused.value.message == IMMEDIATE_REFERRAL_FIRST
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ENQUIRIES


def test_once_referred_the_case_can_be_closed(cme_officer):
    case = update(CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.")
    refer(case, cme_officer)

    case_transition(case=case, target=CaseStatus.CLOSED, actor=cme_officer, reason="Found", expected_version=2)

    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"made_to": "neighbour"}, "made_to", "Select who the referral was made to"),
        (
            {"made_on": TODAY + timedelta(days=1)},
            "made_on",
            "The date the referral was made must be today or in the past",
        ),
        ({"reference": "  "}, "reference", "Enter the reference they gave for the referral"),
        ({"reference": "R" * 101}, "reference", "The reference must be 100 characters or fewer"),
        ({"reason": ""}, "reason", "Enter why the referral was made"),
    ],
)
def test_a_safeguarding_referral_needs_who_when_a_reference_and_why(cme_officer, changes, field, message):
    case = update(CaseFactory.create(), cme_officer, significant_concerns=True, concerns="Threat of harm.")
    details = {"made_to": "mash", "made_on": TODAY, "reference": "MASH-1", "reason": "Concerns.", **changes}

    with pytest.raises(ApplicationError) as refused:
        safeguarding_referral_record(case=case, actor=cme_officer, today=TODAY, **details)

    assert (refused.value.field, refused.value.message) == (field, message)
    assert (SafeguardingReferral.objects.count(), Case.objects.get(pk=case.pk).immediate_referral_due) == (0, True)


# Triage carries the referral's risk into the case -------------------------------------------------


def test_a_case_opened_from_a_referral_carries_its_risk_factors_and_urgent_concern(cme_officer):
    referral = a_referral(
        risk_factors=[RiskFactor.CHILD_PROTECTION.value, RiskFactor.HIGHLY_MOBILE.value],
        urgent=True,
        urgent_reason="Threat of harm from an adult at the address.",
    )

    case = decided(referral, Referral.Decision.CME).case

    assert case is not None
    assert (
        case.risk_factors,
        case.significant_concerns,
        case.concerns,
        case.risk_level,
        case.whereabouts_known,
        case.immediate_referral_due,
    ) == (
        ["child_protection", "highly_mobile"],
        True,
        "Threat of harm from an adult at the address.",
        RiskLevel.HIGH,
        False,
        True,
    )


def test_a_case_opened_from_a_referral_without_concerns_is_standard_risk(db):
    case = decided(a_referral(risk_factors=[RiskFactor.EARLY_HELP.value]), Referral.Decision.CME).case

    assert case is not None
    assert (case.risk_factors, case.significant_concerns, case.risk_level, case.immediate_referral_due) == (
        ["early_help"],
        False,
        RiskLevel.STANDARD,
        False,
    )


# A child on a plan who left the UK (policy 6.6) ---------------------------------------------------


def test_a_child_on_a_plan_who_left_the_uk_gets_a_task_for_the_social_worker(cme_officer):
    case = CaseFactory.create(risk_factors=[RiskFactor.CHILD_IN_NEED.value])

    task = case_counterparts_abroad_task_create(
        case=case, actor=cme_officer, social_worker="Duty social worker, North team", country="Portugal", today=TODAY
    )

    assert task is not None
    assert (task.kind, task.assigned_to, task.status, task.details) == (
        CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD,
        "Duty social worker, North team",
        CaseTask.Status.OPEN,
        "The child, who is on a Child in Need or Child Protection plan, has left the UK. Contact your counterpart "
        "and/or the police in Portugal (policy 6.6), then record what was done.",
    )
    [event] = AuditEvent.objects.filter(action="case_task_created")
    assert (event.case_id, event.data) == (str(case.pk), {"kind": "contact_counterparts_abroad"})


def test_without_a_name_the_task_is_for_the_allocated_social_worker(cme_officer):
    case = CaseFactory.create(risk_factors=[RiskFactor.CHILD_PROTECTION.value])

    task = case_counterparts_abroad_task_create(case=case, actor=cme_officer, today=TODAY)

    assert task is not None
    assert task.assigned_to == "The allocated social worker"


def test_a_child_on_no_plan_gets_no_task(cme_officer):
    case = CaseFactory.create(risk_factors=[RiskFactor.LOOKED_AFTER.value])

    assert case_counterparts_abroad_task_create(case=case, actor=cme_officer, country="Spain", today=TODAY) is None
    assert CaseTask.objects.count() == 0


def test_setting_the_task_twice_keeps_one_open_task(cme_officer):
    case = CaseFactory.create(risk_factors=[RiskFactor.CHILD_PROTECTION.value])

    first = case_counterparts_abroad_task_create(case=case, actor=cme_officer, country="Spain", today=TODAY)
    second = case_counterparts_abroad_task_create(case=case, actor=cme_officer, country="France", today=TODAY)

    assert (first, CaseTask.objects.count(), AuditEvent.objects.filter(action="case_task_created").count()) == (
        second,
        1,
        1,
    )


def test_the_generic_task_service_refuses_a_counterparts_task_for_a_child_on_no_plan(cme_officer):
    case = CaseFactory.create()

    with pytest.raises(ApplicationError, match="Only a child on a Child in Need or Child Protection plan"):
        case_task_create(
            case=case,
            actor=cme_officer,
            kind=CaseTask.Kind.CONTACT_COUNTERPARTS_ABROAD,
            assigned_to="Social worker",
        )


def test_completing_a_task_records_when_and_what_once(cme_officer, cme_manager):
    case = CaseFactory.create(risk_factors=[RiskFactor.CHILD_PROTECTION.value])
    task = case_counterparts_abroad_task_create(case=case, actor=cme_officer)
    assert task is not None
    today = timezone.localdate()

    case_task_complete(task=task, actor=cme_manager, result="Spoke to the police liaison officer.", done_on=today)

    task.refresh_from_db()
    assert (task.status, task.done_on, task.result, task.modified_by) == (
        CaseTask.Status.DONE,
        today,
        "Spoke to the police liaison officer.",
        cme_manager,
    )
    with pytest.raises(ApplicationError, match=r"^This task has already been recorded as done$"):
        case_task_complete(task=task, actor=cme_officer, result="Again.", done_on=today)
    assert AuditEvent.objects.filter(action="case_task_completed").count() == 1


@pytest.mark.parametrize(
    ("result", "done_on_days", "field", "message"),
    [
        ("", 0, "result", "Enter what was done"),
        ("Called.", 1, "done_on", "The date it was done must be today or in the past"),
    ],
)
def test_completing_a_task_needs_what_was_done_and_a_past_date(cme_officer, result, done_on_days, field, message):
    case = CaseFactory.create(risk_factors=[RiskFactor.CHILD_PROTECTION.value])
    task = case_counterparts_abroad_task_create(case=case, actor=cme_officer)
    assert task is not None

    with pytest.raises(ApplicationError) as refused:
        case_task_complete(
            task=task, actor=cme_officer, result=result, done_on=timezone.localdate() + timedelta(days=done_on_days)
        )

    assert (refused.value.field, refused.value.message) == (field, message)
    assert CaseTask.objects.get(pk=task.pk).status == CaseTask.Status.OPEN
