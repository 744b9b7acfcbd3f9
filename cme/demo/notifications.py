"""Demo data for notifications: a few users' email choices, and today's periodic jobs enqueued as the
daily cron would, so the message log has messages once the worker has run (`make run` starts it)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks.base import Task

from cme.accounts.models import User
from cme.notifications.catalogue import Kind
from cme.notifications.services import preferences_update
from cme.reminders.management.commands.run_periodic_jobs import JOBS


def seed_notifications_demo(*, officers: list[User]) -> None:
    """The first officer chose to be emailed each new referral; the others keep the defaults. Idempotent:
    preferences are set to what they already are, and every periodic job sends each message once."""
    for index, officer in enumerate(officers):
        preferences_update(user=officer, choices={Kind.NEW_REFERRAL: index == 0, Kind.DAILY_DIGEST: True})
    on = timezone.localdate().isoformat()
    for job in JOBS.values():
        _enqueue_after_commit(job, on=on)


def _enqueue_after_commit(job: Task[..., Any], *, on: str) -> None:
    transaction.on_commit(lambda: job.enqueue(on=on))
