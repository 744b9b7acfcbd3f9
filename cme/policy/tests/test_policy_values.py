from datetime import date

import pytest
import time_machine

from cme.audit.models import AuditEvent
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.policy.definitions import POLICY_KEYS, parse_value, policy_key, serialise_value
from cme.policy.models import PolicyVersion
from cme.policy.selectors import current_policy_version, policy_value, policy_values
from cme.policy.services import policy_version_create

pytestmark = pytest.mark.django_db


def test_every_key_has_a_source_a_unit_or_type_and_a_default_that_parses():
    for key in POLICY_KEYS.values():
        assert key.source, key.name
        assert key.description, key.name
        assert key.default is not None, key.name
    assert policy_key("sao_notice_to_satisfy_days").default == 15
    assert policy_key("sao_notice_to_satisfy_days").unit == "calendar days"
    assert policy_key("enquiries_complete_school_days").unit == "school days"
    assert policy_key("legal_regime").choices[0][0] == "ea1996"


def test_with_no_version_the_documented_defaults_apply():
    assert current_policy_version() is None
    assert policy_value("triage_working_days") == 1
    assert policy_value("high_risk_escalation_working_days") == 0
    assert policy_value("policy_next_review_date") == date(2026, 9, 1)
    with pytest.raises(KeyError):
        policy_value("no_such_key")


def test_format_names_the_unit():
    assert policy_key("enquiries_complete_school_days").format(10) == "10 school days"
    assert policy_key("triage_working_days").format(1) == "1 working day"
    assert policy_key("high_risk_escalation_working_days").format(0) == "The same working day"
    assert policy_key("policy_next_review_date").format(date(2027, 9, 1)) == "1 September 2027"
    assert policy_key("legal_regime").format("ea1996") == "Education Act 1996, sections 437 to 443"


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_a_new_version_applies_from_its_date_and_the_past_stays_answerable(persona):
    manager = persona("cme_manager")
    first = policy_version_create(
        actor=manager,
        effective_from=date(2026, 11, 27),
        values={"triage_working_days": 2},
        reason="Agreed at team meeting",
    )
    second = policy_version_create(
        actor=manager,
        effective_from=date(2027, 1, 4),
        values={"triage_working_days": 3, "policy_next_review_date": "2027-09-01"},
        reason="New year",
    )
    assert (first.number, second.number) == (1, 2)
    assert policy_value("triage_working_days", on=date(2026, 11, 26)) == 1
    assert policy_value("triage_working_days") == 2
    assert policy_value("triage_working_days", on=date(2027, 1, 3)) == 2
    assert policy_value("triage_working_days", on=date(2027, 1, 4)) == 3
    assert policy_value("policy_next_review_date", on=date(2027, 1, 4)) == date(2027, 9, 1)
    # Keys not mentioned keep the value in effect on the new version's date.
    assert second.values["enquiries_complete_school_days"] == 10
    assert current_policy_version() == first
    first.refresh_from_db()
    assert first.values["triage_working_days"] == 2
    event = AuditEvent.objects.get(action="policy_version_created", object_id=str(second.pk))
    assert event.data == {
        "number": 2,
        "effective_from": "2027-01-04",
        "changed": {"policy_next_review_date": ["2026-09-01", "2027-09-01"], "triage_working_days": [2, 3]},
    }


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_two_versions_on_one_date_the_later_number_wins(persona):
    manager = persona("cme_manager")
    policy_version_create(
        actor=manager, effective_from=date(2026, 12, 1), values={"at_risk_working_days": 3}, reason="a"
    )
    policy_version_create(
        actor=manager, effective_from=date(2026, 12, 1), values={"at_risk_working_days": 4}, reason="b"
    )
    assert policy_value("at_risk_working_days", on=date(2026, 12, 1)) == 4
    assert PolicyVersion.objects.count() == 2


@time_machine.travel("2026-11-27 10:00", tick=False)
@pytest.mark.parametrize(
    ("values", "effective_from", "reason", "message"),
    [
        (
            {"triage_working_days": 2},
            date(2026, 11, 26),
            "r",
            "The date it takes effect must be today or in the future",
        ),
        ({"triage_working_days": 2}, date(2026, 11, 27), " ", "Enter why the policy values are changing"),
        ({"triage_working_days": "two"}, date(2026, 11, 27), "r", "Triage a referral within must be a whole number"),
        (
            {"sao_notice_to_satisfy_days": 14},
            date(2026, 11, 27),
            "r",
            "Notice to satisfy: period for the parent must be 15 or more",
        ),
        ({"legal_regime": "scotland"}, date(2026, 11, 27), "r", "Select school attendance order law in force"),
        ({"triage_working_days": 1}, date(2026, 11, 27), "r", "Change at least one value, or cancel"),
        (
            {"policy_next_review_date": "2027-02-30"},
            date(2026, 11, 27),
            "r",
            "Next review of the CME policy must be a real date",
        ),
    ],
)
def test_bad_versions_are_refused(persona, values, effective_from, reason, message):
    with pytest.raises(ApplicationError) as error:
        policy_version_create(actor=persona("cme_manager"), effective_from=effective_from, values=values, reason=reason)
    assert error.value.message == message
    assert PolicyVersion.objects.count() == 0


def test_only_the_manager_may_record_a_version(persona):
    with pytest.raises(PermissionDeniedError):
        policy_version_create(
            actor=persona("cme_officer_west"),
            effective_from=date(2030, 1, 1),
            values={"triage_working_days": 2},
            reason="r",
        )


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_policy_values_returns_every_key_typed(persona):
    policy_version_create(
        actor=persona("cme_manager"),
        effective_from=date(2026, 11, 27),
        values={"legal_regime": "cwsa2026"},
        reason="Commenced",
    )
    values = policy_values()
    assert set(values) == set(POLICY_KEYS)
    assert values["legal_regime"] == "cwsa2026"
    assert values["policy_next_review_date"] == date(2026, 9, 1)


def test_a_set_of_risk_factors_is_checked_stored_in_order_and_shown_by_label():
    key = policy_key("high_risk_factors")
    assert key.default == frozenset({"child_in_need", "child_protection", "looked_after", "fleeing_domestic_violence"})
    assert key.source == "Hertfordshire CME policy 3.4"
    assert serialise_value(key, frozenset({"looked_after", "medical"})) == ["looked_after", "medical"]
    assert parse_value(key, ["medical", "looked_after"]) == frozenset({"looked_after", "medical"})
    assert key.format(frozenset({"medical", "looked_after"})) == (
        "Looked after by a council; Long-term medical or emotional health problems"
    )
    assert key.format(frozenset()) == "None"
    for bad in (["dragons"], "looked_after", 3):
        with pytest.raises(ApplicationError, match="must be chosen from the list"):
            parse_value(key, bad)
