"""The referrals queue: who sees which referrals, in what order, filtered and paged, and that each page
viewed is recorded in the audit trail."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.referrals.models import Referral
from cme.referrals.tests.triage_data import a_referral, days_ago, decided
from cme.referrals.views import triage as triage_views

QUEUE = reverse("referrals:queue")
# Who may open the queue: the CME team and the two teams referrals are sent to.
MAY_VIEW_REFERRALS = {
    "cme_officer_west",
    "cme_officer_east",
    "cme_manager",
    "attendance_officer_west",
    "attendance_officer_east",
    "ehe_officer",
}


def references_shown(response) -> list[str]:
    """The references in the queue's table, top to bottom."""
    return re.findall(
        r'<th scope="row" class="govuk-table__header"><a [^>]*>(R-[0-9A-Z-]+)</a>', response.content.decode()
    )


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_only_the_cme_team_and_the_receiving_teams_may_open_the_queue(client, persona, persona_name):
    client.force_login(persona(persona_name))

    response = client.get(QUEUE)

    if persona_name in MAY_VIEW_REFERRALS:
        assert response.status_code == 200
        assert AuditEvent.objects.filter(action="referral_queue_viewed").count() == 1
    else:
        assert response.status_code == 403
        assert AuditEvent.objects.filter(action="referral_queue_viewed").count() == 0


def test_a_cme_officer_sees_open_cme_referrals_of_their_area_and_unallocated_ones(client, persona):
    west = a_referral(area="west", forenames="Wendy")
    unallocated = a_referral(area=None, forenames="Una")
    a_referral(area="east", forenames="Esme")
    client.force_login(persona("cme_officer_west"))

    response = client.get(QUEUE)

    assert sorted(references_shown(response)) == sorted([west.reference, unallocated.reference])
    assert "Esme" not in response.content.decode()


def test_the_manager_sees_every_cme_referral(client, persona):
    referrals = [a_referral(area="west"), a_referral(area="east"), a_referral(area=None)]
    client.force_login(persona("cme_manager"))

    response = client.get(QUEUE)

    assert sorted(references_shown(response)) == sorted(r.reference for r in referrals)


def test_urgent_referrals_come_first_then_the_oldest(client, persona):
    newer = a_referral(received=days_ago(1))
    older = a_referral(received=days_ago(5))
    urgent_newest = a_referral(received=days_ago(0), urgent=True, urgent_reason="Threat of harm")
    urgent_older = a_referral(received=days_ago(3), urgent=True, urgent_reason="Threat of harm")
    client.force_login(persona("cme_officer_west"))

    response = client.get(QUEUE)

    assert references_shown(response) == [
        urgent_older.reference,
        urgent_newest.reference,
        older.reference,
        newer.reference,
    ]


def test_the_queue_shows_open_referrals_unless_closed_ones_are_asked_for(client, persona):
    still_open = a_referral()
    closed = decided(a_referral(), Referral.Decision.ALTERNATIVE_PROVISION)
    client.force_login(persona("cme_officer_west"))

    assert references_shown(client.get(QUEUE)) == [still_open.reference]
    assert references_shown(client.get(QUEUE, {"status": "closed"})) == [closed.reference]


def test_the_queue_can_show_urgent_referrals_only(client, persona):
    a_referral()
    urgent = a_referral(urgent=True, urgent_reason="Threat of harm")
    client.force_login(persona("cme_officer_west"))

    response = client.get(QUEUE, {"urgent": "on"})

    assert references_shown(response) == [urgent.reference]


def test_the_queue_can_show_one_channel(client, persona):
    a_referral()
    public = a_referral(channel=Referral.Channel.PUBLIC)
    client.force_login(persona("cme_officer_west"))

    response = client.get(QUEUE, {"channel": Referral.Channel.PUBLIC})

    assert references_shown(response) == [public.reference]


def test_an_unknown_filter_value_is_explained_and_open_referrals_are_shown(client, persona):
    referral = a_referral()
    client.force_login(persona("cme_officer_west"))

    response = client.get(QUEUE, {"channel": "carrier-pigeon"})

    assert "Select how the referral came from the list" in response.content.decode()
    assert references_shown(response) == [referral.reference]


def test_the_queue_is_paged(client, persona, monkeypatch):
    monkeypatch.setattr(triage_views, "REFERRALS_PER_PAGE", 2)
    oldest, middle, newest = (a_referral(received=days_ago(days)) for days in (3, 2, 1))
    client.force_login(persona("cme_officer_west"))

    first = client.get(QUEUE)
    second = client.get(QUEUE, {"page": 2})

    assert references_shown(first) == [oldest.reference, middle.reference]
    assert references_shown(second) == [newest.reference]
    assert "Showing 3 to 3 of 3." in second.content.decode()


def test_a_page_of_the_queue_takes_the_same_number_of_queries_however_many_rows_it_has(
    client, persona, django_assert_max_num_queries
):
    client.force_login(persona("cme_officer_west"))
    a_referral(area="west")
    with CaptureQueriesContext(connection) as one_row:
        client.get(QUEUE)
    for area in ("west", None, "west", None, "west", "west", None, "west"):
        a_referral(area=area)

    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = client.get(QUEUE)

    assert len(references_shown(response)) == 9


def test_each_page_viewed_is_recorded_with_its_filters_but_no_names(client, persona):
    officer = persona("cme_officer_west")
    a_referral(forenames="Wendy", urgent=True, urgent_reason="Threat of harm")
    client.force_login(officer)

    client.get(QUEUE, {"urgent": "on", "channel": "staff"})

    [event] = AuditEvent.objects.filter(action="referral_queue_viewed")
    assert event.actor == officer
    assert event.data == {"status": "open", "urgent_only": True, "channel": "staff", "page": 1, "shown": 1}
    assert "Wendy" not in str(event.data)


def test_attendance_officers_see_referrals_sent_to_the_attendance_team_of_their_area(client, persona):
    west_attendance = decided(a_referral(area="west"), Referral.Decision.ON_ROLL)
    decided(a_referral(area="east"), Referral.Decision.ON_ROLL)
    a_referral(area="west")  # still with the CME team
    client.force_login(persona("attendance_officer_west"))

    response = client.get(QUEUE)

    assert references_shown(response) == [west_attendance.reference]


def test_ehe_officers_see_referrals_sent_to_the_ehe_team(client, persona):
    ehe = decided(a_referral(area="east"), Referral.Decision.EHE, ehe_previously_unsuitable=False)
    a_referral(area="east")
    client.force_login(persona("ehe_officer"))

    response = client.get(QUEUE)

    assert references_shown(response) == [ehe.reference]


def test_an_empty_queue_says_so(client, persona):
    client.force_login(persona("cme_officer_east"))

    response = client.get(QUEUE)

    assert "There are no open referrals for you to look at." in response.content.decode()
