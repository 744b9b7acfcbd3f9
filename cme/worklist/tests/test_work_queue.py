"""The Deadlines page (work queue) and the work list's deadlines panel (frozen time)."""

from __future__ import annotations

import html as html_lib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import strip_tags

from cme.audit.models import AuditEvent
from cme.referrals.tests.triage_data import a_referral

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def text_of(response) -> str:
    return " ".join(html_lib.unescape(strip_tags(response.content.decode())).split())


def received(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON)


@pytest.fixture
def referrals(db):
    return (
        a_referral(area="west", received=received(date(2026, 11, 25))),  # due 26 November: overdue
        a_referral(area="east", received=received(date(2026, 11, 26))),  # due 27 November: today
    )


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_manager_sees_both_areas_with_counts(client, persona, referrals):
    client.force_login(persona("cme_manager"))
    response = client.get(reverse("worklist:queue"))
    page = text_of(response)
    assert "By area Area Overdue Due today At risk East 0 1 0 West 1 0 0" in page
    assert f"Overdue (1) Due What Case Area Officer 26 Nov 2026Overdue Triage referral {referrals[0].reference}" in page
    assert (
        f"Due today (1) Due What Case Area Officer 27 Nov 2026Due today Triage referral {referrals[1].reference}"
        in page
    )
    # The default policy's next review (1 September 2026) has passed.
    assert "The CME policy was due for review on 1 September 2026." in page
    event = AuditEvent.objects.get(action="work_queue_viewed")
    assert event.data == {"shown": 2, "area": None, "officer": None}
    page = text_of(client.get(reverse("worklist:queue"), {"area": "east"}))
    assert "Overdue (1)" not in page
    assert "Due today (1)" in page


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_an_officer_sees_their_area_only(client, persona, referrals):
    client.force_login(persona("cme_officer_east"))
    page = text_of(client.get(reverse("worklist:queue")))
    assert referrals[1].reference in page
    assert referrals[0].reference not in page
    assert "policy was due for review" not in page
    page = text_of(client.get(reverse("worklist:queue"), {"officer": "mine"}))
    assert "Nothing is overdue, due today or at risk." in page


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_work_list_shows_the_deadline_counts(client, persona, referrals):
    client.force_login(persona("cme_manager"))
    page = text_of(client.get(reverse("worklist:home")))
    assert "Deadlines ! WarningThe CME policy was due for review on 1 September 2026." in page
    assert "Overdue: 1 Due today: 1 At risk: 0 See all deadlines" in page


@pytest.mark.parametrize("name", ["attendance_officer_west", "ehe_officer", "school_user", "auditor"])
def test_others_may_not_see_the_deadlines(client, persona, name):
    client.force_login(persona(name))
    assert client.get(reverse("worklist:queue")).status_code == 403


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_work_list_shows_when_each_referral_is_due_for_triage(client, persona, referrals):
    client.force_login(persona("cme_manager"))
    page = text_of(client.get(reverse("worklist:home")))
    assert f"{referrals[0].reference} 25 Nov 2026 26 Nov 2026 Overdue Ada Example West" in page
    assert f"{referrals[1].reference} 26 Nov 2026 27 Nov 2026 Ada Example East" in page
