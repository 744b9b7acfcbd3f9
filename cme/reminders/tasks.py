"""Background jobs for periodic notifications. Thin: each parses its day and calls one service; each is
idempotent (see cme.reminders.services), so the periodic command may enqueue it as often as it likes."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from django_tasks import task

from cme.reminders.services import (
    digests_send,
    escalations_send,
    overdue_alerts_send,
    policy_review_reminders_send,
    referral_notifications_retry,
)


@task()
def send_daily_digests(*, on: str) -> dict[str, int]:
    return asdict(digests_send(on=date.fromisoformat(on)))


@task()
def send_overdue_alerts(*, on: str) -> dict[str, int]:
    return asdict(overdue_alerts_send(on=date.fromisoformat(on)))


@task()
def send_escalations(*, on: str) -> dict[str, int]:
    return asdict(escalations_send(on=date.fromisoformat(on)))


@task()
def send_policy_review_reminders(*, on: str) -> dict[str, int]:
    return asdict(policy_review_reminders_send(on=date.fromisoformat(on)))


@task()
def send_untold_referrals(*, on: str) -> dict[str, int]:
    return asdict(referral_notifications_retry(on=date.fromisoformat(on)))
