"""Fill the record-matching index from every child, referral and roll-return pupil."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cme.matching.services import matching_index_rebuild


class Command(BaseCommand):
    help = "Fill the record-matching index from every child, referral and roll-return pupil (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = matching_index_rebuild()
        self.stdout.write(
            f"Indexed {counts['children']} children, {counts['referrals']} referrals and {counts['pupils']} pupils"
        )
