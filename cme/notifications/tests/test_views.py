"""The preferences page (everyone) and the message log (managers, auditors, system administrators)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.notifications.models import Message, Preference
from cme.notifications.tests.factories import MessageFactory

pytestmark = pytest.mark.django_db

PREFERENCES = reverse("notifications:preferences")
LOG = reverse("notifications:message_log")
LOG_READERS = {"cme_manager", "auditor", "system_admin"}


def test_an_officer_sees_their_choices_ticked_as_they_stand(client, persona):
    client.force_login(persona("cme_officer_west"))

    html = " ".join(client.get(PREFERENCES).content.decode().split())

    assert 'value="daily_digest" checked="checked"' in html
    assert 'value="new_referral"' in html
    assert 'value="new_referral" checked' not in html
    assert 'value="policy_review"' not in html
    assert "Password reset" in html


def test_an_officer_turns_the_digest_off_and_new_referrals_on(client, persona):
    officer = persona("cme_officer_west")
    client.force_login(officer)

    response = client.post(PREFERENCES, {"wanted": ["new_referral"]})

    assert response.status_code == 302
    assert response["Location"] == PREFERENCES
    assert dict(Preference.objects.filter(user=officer).values_list("kind", "enabled")) == {
        "daily_digest": False,
        "new_referral": True,
    }
    assert "Your email preferences have been saved" in client.get(PREFERENCES).content.decode()


def test_a_choice_that_is_not_offered_is_refused_with_an_error(client, persona):
    officer = persona("cme_officer_west")
    client.force_login(officer)

    response = client.post(PREFERENCES, {"wanted": ["policy_review"]})

    assert response.status_code == 200
    assert "Select emails from the list" in response.content.decode()
    assert Preference.objects.count() == 0


def test_a_school_user_has_no_optional_emails(client, persona):
    client.force_login(persona("school_user"))

    html = client.get(PREFERENCES).content.decode()

    assert "There are no optional emails for your role." in html


@pytest.mark.parametrize("name", sorted(PERSONA_ROLES))
def test_the_message_log_is_for_managers_auditors_and_system_administrators(client, persona, name):
    MessageFactory.create(recipient_email="cme@council.example", reference="R-2026-0009")
    client.force_login(persona(name))

    response = client.get(LOG)

    if name in LOG_READERS:
        assert response.status_code == 200
        assert "R-2026-0009" in response.content.decode()
        assert AuditEvent.objects.filter(action=AuditAction.MESSAGE_LOG_VIEWED).count() == 1
    else:
        assert response.status_code == 403
        assert AuditEvent.objects.filter(action=AuditAction.MESSAGE_LOG_VIEWED).count() == 0


def test_the_message_log_filters_by_recipient_reference_kind_and_status(client, persona):
    MessageFactory.create(recipient_email="west@council.example", reference="R-1", template="new_referral")
    MessageFactory.create(recipient_email="east@council.example", reference="R-2", template="escalation")
    MessageFactory.create(
        recipient_email="east@council.example", reference="R-3", template="escalation", status=Message.Status.FAILED
    )
    client.force_login(persona("cme_manager"))

    def references(**query: str) -> list[str]:
        page = client.get(LOG, query).context["page"]
        return sorted(message.reference for message in page.object_list)

    assert references() == ["R-1", "R-2", "R-3"]
    assert references(recipient_email="EAST@council.example") == ["R-2", "R-3"]
    assert references(template="escalation", status="sent") == ["R-2"]
    assert references(reference="r-1") == ["R-1"]
    event = AuditEvent.objects.filter(action=AuditAction.MESSAGE_LOG_VIEWED).order_by("pk").last()
    assert event is not None
    assert event.data == {"reference": "r-1"}


def test_a_bad_filter_is_shown_in_the_error_summary(client, persona):
    client.force_login(persona("auditor"))

    response = client.get(LOG, {"recipient_email": "not an address"})

    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter an email address in the correct format, like name@example.com" in html
    assert response.context["page"] is None


def test_a_message_about_a_case_links_to_it_for_those_who_may_see_cases(client, persona):
    message = MessageFactory.create(
        template="escalation",
        record_type="cases.case",
        record_id="7c0c4c55-8e4c-4cb4-9f1d-2c4d7a3e9d10",
        reference="C-0001",
    )
    client.force_login(persona("cme_manager"))
    manager_html = client.get(LOG).content.decode()
    client.force_login(persona("auditor"))
    auditor_html = client.get(LOG).content.decode()

    link = reverse("casework:case", args=[message.record_id])
    assert f'href="{link}"' in manager_html
    assert f'href="{link}"' not in auditor_html
    assert "C-0001" in auditor_html
