"""What referrers are told: the status of their organisation's referrals (received, being dealt with,
closed), never the decision, the case or anything the council added."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.referrals.models import Referral
from cme.referrals.services import TriageDecision, referral_decide, referral_mark_dealt_with
from cme.referrals.tests.school_data import a_non_arrival, a_school, a_school_user, a_task, days_ago, school_of
from cme.referrals.views.school import REFERRALS_PER_PAGE

pytestmark = pytest.mark.django_db

MAY_FOLLOW = {"school_user", "partner_user", "admissions_officer"}


def _rows(html: str) -> list[str]:
    """The text of each body row of the status table, squashed to single spaces."""
    body = html[html.index('<tbody class="govuk-table__body">') : html.index("</tbody>")]
    rows = body.split('<tr class="govuk-table__row">')[1:]
    return [" ".join(_strip_tags(row).split()) for row in rows]


def _strip_tags(fragment: str) -> str:
    out, inside = [], False
    for char in fragment:
        if char == "<":
            inside = True
        elif char == ">":
            inside = False
            out.append(" ")
        elif not inside:
            out.append(char)
    return "".join(out)


def test_the_list_shows_reference_date_channel_childs_name_and_status(client, persona):
    school_user = persona("school_user")
    referral = a_non_arrival(school_user, forenames="Ada", surname="Example")
    client.force_login(school_user)

    response = client.get(reverse("referrals:sent"))

    assert response.status_code == 200
    sent_on = referral.created_on.strftime("%-d %b %Y")
    assert _rows(response.content.decode()) == [
        f"{referral.reference} {sent_on} School: did not arrive on the agreed start date Ada Example Received"
    ]


def test_statuses_follow_the_referral_but_never_show_the_decision(client, persona):
    school_user = persona("school_user")
    received = a_non_arrival(school_user, forenames="Received", date_of_birth=days_ago(365 * 9))
    to_attendance = a_non_arrival(school_user, forenames="Attendance", date_of_birth=days_ago(365 * 9))
    closed = a_non_arrival(school_user, forenames="Closed", date_of_birth=days_ago(365 * 9))
    case = a_non_arrival(school_user, forenames="Case", date_of_birth=days_ago(365 * 9))
    officer = persona("cme_manager")
    referral_decide(
        referral=to_attendance,
        actor=officer,
        decision=TriageDecision(decision=Referral.Decision.ON_ROLL, reason="Secret reason one"),
    )
    referral_decide(
        referral=closed,
        actor=officer,
        decision=TriageDecision(decision=Referral.Decision.ALTERNATIVE_PROVISION, reason="Secret reason two"),
    )
    referral_decide(
        referral=case, actor=officer, decision=TriageDecision(decision=Referral.Decision.CME, reason="Secret three")
    )
    client.force_login(school_user)

    html = client.get(reverse("referrals:sent")).content.decode()

    labels = ("Received", "Being dealt with", "Closed")
    statuses = {row.split(" ")[0]: next(label for label in labels if row.endswith(label)) for row in _rows(html)}
    assert statuses == {
        received.reference: "Received",
        to_attendance.reference: "Being dealt with",
        closed.reference: "Closed",
        case.reference: "Being dealt with",
    }
    assert "Secret" not in html
    shown_decisions = [decision.label for decision in Referral.Decision if decision.label in html]
    assert shown_decisions == []
    case.refresh_from_db()
    assert case.case is not None
    assert case.case.reference not in html


def test_a_referral_the_receiving_team_dealt_with_shows_closed_without_their_note(client, persona):
    school_user = persona("school_user")
    school = school_of(school_user)
    school.district_id = "E07000103"
    school.save()
    referral = a_non_arrival(school_user)
    referral_decide(
        referral=referral,
        actor=persona("cme_manager"),
        decision=TriageDecision(decision=Referral.Decision.ON_ROLL, reason="On roll at another school"),
    )
    referral_mark_dealt_with(referral=referral, actor=persona("attendance_officer_west"), note="Home visit made")
    client.force_login(school_user)

    html = client.get(reverse("referrals:sent")).content.decode()

    assert _rows(html)[0].endswith("Closed")
    assert "Home visit made" not in html
    assert "On roll at another school" not in html


def test_a_school_sees_only_its_own_referrals(client, persona):
    school_user = persona("school_user")
    mine = a_non_arrival(school_user, forenames="Mine")
    theirs = a_non_arrival(a_school_user(a_school(name="Synthetic Other School")), forenames="Theirs")
    client.force_login(school_user)

    sent = client.get(reverse("referrals:sent")).content.decode()
    home = client.get(reverse("referrals:school_home")).content.decode()

    for html in (sent, home):
        assert mine.reference in html
        assert theirs.reference not in html
        assert "Theirs" not in html


def test_admissions_see_their_referrals_with_status_but_not_the_schools(client, persona):
    admissions = persona("admissions_officer")
    school_user = persona("school_user")
    task = a_task(school_of(school_user), admissions=admissions)
    schools_own = a_non_arrival(school_user)
    client.force_login(admissions)

    sent = client.get(reverse("referrals:sent")).content.decode()
    home = client.get(reverse("referrals:admissions_home")).content.decode()

    for html in (sent, home):
        assert task.referral.reference in html
        assert schools_own.reference not in html


def test_follow_on_referrals_the_council_made_are_not_listed(client, persona):
    school_user = persona("school_user")
    admissions = persona("admissions_officer")
    task = a_task(school_of(school_user), admissions=admissions)
    client.force_login(school_user)
    client.post(
        reverse("referrals:school_task", args=[task.pk]),
        {"date_removed_0": "1", "date_removed_1": "9", "date_removed_2": "2025", "destination_known": "no"},
    )
    follow_on = Referral.objects.get(related_referral=task.referral)

    html = client.get(reverse("referrals:sent")).content.decode()

    assert follow_on.reference not in html


def test_the_list_is_paginated(client, persona):
    school_user = persona("school_user")
    for number in range(REFERRALS_PER_PAGE + 1):
        a_non_arrival(school_user, forenames=f"Child{number:02d}")
    client.force_login(school_user)

    first = client.get(reverse("referrals:sent")).content.decode()
    second = client.get(reverse("referrals:sent"), {"page": 2}).content.decode()

    assert len(_rows(first)) == REFERRALS_PER_PAGE
    assert len(_rows(second)) == 1
    assert "Child00" in _rows(second)[0]  # newest first: the first one sent is last
    assert 'rel="next"' in first


def test_an_organisation_with_no_referrals_is_told_so(client, persona):
    client.force_login(persona("partner_user"))

    response = client.get(reverse("referrals:sent"))

    assert "Your organisation has not sent any referrals yet." in response.content.decode()


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_the_status_list_is_for_referring_organisations(client, persona, name):
    user = persona(name)
    audit_before = AuditEvent.objects.count()
    client.force_login(user)

    response = client.get(reverse("referrals:sent"))

    assert response.status_code == (200 if name in MAY_FOLLOW else 403)
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.parametrize("name", PERSONA_ROLES)
def test_the_status_list_refuses_to_change_anything(client, persona, name):
    client.force_login(persona(name))

    response = client.post(reverse("referrals:sent"), {"submission_key": str(uuid.uuid4())})

    assert response.status_code == (405 if name in MAY_FOLLOW else 403)
    assert Referral.objects.count() == 0


def test_seeing_referrals_listed_is_recorded_with_how_many_but_no_names(client, persona):
    school_user = persona("school_user")
    a_non_arrival(school_user, forenames="Ada", surname="Example")
    a_non_arrival(school_user, forenames="Bea", surname="Example")
    client.force_login(school_user)

    client.get(reverse("referrals:sent"))
    client.get(reverse("referrals:school_home"))

    seen = AuditEvent.objects.filter(action="referrals_made_viewed", actor=school_user)
    assert list(seen.values_list("data", flat=True)) == [{"shown": 2}, {"shown": 2}]


def test_an_empty_list_records_nothing(client, persona):
    school_user = persona("school_user")
    client.force_login(school_user)

    client.get(reverse("referrals:sent"))

    assert not AuditEvent.objects.filter(action="referrals_made_viewed").exists()
