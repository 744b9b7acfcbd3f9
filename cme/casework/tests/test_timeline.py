"""A case's timeline: notes, status changes, enquiry steps, safeguarding referrals, tasks and the audit
trail's changes to the case, newest first, never its reads, in a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cme.audit.events import AuditAction
from cme.audit.services import audit_read
from cme.cases.models import Case
from cme.cases.services import (
    case_allocate,
    case_counterparts_abroad_task_create,
    case_note_add,
    case_restrict,
    case_risk_update,
    case_task_complete,
    case_transition,
    safeguarding_referral_record,
)
from cme.cases.states import CaseStatus
from cme.casework.selectors_detail import case_timeline
from cme.casework.tests.detail_data import a_case
from cme.enquiries.models import Check, Method
from cme.enquiries.services import enquiry_answer, enquiry_record

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def at(minutes: int):
    return time_machine.travel(START + timedelta(minutes=minutes), tick=False)


def a_case_with_a_history(officer, manager) -> Case:
    """One of everything the timeline shows, a minute apart."""
    with at(0):
        case = a_case(status=CaseStatus.OPEN)
    with at(1):
        case = case_transition(case=case, target=CaseStatus.ENQUIRIES, actor=officer, reason="Starting enquiries.")
    with at(2):
        case = case_allocate(case=case, officer=officer, actor=manager, expected_version=case.version)
    with at(3):
        enquiry = enquiry_record(
            case=case,
            check=Check.POLICE,
            actor=officer,
            asked_whom="Police (synthetic force)",
            asked_on=date(2026, 3, 2),
            method=Method.SECURE_EMAIL,
            expected_version=0,
        )
    with at(4):
        audit_read(actor=manager, target=case, action=AuditAction.CASE_VIEWED, case_id=str(case.pk))
    with at(5):
        enquiry_answer(
            enquiry=enquiry,
            actor=officer,
            outcome="nothing_known",
            answer="Not known to the police.",
            answered_on=date(2026, 3, 2),
            expected_version=enquiry.version,
        )
    with at(6):
        case = case_risk_update(
            case=case,
            actor=officer,
            risk_factors=["child_protection"],
            significant_concerns=True,
            concerns="Threat of harm.",
            whereabouts_known=False,
            expected_version=case.version,
        )
    with at(7):
        safeguarding_referral_record(
            case=case,
            actor=officer,
            made_to="mash",
            made_on=date(2026, 3, 2),
            reference="MASH-0042",
            reason="Concerns persist.",
        )
    with at(8):
        task = case_counterparts_abroad_task_create(case=case, actor=officer, country="Spain")
        assert task is not None
    with at(9):
        case_task_complete(task=task, actor=manager, result="Police in Spain told.", done_on=date(2026, 3, 2))
    with at(10):
        case_note_add(case=case, actor=officer, text="Phoned the family; no answer.")
    with at(11):
        case_restrict(case=case, actor=manager, reason="Fleeing domestic violence.", expected_version=case.version)
    return case


def test_the_timeline_merges_everything_newest_first_and_leaves_out_reads(persona):
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    case = a_case_with_a_history(officer, manager)

    entries = case_timeline(case)

    assert [(entry.at - START, entry.title, entry.by) for entry in entries] == [
        (timedelta(minutes=11), "Note", "Cme Manager"),
        (timedelta(minutes=10), "Note", "Cme Officer West"),
        (timedelta(minutes=9), "Task done: Social worker to contact counterparts abroad", "Cme Manager"),
        (timedelta(minutes=8), "Task set: Social worker to contact counterparts abroad", "Cme Officer West"),
        (
            timedelta(minutes=7),
            "Safeguarding referral made to Multi-Agency Safeguarding Hub (MASH)",
            "Cme Officer West",
        ),
        (timedelta(minutes=6), "Changed a case's risk factors and concerns", "Cme Officer West"),
        (timedelta(minutes=5), "Enquiry answered: Police", "Cme Officer West"),
        (timedelta(minutes=3), "Enquiry made: Police", "Cme Officer West"),
        (timedelta(minutes=2), "Allocated a case", "Cme Manager"),
        (timedelta(minutes=1), "Moved from Open to Making enquiries", "Cme Officer West"),
    ]


def test_each_entry_says_what_happened(persona):
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    case = a_case_with_a_history(officer, manager)

    by_title = {entry.title: entry for entry in case_timeline(case)}

    assert by_title["Allocated a case"].lines == ("To: Cme Officer West",)
    assert by_title["Changed a case's risk factors and concerns"].lines == (
        "Changed: risk factors, significant concerns, the concerns",
        "Risk level: High",
        "An immediate referral to Children's Social Care or MASH is due",
    )
    answered = by_title["Enquiry answered: Police"]
    assert (answered.on, answered.lines, answered.text) == (
        date(2026, 3, 2),
        ("Outcome: Nothing known",),
        "Not known to the police.",
    )
    referral = by_title["Safeguarding referral made to Multi-Agency Safeguarding Hub (MASH)"]
    assert (referral.lines, referral.text, referral.restricted) == (
        ("Their reference: MASH-0042",),
        "Concerns persist.",
        True,
    )
    assert by_title["Moved from Open to Making enquiries"].text == "Starting enquiries."


def test_restricting_shows_once_as_the_note_with_its_reason(persona):
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    case = a_case_with_a_history(officer, manager)

    newest = case_timeline(case)[0]

    assert (newest.title, newest.text) == ("Note", "Restricted the case: Fleeing domestic violence.")


def test_the_timeline_takes_the_same_few_queries_however_long_the_history(persona, django_assert_max_num_queries):
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    short = a_case_with_a_history(officer, manager)
    long = a_case_with_a_history(officer, manager)
    for minute in range(20):
        with at(20 + minute):
            case_note_add(case=long, actor=officer, text=f"Note {minute}.")
            case_allocate(
                case=long, officer=officer, actor=manager, expected_version=Case.objects.get(pk=long.pk).version
            )

    with django_assert_max_num_queries(7):
        short_entries = case_timeline(short)
    with django_assert_max_num_queries(7):
        long_entries = case_timeline(long)

    assert (len(short_entries), len(long_entries)) == (10, 50)


def test_the_case_page_takes_as_many_queries_for_a_long_history_as_for_a_short_one(client, persona):
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    short = a_case_with_a_history(officer, manager)
    long = a_case_with_a_history(officer, manager)
    for minute in range(30):
        with at(20 + minute):
            case_note_add(case=long, actor=officer, text=f"Note {minute}.")
    client.force_login(officer)
    client.get(reverse("casework:case", args=[short.pk]))  # the session is read and saved once

    with CaptureQueriesContext(connection) as short_queries:
        client.get(reverse("casework:case", args=[short.pk]))
    with CaptureQueriesContext(connection) as long_queries:
        response = client.get(reverse("casework:case", args=[long.pk]))

    assert response.content.decode().count('class="moj-timeline__item"') == 40
    # The due dates section (cme/casework/templatetags/case_clocks.py) takes five: policy versions, term
    # dates, pauses, reviews and status changes.
    assert len(long_queries) == len(short_queries) <= 30


@pytest.mark.parametrize("restricted", [False, True])
def test_the_page_hides_a_safeguarding_referrals_reason_on_a_restricted_case(client, persona, restricted):
    officer = persona("cme_officer_west")
    case = a_case()
    safeguarding_referral_record(
        case=case,
        actor=officer,
        made_to="police",
        made_on=date(2026, 3, 2),
        reference="P-1",
        reason="Seen at 1 Example Street.",
    )
    Case.objects.filter(pk=case.pk).update(restricted=restricted)
    client.force_login(officer)

    html = client.get(reverse("casework:case", args=[case.pk])).content.decode()

    assert ("Seen at 1 Example Street." in html) is not restricted
