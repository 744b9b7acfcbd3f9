"""The policy values page and the form for a new version (frozen time)."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import strip_tags

from cme.audit.models import AuditEvent
from cme.policy.definitions import POLICY_KEYS, RISK_FACTOR_CHOICES
from cme.policy.models import PolicyVersion
from cme.policy.selectors import policy_value, policy_values

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(html_lib.unescape(strip_tags(response.content.decode())).split())


def form_data(**changes) -> dict[str, Any]:
    data: dict[str, Any] = {"reason": "Agreed at the team meeting"}
    for name, value in {**policy_values(), **changes}.items():
        key = POLICY_KEYS[name]
        if key.is_set_of_choices:
            data[name] = sorted(value)
        elif isinstance(value, date):
            data.update({f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)})
        else:
            data[name] = str(value)
    data.update({"effective_from_0": "27", "effective_from_1": "11", "effective_from_2": "2026"})
    assert key
    return data


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_officers_read_the_values_with_their_units_and_sources(client, persona):
    client.force_login(persona("cme_officer_west"))
    page = text_of(client.get(reverse("policy:home")))
    assert "No version has been recorded yet: the documented defaults apply." in page
    assert "Complete the council's enquiries within 10 school days Local choice" in page
    assert "Escalate a high-risk case within The same working day Policy 6.7" in page
    assert "Notice to satisfy: period for the parent 15 calendar days Education Act 1996 s.437(2)" in page
    assert "The policy was due for review on 1 September 2026 (policy 9.1)." in page
    assert "Change the policy values" not in page


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_manager_records_a_new_version(client, persona):
    client.force_login(persona("cme_manager"))
    assert client.get(reverse("policy:change")).status_code == 200
    response = client.post(
        reverse("policy:change"),
        form_data(enquiries_complete_school_days=15, policy_next_review_date=date(2027, 9, 1)),
    )
    assert response.status_code == 302
    version = PolicyVersion.objects.get()
    assert (version.number, version.effective_from, version.reason) == (
        1,
        date(2026, 11, 27),
        "Agreed at the team meeting",
    )
    assert policy_value("enquiries_complete_school_days") == 15
    page = text_of(client.get(reverse("policy:home")))
    assert "Version 1, in effect since 27 November 2026" in page
    assert "Next review of the policy: 1 September 2027." in page
    page = text_of(client.get(reverse("policy:version", args=[1])))
    assert "Complete the council's enquiries within: 10 school days → 15 school days" in page


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_bad_values_are_shown_in_an_error_summary(client, persona):
    client.force_login(persona("cme_manager"))
    data = form_data(sao_notice_to_satisfy_days=10)
    data["effective_from_0"] = "20"
    response = client.post(reverse("policy:change"), data)
    page = text_of(response)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "The date it takes effect must be today or in the future" in page
    response = client.post(reverse("policy:change"), form_data(sao_notice_to_satisfy_days=10))
    assert "Notice to satisfy: period for the parent must be 15 or more" in text_of(response)
    response = client.post(reverse("policy:change"), form_data())
    assert "Change at least one value, or cancel" in text_of(response)
    assert PolicyVersion.objects.count() == 0


@pytest.mark.parametrize("name", ["cme_officer_west", "attendance_officer_west", "auditor", "school_user"])
def test_only_the_manager_may_change_the_values(client, persona, name):
    client.force_login(persona(name))
    assert client.post(reverse("policy:change"), form_data(triage_working_days=3)).status_code == 403
    assert PolicyVersion.objects.count() == 0


HIGH_RISK_DEFAULT = ["child_in_need", "child_protection", "fleeing_domestic_violence", "looked_after"]


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_page_lists_the_high_risk_factors_by_label(client, persona):
    client.force_login(persona("cme_officer_west"))
    response = client.get(reverse("policy:home"))
    items = re.findall(r"<li>([^<]+)</li>", response.content.decode())
    assert items[:4] == [
        "Family fleeing domestic violence",
        "On a Child in Need plan",
        "On a Child Protection plan",
        "Looked after by a council",
    ]
    page = text_of(response)
    assert "Risk factors that make a case high risk Family fleeing domestic violence" in page
    assert "Looked after by a council Hertfordshire CME policy 3.4" in page
    assert "child_in_need" not in page
    assert "existing cases keep their level until their risk is next changed" in page


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_manager_ticks_the_high_risk_factors_and_the_history_shows_the_change(client, persona):
    client.force_login(persona("cme_manager"))
    form_page = client.get(reverse("policy:change")).content.decode()
    assert form_page.count('class="govuk-checkboxes__input"') == 14
    ticked = re.findall(r'value="([a-z_]+)"\s+checked="checked"', form_page)
    assert [code for code in ticked if code in dict(RISK_FACTOR_CHOICES)] == [
        "fleeing_domestic_violence",
        "child_in_need",
        "child_protection",
        "looked_after",
    ]
    response = client.post(
        reverse("policy:change"), form_data(high_risk_factors=[*HIGH_RISK_DEFAULT, "private_fostering"])
    )
    assert response.status_code == 302
    assert policy_value("high_risk_factors") == frozenset({*HIGH_RISK_DEFAULT, "private_fostering"})
    version = PolicyVersion.objects.get()
    assert version.values["high_risk_factors"] == [
        "fleeing_domestic_violence",
        "child_in_need",
        "child_protection",
        "looked_after",
        "private_fostering",
    ]
    event = AuditEvent.objects.get(action="policy_version_created")
    assert event.data["changed"] == {
        "high_risk_factors": [
            ["fleeing_domestic_violence", "child_in_need", "child_protection", "looked_after"],
            ["fleeing_domestic_violence", "child_in_need", "child_protection", "looked_after", "private_fostering"],
        ]
    }
    page = text_of(client.get(reverse("policy:version", args=[1])))
    assert (
        "Risk factors that make a case high risk: Family fleeing domestic violence; On a Child in Need plan; "
        "On a Child Protection plan; Looked after by a council → Family fleeing domestic violence; On a Child in "
        "Need plan; On a Child Protection plan; Looked after by a council; In a private fostering arrangement"
    ) in page


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_form_refuses_an_unknown_risk_factor(client, persona):
    client.force_login(persona("cme_manager"))
    response = client.post(reverse("policy:change"), form_data(high_risk_factors=[*HIGH_RISK_DEFAULT, "dragons"]))
    page = text_of(response)
    assert response.status_code == 200
    assert "There is a problem Risk factors that make a case high risk must be chosen from the list" in page
    assert PolicyVersion.objects.count() == 0


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_no_factor_ticked_leaves_only_significant_concerns(client, persona):
    client.force_login(persona("cme_manager"))
    data = form_data()
    del data["high_risk_factors"]
    assert client.post(reverse("policy:change"), data).status_code == 302
    assert policy_value("high_risk_factors") == frozenset()
    assert "Risk factors that make a case high risk None" in text_of(client.get(reverse("policy:home")))
