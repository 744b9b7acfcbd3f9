"""The GOV.UK Notify adapter, against a fake client: the tests never call the network."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from notifications_python_client.errors import HTTPError

from cme.notifications import adapters
from cme.notifications.checks import notify_templates_configured
from cme.notifications.models import Message
from cme.notifications.services import notification_send

pytestmark = pytest.mark.django_db

TEMPLATE_IDS = {key: f"00000000-0000-4000-8000-00000000000{n}" for n, key in enumerate(["new_referral", "escalation"])}


class FakeNotifyClient:
    """Stands in for notifications_python_client's NotificationsAPIClient."""

    instances: list[FakeNotifyClient] = []
    fail_with: Exception | None = None

    def __init__(self, api_key: str, base_url: str = "", timeout: int = 30) -> None:
        self.api_key = api_key
        self.base_url = base_url
        self.calls: list[dict[str, Any]] = []
        FakeNotifyClient.instances.append(self)

    def send_email_notification(self, email_address: str, template_id: str, **kwargs: Any) -> dict[str, Any]:
        if FakeNotifyClient.fail_with is not None:
            raise FakeNotifyClient.fail_with
        self.calls.append({"email_address": email_address, "template_id": template_id, **kwargs})
        return {"id": "740e5834-3a29-46b4-9a6f-16142fde533a", "reference": kwargs.get("reference")}


@pytest.fixture
def notify(settings, monkeypatch):
    settings.NOTIFY_API_KEY = "cme_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"
    settings.NOTIFY_BASE_URL = "https://notify.invalid"
    settings.NOTIFY_TEMPLATE_IDS = TEMPLATE_IDS
    settings.NOTIFY_REPLY_TO_ID = ""
    FakeNotifyClient.instances = []
    FakeNotifyClient.fail_with = None
    monkeypatch.setattr(adapters, "NotificationsAPIClient", FakeNotifyClient)
    return FakeNotifyClient


def send(**overrides: Any) -> Message | None:
    arguments: dict[str, Any] = {
        "template": "new_referral",
        "to": "cme@council.example",
        "context": {"reference": "R-2026-0002", "team": "children missing education team", "url": "https://x/r/2/"},
        "idempotency_key": "notify-test",
        "reference": "R-2026-0002",
    }
    arguments.update(overrides)
    return notification_send(**arguments)


def test_with_a_key_messages_go_through_notify_with_the_templates_id_and_the_rendered_text(notify):
    message = send()

    assert message is not None
    [client] = notify.instances
    assert (client.api_key, client.base_url) == (adapters.settings.NOTIFY_API_KEY, "https://notify.invalid")
    [call] = client.calls
    assert call["email_address"] == "cme@council.example"
    assert call["template_id"] == TEMPLATE_IDS["new_referral"]
    assert call["reference"] == str(message.pk)
    assert call["email_reply_to_id"] is None
    assert call["personalisation"]["subject"] == "New referral R-2026-0002 for the children missing education team"
    assert "https://x/r/2/" in call["personalisation"]["body"]
    assert (message.channel, message.status, message.provider_id) == (
        Message.Channel.NOTIFY,
        Message.Status.SENT,
        "740e5834-3a29-46b4-9a6f-16142fde533a",
    )
    assert mail.outbox == []  # not also through the email backend


def test_notify_is_called_once_however_often_the_message_is_sent(notify):
    send()
    send()

    assert sum(len(client.calls) for client in notify.instances) == 1


def test_a_notify_error_is_recorded_without_the_message_and_retried_later(notify):
    response = type("Response", (), {"status_code": 400, "json": lambda self: {"errors": []}})()
    notify.fail_with = HTTPError(response=response)

    failed = send()

    assert failed is not None
    assert (failed.status, failed.error) == (Message.Status.FAILED, "GOV.UK Notify: HTTPError 400")

    notify.fail_with = None
    sent = send()
    assert sent is not None
    assert (sent.pk, sent.status, sent.attempts) == (failed.pk, Message.Status.SENT, 2)


def test_a_template_without_a_notify_id_is_not_sent_and_says_which_setting_is_missing(notify):
    message = send(template="school_task", context={"reference": "R-1", "task_kind": "x", "url": "u"})

    assert message is not None
    assert (message.status, message.error) == (
        Message.Status.FAILED,
        "No GOV.UK Notify template id for school_task (NOTIFY_TEMPLATE_SCHOOL_TASK)",
    )


def test_without_a_key_the_email_backend_is_used(settings):
    settings.NOTIFY_API_KEY = ""

    message = send()

    assert message is not None
    assert message.channel == Message.Channel.EMAIL
    assert len(mail.outbox) == 1


def test_the_system_check_names_every_template_without_a_notify_id(notify):
    errors = notify_templates_configured()

    assert {error.id for error in errors} == {"notifications.E001"}
    assert [error.msg.split("'")[1] for error in errors] == [
        "daily_digest",
        "new_account",
        "overdue_urgent",
        "password_reset",
        "policy_review",
        "referral_acknowledgement",
        "school_task",
    ]
    with pytest.raises(SystemCheckError):
        call_command("check")
