"""Two workers sending the same logical message at the same moment: exactly one email leaves.

Each round starts two threads, each with its own database connection and transaction, released
together, each calling ``notification_send`` with the same idempotency key through an adapter that
takes a moment to send. The unique key makes the second wait for the first and then find it sent.
Needs real concurrent transactions, so PostgreSQL only (see cme/casework/tests/test_allocation_concurrency.py).
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from cme.notifications.models import Message
from cme.notifications.services import notification_send

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 10


class SlowAdapter:
    channel = "email"

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.lock = threading.Lock()

    def send(self, *, to: str, subject: str, body: str, template: str, reference: str) -> str:
        time.sleep(0.05)
        with self.lock:
            self.sent.append(to)
        return ""


def race(key: str) -> tuple[list[str], list[str]]:
    """Two threads send message ``key`` at once; returns the addresses the adapter sent to, and errors."""
    adapter = SlowAdapter()
    barrier = threading.Barrier(2)
    errors: list[str] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            notification_send(
                template="referral_acknowledgement",
                to="resident@example.com",
                context={"reference": "R-RACE"},
                idempotency_key=key,
                adapter=adapter,
            )
        except Exception as error:  # reported by the assertion of the test
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return adapter.sent, errors


def test_two_workers_sending_the_same_message_at_once_send_it_once():
    for round_number in range(ROUNDS):
        key = f"race:{round_number}"

        sent, errors = race(key)

        assert (sent, errors) == (["resident@example.com"], [])
        message = Message.objects.get(idempotency_key=key)
        assert (message.status, message.attempts) == (Message.Status.SENT, 1)
