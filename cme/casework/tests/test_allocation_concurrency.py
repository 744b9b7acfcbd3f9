"""Two people taking, allocating or moving the same case at the same moment never both win (issue 4).

Each round starts two threads, each with its own database connection and transaction, held at a
barrier so both call the service at once: exactly one succeeds, the other is told why, the case ends
as the winner left it, and the audit trail has exactly one row for it. The rounds repeat to make the
race likely; both orders of arrival are proved each time, whichever happens.

Needs real concurrent transactions, so PostgreSQL only. These tests commit (transaction=True); the
database is emptied afterwards with TRUNCATE, which the audit table's append-only triggers (row
triggers on UPDATE and DELETE) allow, and ``serialized_rollback`` puts back the areas and districts
from migrations for the tests that follow.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection, connections

from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.audit.models import AuditEvent
from cme.cases.models import Case, CaseStatusChange
from cme.cases.services import STALE_EDIT, case_allocate, case_claim, case_transition
from cme.cases.states import CaseStatus
from cme.casework.tests.case_data import a_case, an_officer
from cme.core.exceptions import ApplicationError

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROUNDS = 20
WON = "won"


def race(attempts: dict[str, Callable[[], Any]]) -> dict[str, str]:
    """Run each attempt in its own thread (own connection), released together by a barrier; return
    what each got: WON, or the message of the ApplicationError it raised."""
    barrier = threading.Barrier(len(attempts))
    outcomes: dict[str, str] = {}

    def run(name: str, attempt: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=10)
            attempt()
            outcomes[name] = WON
        except ApplicationError as error:
            outcomes[name] = error.message
        except Exception as error:  # reported by the assertions of the test, not swallowed
            outcomes[name] = f"unexpected {type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=item) for item in attempts.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread was still waiting after 30 seconds"
    return outcomes


def audit_rows(case: Case, action: str) -> int:
    return AuditEvent.objects.filter(action=action, case_id=str(case.pk)).count()


def test_two_officers_taking_the_same_case_at_once_exactly_one_wins():
    ann, bob = an_officer("Ann Officer"), an_officer("Bob Officer")
    officers = {"Ann Officer": ann, "Bob Officer": bob}

    for round_number in range(ROUNDS):
        case = a_case(reference=f"C-RACE-{round_number:04d}")

        outcomes = race({name: partial(case_claim, case=case, actor=officer) for name, officer in officers.items()})

        [winner] = [name for name, outcome in outcomes.items() if outcome == WON]
        [loser] = [name for name in officers if name != winner]
        assert outcomes[loser] == f"This case has already been taken by {winner}"
        stored = Case.objects.get(pk=case.pk)
        assert (stored.allocated_to, stored.version) == (officers[winner], 2)
        assert audit_rows(case, "case_allocated") == 1


def test_two_managers_allocating_the_same_case_at_once_exactly_one_wins():
    first_manager = UserFactory.create(email="manager.one@council.example", role=Role.CME_MANAGER)
    second_manager = UserFactory.create(email="manager.two@council.example", role=Role.CME_MANAGER)
    ann, bob = an_officer("Ann Officer"), an_officer("Bob Officer")
    # Each manager, from a page showing version 1, gives the case to a different officer.
    choices = {"first": (first_manager, ann), "second": (second_manager, bob)}

    for round_number in range(ROUNDS):
        case = a_case(reference=f"C-ALLO-{round_number:04d}")

        outcomes = race(
            {
                name: partial(case_allocate, case=case, officer=officer, actor=manager, expected_version=1)
                for name, (manager, officer) in choices.items()
            }
        )

        [winner] = [name for name, outcome in outcomes.items() if outcome == WON]
        [loser] = [name for name in choices if name != winner]
        assert outcomes[loser] == STALE_EDIT
        stored = Case.objects.get(pk=case.pk)
        assert (stored.allocated_to, stored.version) == (choices[winner][1], 2)
        assert audit_rows(case, "case_allocated") == 1
        assert AuditEvent.objects.get(action="case_allocated", case_id=str(case.pk)).actor == choices[winner][0]


def test_an_officer_taking_a_case_while_the_manager_allocates_it_exactly_one_wins():
    manager = UserFactory.create(email="manager.one@council.example", role=Role.CME_MANAGER)
    ann, bob = an_officer("Ann Officer"), an_officer("Bob Officer")

    for round_number in range(ROUNDS):
        case = a_case(reference=f"C-MIXD-{round_number:04d}")

        outcomes = race(
            {
                "officer": partial(case_claim, case=case, actor=ann),
                "manager": partial(case_allocate, case=case, officer=bob, actor=manager, expected_version=1),
            }
        )

        stored = Case.objects.get(pk=case.pk)
        if outcomes["officer"] == WON:
            assert (outcomes["manager"], stored.allocated_to) == (STALE_EDIT, ann)
        else:
            assert outcomes == {"officer": "This case has already been taken by Bob Officer", "manager": WON}
            assert stored.allocated_to == bob
        assert stored.version == 2
        assert audit_rows(case, "case_allocated") == 1


def test_two_people_moving_the_same_case_from_the_same_page_at_once_the_second_is_told_it_was_stale():
    first = an_officer("Ann Officer")
    second = UserFactory.create(email="manager.one@council.example", role=Role.CME_MANAGER)
    people = {"Ann Officer": first, "the manager": second}

    for round_number in range(ROUNDS):
        case = a_case(reference=f"C-MOVE-{round_number:04d}", status=CaseStatus.OPEN)

        outcomes = race(
            {
                name: partial(
                    case_transition,
                    case=case,
                    target=CaseStatus.ENQUIRIES,
                    actor=person,
                    reason="Starting enquiries",
                    expected_version=1,
                )
                for name, person in people.items()
            }
        )

        [winner] = [name for name, outcome in outcomes.items() if outcome == WON]
        [loser] = [name for name in people if name != winner]
        assert outcomes[loser] == STALE_EDIT
        stored = Case.objects.get(pk=case.pk)
        assert (stored.status, stored.version) == (CaseStatus.ENQUIRIES, 2)
        changes = CaseStatusChange.objects.filter(case=case)
        assert [(c.to_status, c.changed_by) for c in changes] == [(CaseStatus.ENQUIRIES, people[winner])]
        assert audit_rows(case, "case_status_changed") == 1
