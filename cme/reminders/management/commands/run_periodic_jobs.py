"""Enqueue the periodic jobs for a day, for cron or a systemd timer to run (README: "Running the worker
and periodic jobs"). It only enqueues: the job worker (`manage.py db_worker`) sends. Every job is
idempotent, so running this twice, or every hour, sends nothing twice."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from cme.reminders.tasks import (
    send_daily_digests,
    send_escalations,
    send_overdue_alerts,
    send_policy_review_reminders,
    send_untold_referrals,
)

JOBS = {
    "referrals": send_untold_referrals,
    "overdue": send_overdue_alerts,
    "escalations": send_escalations,
    "digests": send_daily_digests,
    "policy-review": send_policy_review_reminders,
}


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs: referrals whose team was not told, urgent overdue alerts, escalations, "
        "daily digests, the policy review reminder."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--only", choices=sorted(JOBS), action="append", help="Enqueue only this job (may be repeated)."
        )
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("--date must be a date like 2026-11-30") from error
        for name in options["only"] or list(JOBS):
            result = JOBS[name].enqueue(on=on.isoformat())
            self.stdout.write(f"Enqueued {name} for {on.isoformat()} (job {result.id})")
