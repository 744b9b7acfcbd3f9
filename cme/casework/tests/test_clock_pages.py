"""The case page's due dates, and pausing, restarting and reviewing from it (frozen time)."""

from __future__ import annotations

import html as html_lib
from datetime import date

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import strip_tags

from cme.calendars.models import CaseReview, ClockPause
from cme.calendars.services import term_dates_seed_defaults
from cme.cases.models import Case
from cme.cases.services import case_open

pytestmark = pytest.mark.django_db


def a_case(officer) -> Case:
    with time_machine.travel("2026-11-09 10:00", tick=False):
        case = case_open(
            actor=officer,
            forenames="S",
            surname="C",
            date_of_birth=date(2014, 5, 17),
            cme_from=date(2026, 11, 2),
            area=None,
        )
    Case.objects.filter(pk=case.pk).update(area_id="west", allocated_to=officer)
    return Case.objects.get(pk=case.pk)


def text_of(response) -> str:
    return " ".join(html_lib.unescape(strip_tags(response.content.decode())).split())


@pytest.fixture
def officer(persona):
    term_dates_seed_defaults()
    return persona("cme_officer_west")


@time_machine.travel("2026-11-20 10:00", tick=False)
def test_the_case_page_shows_each_due_date_and_how_it_was_worked_out(client, officer):
    case = a_case(officer)
    client.force_login(officer)
    page = text_of(client.get(reverse("casework:case", args=[case.pk])))
    assert (
        "Complete the council's enquiries 23 November 2026 At risk "
        "10 school days after enquiries started (9 November 2026)" in page
    )
    assert "Review the case 7 December 2026 Not due yet 20 school days after the case opened (9 November 2026)" in page
    assert "Pause a clock while waiting on someone else" in page


@time_machine.travel("2026-11-20 10:00", tick=False)
def test_pause_then_restart_a_clock_from_the_case_page(client, officer):
    case = a_case(officer)
    client.force_login(officer)
    url = reverse("casework:case_clock_pause", args=[case.pk])
    response = client.post(
        url, {"clock": "enquiries", "reason": "", "paused_on_0": "", "paused_on_1": "", "paused_on_2": ""}
    )
    page = text_of(response)
    assert "There is a problem" in page
    assert "Enter who or what the case is waiting for" in page
    response = client.post(
        url,
        {
            "clock": "enquiries",
            "reason": "Reply from the Home Office",
            "paused_on_0": "16",
            "paused_on_1": "11",
            "paused_on_2": "2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("casework:case", args=[case.pk]) + "#due-dates"
    pause = ClockPause.objects.get()
    page = text_of(client.get(reverse("casework:case", args=[case.pk])))
    assert "Paused since 16 November 2026 Paused" in page
    response = client.post(
        reverse("casework:case_clock_resume", args=[case.pk, pause.pk]),
        {"resume_reason": "Answered", "resumed_on_0": "19", "resumed_on_1": "11", "resumed_on_2": "2026"},
    )
    assert response.status_code == 302
    page = text_of(client.get(reverse("casework:case", args=[case.pk])))
    # 16, 17 and 18 November did not count: 23 November moves to 26 November.
    assert "Complete the council's enquiries 26 November 2026" in page
    assert "not counting paused days" in page


@time_machine.travel("2026-11-20 10:00", tick=False)
def test_record_a_review(client, officer):
    case = a_case(officer)
    client.force_login(officer)
    response = client.post(
        reverse("casework:case_periodic_review", args=[case.pk]),
        {"summary": "Enquiries continue", "reviewed_on_0": "20", "reviewed_on_1": "11", "reviewed_on_2": "2026"},
    )
    assert response.status_code == 302
    assert CaseReview.objects.get().reviewed_on == date(2026, 11, 20)
    page = text_of(client.get(reverse("casework:case", args=[case.pk])))
    assert "20 school days after the last review (20 November 2026)" in page


@pytest.mark.parametrize("name", ["cme_officer_east", "auditor", "school_user"])
def test_others_may_not_pause_a_clock(client, officer, persona, name):
    case = a_case(officer)
    client.force_login(persona(name))
    response = client.post(
        reverse("casework:case_clock_pause", args=[case.pk]),
        {"clock": "enquiries", "reason": "x", "paused_on_0": "20", "paused_on_1": "11", "paused_on_2": "2026"},
    )
    assert response.status_code in (403, 404)
    assert ClockPause.objects.count() == 0
