"""The attendance duty and EHE teams record that they dealt with a referral sent to them."""

from __future__ import annotations

import html as html_lib

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.referrals.models import Referral
from cme.referrals.tests.triage_data import a_referral, decided

Decision = Referral.Decision


def mark_dealt_with(client, referral: Referral, note: str = "The school's attendance officer visited; back at school."):
    return client.post(reverse("referrals:dealt_with", args=[referral.pk]), {"note": note})


def dealt_with_events(referral: Referral) -> list[dict]:
    return [e.data for e in AuditEvent.objects.filter(action="referral_dealt_with", object_id=str(referral.pk))]


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_only_the_attendance_team_of_the_area_may_mark_its_referral_dealt_with(client, persona, persona_name):
    referral = decided(a_referral(area="west"), Decision.ON_ROLL)
    client.force_login(persona(persona_name))

    response = mark_dealt_with(client, referral)

    referral.refresh_from_db()
    if persona_name == "attendance_officer_west":
        assert response.status_code == 302
        assert referral.status == Referral.Status.CLOSED
    else:
        # Others either lack the permission (403) or may deal with referrals but not this one (404).
        expected = 404 if persona_name in {"attendance_officer_east", "ehe_officer"} else 403
        assert response.status_code == expected
        assert (referral.status, dealt_with_events(referral)) == (Referral.Status.OPEN, [])


def test_dealt_with_closes_the_referral_keeping_the_triage_reason_and_adding_the_note(client, persona):
    officer = persona("attendance_officer_west")
    referral = decided(a_referral(), Decision.ON_ROLL, reason="On roll at the school; absent.")
    client.force_login(officer)

    response = mark_dealt_with(client, referral, note="Home visit made; the child is back at school.")

    referral.refresh_from_db()
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert (referral.status, referral.decision, referral.decided_by) == ("closed", Decision.ON_ROLL, officer)
    assert referral.decision_reason == (
        "On roll at the school; absent.\n\nAttendance duty team: Home visit made; the child is back at school."
    )
    assert dealt_with_events(referral) == [{"team": "attendance"}]
    page = html_lib.unescape(client.get(response["Location"]).content.decode())
    assert f"Referral {referral.reference} marked as dealt with" in page


def test_the_ehe_team_marks_its_referral_dealt_with(client, persona):
    referral = decided(a_referral(area="east"), Decision.EHE, ehe_previously_unsuitable=False)
    client.force_login(persona("ehe_officer"))

    mark_dealt_with(client, referral, note="Home education plan received and assessed as suitable.")

    referral.refresh_from_db()
    assert referral.status == "closed"
    assert dealt_with_events(referral) == [{"team": "ehe"}]


def test_a_note_is_needed(client, persona):
    referral = decided(a_referral(), Decision.ON_ROLL)
    client.force_login(persona("attendance_officer_west"))

    response = mark_dealt_with(client, referral, note="  ")

    referral.refresh_from_db()
    assert response.status_code == 200
    assert '<a href="#id_note">Enter what your team did</a>' in response.content.decode()
    assert (referral.status, dealt_with_events(referral)) == ("open", [])


def test_a_referral_already_dealt_with_cannot_be_marked_again(client, persona):
    referral = decided(a_referral(), Decision.ON_ROLL)
    client.force_login(persona("attendance_officer_west"))
    mark_dealt_with(client, referral, note="Done.")

    response = mark_dealt_with(client, referral, note="Done again.")

    referral.refresh_from_db()
    assert response.status_code == 302
    assert referral.decision_reason.endswith("Attendance duty team: Done.")
    assert len(dealt_with_events(referral)) == 1
    page = html_lib.unescape(client.get(response["Location"]).content.decode())
    assert "This referral has already been dealt with" in page
