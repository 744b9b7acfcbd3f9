"""The manager's workload view: per officer and, for cases nobody holds, per area; figures worked
out by hand from the cases made here."""

from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.cases.codes import RiskLevel
from cme.cases.states import CaseStatus
from cme.casework.selectors import officer_workloads, unallocated_workloads
from cme.casework.tests.case_data import TODAY, a_case, an_officer, answered_enquiry, overdue_enquiry, waiting_enquiry
from cme.conftest import PERSONA_ROLES
from cme.enquiries.models import Check

URL = reverse("casework:workload")


@pytest.fixture(autouse=True)
def on_the_20th_of_march():
    with time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=UTC), tick=False):
        yield


def figures(workload) -> tuple:
    return (
        workload.open_cases,
        workload.high_risk,
        workload.overdue_enquiries,
        workload.awaiting_review,
        workload.oldest_cme_from,
    )


@pytest.fixture
def caseload(db):
    """Ann (West) holds four cases, one of them closed; Bob (East) one; Cy (West) none; Dee, no
    longer active, still holds one. Three cases are unallocated: two West, one with no area."""
    ann, bob = an_officer("Ann Officer"), an_officer("Bob Officer", area="east")
    cy, dee = an_officer("Cy Officer"), an_officer("Dee Officer", active=False)
    an_officer("Eve Officer", active=False)  # inactive, holds nothing: not shown

    first = a_case(allocated_to=ann, cme_from=date(2025, 11, 3), risk_level=RiskLevel.HIGH)
    overdue_enquiry(first, Check.POLICE)
    overdue_enquiry(first, Check.HEALTH)
    waiting_enquiry(first, Check.HOUSING)
    answered_enquiry(first, Check.BENEFITS)
    second = a_case(allocated_to=ann, cme_from=date(2026, 1, 12), status=CaseStatus.MANAGER_REVIEW)
    overdue_enquiry(second, Check.POLICE)
    a_case(allocated_to=ann, cme_from=date(2026, 2, 2), risk_level=RiskLevel.HIGH, status=CaseStatus.LOCATED)
    closed = a_case(allocated_to=ann, cme_from=date(2024, 1, 1), risk_level=RiskLevel.HIGH, status=CaseStatus.CLOSED)
    overdue_enquiry(closed, Check.POLICE)

    a_case(allocated_to=bob, area="east", cme_from=date(2026, 3, 1), status=CaseStatus.MANAGER_REVIEW)
    a_case(allocated_to=dee, cme_from=date(2025, 12, 1))

    west_free = a_case(area="west", cme_from=date(2026, 2, 20), risk_level=RiskLevel.HIGH)
    overdue_enquiry(west_free, Check.POLICE)
    a_case(area="west", cme_from=date(2026, 3, 2))
    a_case(area=None, cme_from=date(2026, 3, 9), urgent=True)
    return {"ann": ann, "bob": bob, "cy": cy, "dee": dee}


def test_each_officers_figures(caseload):
    rows = {str(row.officer): figures(row) for row in officer_workloads(today=TODAY)}

    assert rows == {
        # open (closed left out), high risk, overdue enquiries, awaiting review, oldest CME since
        "Ann Officer": (3, 2, 3, 1, date(2025, 11, 3)),
        "Cy Officer": (0, 0, 0, 0, None),
        "Dee Officer": (1, 0, 0, 0, date(2025, 12, 1)),
        "Bob Officer": (1, 0, 0, 1, date(2026, 3, 1)),
    }
    assert [str(row.officer) for row in officer_workloads(today=TODAY)] == [
        "Bob Officer",  # East
        "Ann Officer",  # West, by name
        "Cy Officer",
        "Dee Officer",
    ]


def test_cases_nobody_holds_by_area(caseload):
    rows = [(row.area.name if row.area else None, *figures(row)) for row in unallocated_workloads(today=TODAY)]

    assert rows == [
        ("East", 0, 0, 0, 0, None),
        ("West", 2, 1, 1, 0, date(2026, 2, 20)),
        (None, 1, 0, 0, 0, date(2026, 3, 9)),
    ]


def test_the_workload_page_shows_the_figures_with_links_to_the_cases(client, persona, caseload):
    client.force_login(persona("cme_manager"))

    response = client.get(URL)

    html = response.content.decode()
    text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())
    ann = caseload["ann"]
    assert "Ann Officer West 3 open cases held by Ann Officer 2 3 1 3 Nov 2025" in text
    assert "Cy Officer West 0 open cases held by Cy Officer 0 0 0 No open cases" in text
    assert "Dee Officer (no longer active) West 1" in text
    assert "West 2 open cases not allocated in the West area 1 1 0 20 Feb 2026" in text
    assert "No area yet 1 open cases not allocated with no area 0 0 0 9 Mar 2026" in text
    assert f'href="{reverse("casework:case_list")}?officer={ann.pk}"' in html
    assert f'href="{reverse("casework:case_list")}?officer=unallocated&amp;area=west"' in html


def test_the_workload_takes_the_same_queries_however_many_cases(client, persona):
    ann = an_officer("Ann Officer")
    client.force_login(persona("cme_manager"))
    a_case(allocated_to=ann)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)

    for number in range(30):
        case = a_case(allocated_to=an_officer(f"Officer {number}") if number % 2 else None)
        overdue_enquiry(case)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)

    assert response.status_code == 200
    assert len(many) == len(few)


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_only_the_manager_may_see_the_workload(client, persona, persona_name):
    client.force_login(persona(persona_name))

    response = client.get(URL)

    assert response.status_code == (200 if persona_name == "cme_manager" else 403)


def test_an_attendance_officer_is_not_on_the_workload(persona):
    UserFactory.create(full_name="Attendance Person", role=Role.ATTENDANCE_OFFICER, area_id="west")
    persona("cme_manager")

    assert [str(row.officer) for row in officer_workloads(today=TODAY)] == []
