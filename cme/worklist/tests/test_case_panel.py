"""The work list's "Cases" panel: how many open cases the officer holds, how many nobody holds, and for
the manager how many wait for review."""

from datetime import date

import pytest
from django.urls import reverse

from cme.cases.models import Case
from cme.cases.services import case_open
from cme.cases.states import CaseStatus

pytestmark = pytest.mark.django_db


def _case(actor, **changes):
    case = case_open(
        actor=actor,
        forenames="Test",
        surname="Child",
        date_of_birth=date(2015, 5, 1),
        cme_from=date(2026, 9, 1),
        area=None,
    )
    Case.objects.filter(pk=case.pk).update(**changes)
    return case


def test_an_officer_sees_the_cases_they_hold_and_those_nobody_holds(client, persona):
    officer = persona("cme_officer_west")
    other = persona("cme_officer_east")
    _case(officer, allocated_to=officer)
    _case(officer, allocated_to=officer)
    _case(officer, allocated_to=officer, status=CaseStatus.CLOSED)
    _case(officer)
    _case(officer, allocated_to=other)
    client.force_login(officer)

    page = client.get(reverse("worklist:home")).content.decode()

    assert "Open cases you hold: 2" in page
    assert "Open cases nobody holds yet: 1" in page
    assert "waiting for your review" not in page


def test_the_manager_sees_the_cases_waiting_for_review(client, persona):
    manager = persona("cme_manager")
    _case(manager, status=CaseStatus.MANAGER_REVIEW)
    client.force_login(manager)

    page = client.get(reverse("worklist:home")).content.decode()

    assert "Cases waiting for your review: 1" in page
    assert reverse("casework:review_queue") in page


def test_receiving_teams_see_no_cases_panel(client, persona):
    client.force_login(persona("attendance_officer_west"))

    page = client.get(reverse("worklist:home")).content.decode()

    assert "Open cases you hold" not in page
