import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cme.core.exceptions import ApplicationError
from cme.demo.services import demo_logins, demo_seed


class Command(BaseCommand):
    help = "Create synthetic demo organisations, users (one per role) and referrals. Safe to run again."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = demo_seed()
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Demo data: {result.created_users} users, {result.created_organisations} organisations, "
            f"{result.set_mailboxes} mailboxes and {result.created_referrals} referrals added "
            "(nothing is added twice)."
        )
        port = os.environ.get("PORT", "8000")
        self.stdout.write(f"\nSign in at http://127.0.0.1:{port}/sign-in/ as any of these demo accounts:\n")
        width = max(len(role) for role, _email, _password in demo_logins())
        for role, email, password in demo_logins():
            self.stdout.write(f"  {role.ljust(width)}  {email}  password: {password}")
        self.stdout.write("")
