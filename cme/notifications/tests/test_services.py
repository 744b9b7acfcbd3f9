"""The notifications service: one send per logical message, preferences, and no child's details."""

from __future__ import annotations

import pytest
from django.core import mail

from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.notifications.adapters import DeliveryError
from cme.notifications.catalogue import TEMPLATES, Kind
from cme.notifications.models import Message, Preference
from cme.notifications.selectors import preferences_for
from cme.notifications.services import kinds_for, notification_render, notification_send, preferences_update

pytestmark = pytest.mark.django_db

REFERRAL_CONTEXT = {
    "reference": "R-2026-0001",
    "team": "children missing education team",
    "area": "West",
    "channel": "Member of the public",
    "urgent": False,
    "url": "https://cme.council.example/referrals/1/",
}


def send(**overrides: object) -> Message | None:
    arguments: dict[str, object] = {
        "template": "new_referral",
        "to": "cme@council.example",
        "context": REFERRAL_CONTEXT,
        "idempotency_key": "referral:1:cme:cme@council.example",
        "record_type": "referrals.referral",
        "record_id": "1",
        "reference": "R-2026-0001",
    }
    arguments.update(overrides)
    return notification_send(**arguments)  # type: ignore[arg-type]


def test_a_message_is_emailed_and_logged_with_recipient_template_time_and_record():
    message = send()

    assert message is not None
    [email] = mail.outbox
    assert email.to == ["cme@council.example"]
    assert email.subject == "New referral R-2026-0001 for the children missing education team"
    assert "https://cme.council.example/referrals/1/" in email.body
    logged = Message.objects.get()
    assert (
        logged.recipient_email,
        logged.template,
        logged.record_type,
        logged.record_id,
        logged.reference,
        logged.status,
        logged.channel,
        logged.attempts,
        logged.subject,
    ) == (
        "cme@council.example",
        "new_referral",
        "referrals.referral",
        "1",
        "R-2026-0001",
        Message.Status.SENT,
        Message.Channel.EMAIL,
        1,
        "New referral R-2026-0001 for the children missing education team",
    )
    assert logged.sent_on is not None


def test_sending_the_same_message_twice_sends_it_once():
    first = send()
    second = send()

    assert first == second
    assert len(mail.outbox) == 1
    assert Message.objects.count() == 1


def test_a_message_that_failed_is_tried_again_and_then_sent_once():
    class Failing:
        channel = "email"

        def send(self, **kwargs: object) -> str:
            raise DeliveryError("Email backend: ConnectionRefusedError")

    failed = send(adapter=Failing())
    assert failed is not None
    assert (failed.status, failed.error, failed.attempts) == (
        Message.Status.FAILED,
        "Email backend: ConnectionRefusedError",
        1,
    )
    assert mail.outbox == []

    retried = send()
    again = send()

    assert retried is not None
    assert again is not None
    assert (retried.pk, retried.status, retried.attempts, retried.error) == (failed.pk, Message.Status.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_a_user_who_turned_a_kind_off_is_not_sent_it_unless_it_is_urgent():
    officer = UserFactory.create(email="officer@council.example", role=Role.CME_OFFICER)
    preferences_update(user=officer, choices={Kind.NEW_REFERRAL: False})

    skipped = send(to=officer.email, recipient=officer, idempotency_key="a")
    urgent = send(to=officer.email, recipient=officer, idempotency_key="b", urgent=True)

    assert skipped is None
    assert urgent is not None
    assert urgent.urgent
    assert [m.to for m in mail.outbox] == [["officer@council.example"]]
    assert list(Message.objects.values_list("idempotency_key", flat=True)) == ["b"]


def test_new_referral_emails_are_off_by_default_and_the_daily_digest_on():
    officer = UserFactory.create(role=Role.CME_OFFICER)

    assert preferences_for(user=officer) == {
        Kind.DAILY_DIGEST: True,
        Kind.NEW_REFERRAL: False,
        Kind.POLICY_REVIEW: True,
    }
    assert send(to=officer.email, recipient=officer) is None


def test_transactional_templates_cannot_be_turned_off():
    assert sorted(key for key, spec in TEMPLATES.items() if spec.kind is None) == [
        "escalation",
        "new_account",
        "overdue_urgent",
        "password_reset",
        "referral_acknowledgement",
        "school_task",
    ]


def test_an_inactive_user_is_sent_nothing():
    leaver = UserFactory.create(is_active=False)

    assert send(to=leaver.email, recipient=leaver, urgent=True) is None
    assert mail.outbox == []


def test_a_record_in_the_context_is_refused_so_no_template_can_reach_a_childs_details():
    officer = UserFactory.create()

    with pytest.raises(TypeError, match="Message context officer is a User"):
        notification_render(template="new_referral", context={**REFERRAL_CONTEXT, "officer": officer})
    with pytest.raises(TypeError, match=r"Message context sections\[0\]\.user is a User"):
        notification_render(template="daily_digest", context={"sections": [{"user": officer}]})


def test_changing_preferences_records_only_what_changed_in_the_audit_trail():
    officer = UserFactory.create(role=Role.CME_OFFICER)

    changed = preferences_update(user=officer, choices={Kind.DAILY_DIGEST: False, Kind.NEW_REFERRAL: False})
    unchanged = preferences_update(user=officer, choices={Kind.DAILY_DIGEST: False, Kind.NEW_REFERRAL: False})

    assert changed == [Kind.DAILY_DIGEST]
    assert unchanged == []
    assert dict(Preference.objects.filter(user=officer).values_list("kind", "enabled")) == {
        "daily_digest": False,
        "new_referral": False,
    }
    event = AuditEvent.objects.get(action=AuditAction.NOTIFICATION_PREFERENCES_CHANGED)
    assert (event.actor_id, event.data) == (officer.pk, {"daily_digest": False})


def test_each_role_is_offered_the_kinds_that_concern_its_work(persona):
    assert list(kinds_for(user=persona("cme_officer_west"))) == [Kind.DAILY_DIGEST, Kind.NEW_REFERRAL]
    assert list(kinds_for(user=persona("cme_manager"))) == [Kind.DAILY_DIGEST, Kind.NEW_REFERRAL, Kind.POLICY_REVIEW]
    assert list(kinds_for(user=persona("attendance_officer_west"))) == [Kind.DAILY_DIGEST]
    assert list(kinds_for(user=persona("school_user"))) == []
