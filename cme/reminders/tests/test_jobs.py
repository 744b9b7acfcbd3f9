"""The periodic jobs, end to end on the database: what each sends, to whom, and that running them twice
sends nothing twice. Time is frozen on Friday 27 November 2026 (a working day)."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.notifications.adapters import DeliveryError, DjangoEmailAdapter
from cme.notifications.catalogue import Kind
from cme.notifications.models import Message
from cme.notifications.services import preferences_update
from cme.organisations.models import Mailbox
from cme.organisations.tests.factories import MailboxFactory
from cme.referrals.models import Referral
from cme.referrals.notifications import referral_notify
from cme.referrals.tests.triage_data import a_referral
from cme.reminders.services import (
    RunResult,
    digests_send,
    escalations_send,
    overdue_alerts_send,
    policy_review_reminders_send,
    referral_notifications_retry,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
FRIDAY = date(2026, 11, 27)
SATURDAY = date(2026, 11, 28)


def received(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON)


def sent_to(template: str) -> list[str]:
    return sorted(Message.objects.filter(template=template).values_list("recipient_email", flat=True))


@pytest.fixture(autouse=True)
def friday_morning():
    with time_machine.travel(datetime(2026, 11, 27, 7, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def team(persona):
    officer = persona("cme_officer_west")
    persona("cme_officer_east")
    manager = persona("cme_manager")
    deputy = UserFactory.create(email="deputy.manager@council.example", role=Role.CME_MANAGER)
    UserFactory.create(email="left.manager@council.example", role=Role.CME_MANAGER, is_active=False)
    return {"officer": officer, "manager": manager, "deputy": deputy}


def test_the_digest_is_one_email_per_user_and_a_second_run_sends_nothing(team):
    overdue = a_referral(area="west", forenames="Zebedee", surname="Quixotic", received=received(date(2026, 11, 25)))
    today = a_referral(area=None, received=received(date(2026, 11, 26)))
    a_referral(area="east", received=received(date(2026, 11, 26)))
    mail.outbox.clear()

    first = digests_send(on=FRIDAY)
    second = digests_send(on=FRIDAY)

    officer_email = "cme.officer.west@council.example"
    digests = {message.to[0]: message for message in mail.outbox}
    assert officer_email in digests
    assert len(mail.outbox) == len(digests) == first.sent  # one each
    assert second == RunResult(sent=0, skipped=first.sent, failed=0)
    digest = digests[officer_email]
    assert digest.subject == "Your work for Friday 27 November 2026: 1 overdue, 1 due today"
    assert f"Triage referral {overdue.reference}: due Thursday 26 November 2026" in digest.body
    assert f"Triage referral {today.reference}: due Friday 27 November 2026" in digest.body
    assert f"http://127.0.0.1:8000/referrals/{overdue.pk}/" in digest.body
    assert "Zebedee" not in digest.body
    assert "Quixotic" not in digest.body
    # The east officer sees the area-less one and the east one, never the west one.
    east = digests["cme.officer.east@council.example"].body
    assert overdue.reference not in east
    assert today.reference in east
    assert Message.objects.filter(template="daily_digest").count() == first.sent


def test_no_digest_for_someone_who_turned_it_off_or_has_nothing_to_do(team):
    a_referral(area="east", received=received(date(2026, 11, 25)))
    preferences_update(user=team["deputy"], choices={Kind.DAILY_DIGEST: False})
    mail.outbox.clear()

    digests_send(on=FRIDAY)

    assert sent_to("daily_digest") == [
        "cme.manager@council.example",
        "cme.officer.east@council.example",
        "referral.recorder@council.example",
    ]
    assert "cme.officer.west@council.example" not in sent_to("daily_digest")


def test_nothing_is_sent_on_a_weekend(team):
    a_referral(area="west", received=received(date(2026, 11, 2)))

    assert digests_send(on=SATURDAY) == RunResult()
    assert escalations_send(on=SATURDAY) == RunResult()
    assert mail.outbox == []


def test_an_item_overdue_beyond_the_margin_is_escalated_once_to_each_manager(team):
    # Received Monday 16 November: triage due Tuesday 17th; three working days' margin ends Friday 20th.
    late = a_referral(area="west", received=received(date(2026, 11, 16)))
    a_referral(area="east", received=received(date(2026, 11, 25)))  # overdue, not beyond the margin
    mail.outbox.clear()

    first = escalations_send(on=FRIDAY)
    again = escalations_send(on=FRIDAY)

    assert sent_to("escalation") == [
        "cme.manager@council.example",
        "deputy.manager@council.example",
        "referral.recorder@council.example",
    ]
    assert (first.sent, again.sent, again.skipped) == (3, 0, 3)
    message = next(m for m in mail.outbox if m.to == ["deputy.manager@council.example"])
    assert message.subject == f"Escalation: overdue by more than 3 working days on referral {late.reference}"
    logged = Message.objects.get(template="escalation", recipient_email="deputy.manager@council.example")
    assert (logged.record_type, logged.record_id, logged.reference, logged.urgent) == (
        "referrals.referral",
        str(late.pk),
        late.reference,
        True,
    )


def test_an_overdue_urgent_referral_is_emailed_at_once_to_the_team_mailbox(team):
    MailboxFactory.create(key=Mailbox.Key.CME, email="cme@council.example")
    urgent = a_referral(area="west", received=received(date(2026, 11, 26)), urgent=True, urgent_reason="Injury seen")
    a_referral(area="west", received=received(date(2026, 11, 25)))  # overdue, not urgent: the digest's
    mail.outbox.clear()

    first = overdue_alerts_send(on=FRIDAY)
    again = overdue_alerts_send(on=FRIDAY)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["cme@council.example"], f"URGENT: overdue on referral {urgent.reference}")
    ]
    assert (first, again) == (RunResult(sent=1), RunResult(skipped=1))


def test_the_policy_review_reminder_goes_to_the_managers_once_per_stage(team):
    # The default next review date, 1 September 2026, has passed.
    first = policy_review_reminders_send(on=FRIDAY)
    again = policy_review_reminders_send(on=date(2026, 11, 30))

    assert sent_to("policy_review") == [
        "cme.manager@council.example",
        "deputy.manager@council.example",
    ]
    assert (first.sent, again.sent) == (2, 0)
    assert mail.outbox[0].subject == "The CME policy review is overdue"
    assert "was due for review on Tuesday 1 September 2026" in mail.outbox[0].body


def test_the_periodic_command_enqueues_every_job_and_running_it_twice_sends_nothing_twice(team):
    MailboxFactory.create(key=Mailbox.Key.CME, email="cme@council.example")
    a_referral(area="west", received=received(date(2026, 11, 16)), urgent=True, urgent_reason="Injury seen")
    mail.outbox.clear()
    out = StringIO()

    call_command("run_periodic_jobs", stdout=out)
    after_first = len(mail.outbox)
    call_command("run_periodic_jobs", stdout=out)

    assert after_first > 0
    assert len(mail.outbox) == after_first
    assert sorted({m.template for m in Message.objects.all()}) == [
        "daily_digest",
        "escalation",
        "new_referral",
        "overdue_urgent",
        "policy_review",
    ]
    lines = out.getvalue().splitlines()
    assert [line.split(" (job")[0] for line in lines[:5]] == [
        "Enqueued referrals for 2026-11-27",
        "Enqueued overdue for 2026-11-27",
        "Enqueued escalations for 2026-11-27",
        "Enqueued digests for 2026-11-27",
        "Enqueued policy-review for 2026-11-27",
    ]


def test_the_command_runs_one_job_for_a_given_day(team):
    out = StringIO()

    call_command("run_periodic_jobs", "--only", "policy-review", "--date", "2026-11-30", stdout=out)

    assert out.getvalue().startswith("Enqueued policy-review for 2026-11-30 (job ")
    assert sent_to("policy_review") == [
        "cme.manager@council.example",
        "deputy.manager@council.example",
    ]


def test_a_referral_whose_email_failed_is_told_by_the_next_run_and_nothing_is_sent_twice(team, monkeypatch):
    MailboxFactory.create(key=Mailbox.Key.CME, email="cme@council.example")
    preferences_update(user=team["officer"], choices={Kind.NEW_REFERRAL: True})
    referral = a_referral(area="west")
    mail.outbox.clear()
    real_send = DjangoEmailAdapter.send

    def down_for_the_mailbox(self, *, to, **kwargs):
        if to == "cme@council.example":
            raise DeliveryError("Email backend: ConnectionRefusedError")
        return real_send(self, to=to, **kwargs)

    monkeypatch.setattr(DjangoEmailAdapter, "send", down_for_the_mailbox)
    referral_notify(referral_id=str(referral.pk))
    referral.refresh_from_db()
    assert referral.notified_team == ""
    assert [m.to for m in mail.outbox] == [["cme.officer.west@council.example"]]

    monkeypatch.setattr(DjangoEmailAdapter, "send", real_send)
    first = referral_notifications_retry(on=FRIDAY)
    second = referral_notifications_retry(on=FRIDAY)

    referral.refresh_from_db()
    assert referral.notified_team == Referral.Team.CME
    assert [m.to for m in mail.outbox] == [["cme.officer.west@council.example"], ["cme@council.example"]]
    assert (first.sent, second.sent) == (1, 0)
    assert Message.objects.get(recipient_email="cme@council.example").attempts == 2
