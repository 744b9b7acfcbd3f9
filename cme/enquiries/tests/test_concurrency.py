"""Two people recording the same check at the same moment: exactly one is saved, the other is told the
page is out of date. Needs real concurrent transactions, so PostgreSQL only."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, connections

from cme.cases.services import STALE_EDIT
from cme.conftest import make_persona
from cme.core.exceptions import ApplicationError
from cme.enquiries.models import Check, Enquiry, EnquiryStep
from cme.enquiries.services import enquiry_record
from cme.enquiries.tests.factories import CaseFactory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs concurrent transactions")


# serialized_rollback: the areas and districts from migrations are put back for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_first_records_of_one_check_at_once_save_exactly_one():
    case = CaseFactory.create()
    officer, manager = make_persona("cme_officer_west"), make_persona("cme_manager")
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def record(actor, who: str) -> None:
        try:
            start.wait()
            enquiry_record(
                case=case,
                check=Check.POLICE,
                actor=actor,
                asked_whom=f"Police, asked by the {who}",
                asked_on=date(2026, 3, 2),
                method="email",
                expected_version=0,
                today=date(2026, 3, 10),
            )
            outcomes[who] = "saved"
        except ApplicationError as error:
            outcomes[who] = error.message
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=record, args=(officer, "officer")),
        threading.Thread(target=record, args=(manager, "manager")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes.values()) == sorted(["saved", STALE_EDIT])
    assert (Enquiry.objects.count(), EnquiryStep.objects.count()) == (1, 1)
    winner = next(who for who, outcome in outcomes.items() if outcome == "saved")
    assert Enquiry.objects.get().asked_whom == f"Police, asked by the {winner}"
