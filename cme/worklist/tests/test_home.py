"""The home page each role starts from: a work list for the council teams that act on referrals,
forms and statuses for those who make referrals, and the start page for everyone else."""

from __future__ import annotations

import html as html_lib
import re
import uuid

import pytest
from django.urls import reverse

from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.referrals.models import Referral
from cme.referrals.services import ReferralDetails, referral_submit
from cme.referrals.tests.triage_data import a_referral, decided
from cme.referrals.tests.triage_data import days_ago as received_days_ago
from cme.worklist import selectors

HOME = reverse("worklist:home")
TEMPLATE_FOR = {
    "cme_officer_west": "worklist/work_list.html",
    "cme_officer_east": "worklist/work_list.html",
    "cme_manager": "worklist/work_list.html",
    "attendance_officer_west": "worklist/work_list.html",
    "attendance_officer_east": "worklist/work_list.html",
    "ehe_officer": "worklist/work_list.html",
    "admissions_officer": "worklist/referrer_home.html",
    "school_user": "worklist/referrer_home.html",
    "partner_user": "worklist/referrer_home.html",
    "auditor": "worklist/start.html",
    "system_admin": "worklist/start.html",
}


def page(response) -> str:
    return " ".join(html_lib.unescape(response.content.decode()).split())


def references_listed(response) -> list[str]:
    return re.findall(
        r'<th scope="row" class="govuk-table__header"><a [^>]*>(R-[0-9A-Z-]+)</a>', response.content.decode()
    )


def test_every_persona_has_a_home_page():
    assert set(TEMPLATE_FOR) == set(PERSONA_ROLES)


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
def test_each_role_gets_its_own_home_page(client, persona, persona_name):
    client.force_login(persona(persona_name))

    response = client.get(HOME)

    assert response.status_code == 200
    assert response.templates[0].name == TEMPLATE_FOR[persona_name]


@pytest.mark.django_db
def test_the_home_page_needs_sign_in(client):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_cme_officer_sees_referrals_awaiting_triage_urgent_first_with_counts(client, persona):
    older = a_referral(area="west", received=received_days_ago(4))
    unallocated = a_referral(area=None, received=received_days_ago(2))
    urgent = a_referral(area="west", received=received_days_ago(1), urgent=True, urgent_reason="Threat of harm")
    a_referral(area="east", forenames="Esme")
    decided(a_referral(area="west"), Referral.Decision.ALTERNATIVE_PROVISION)
    client.force_login(persona("cme_officer_west"))

    response = client.get(HOME)

    assert references_listed(response) == [urgent.reference, older.reference, unallocated.reference]
    text = page(response)
    assert 'Awaiting triage</dt> <dd class="govuk-summary-list__value">3</dd>' in text
    assert 'Urgent</dt> <dd class="govuk-summary-list__value">1</dd>' in text
    assert 'Not allocated to an area</dt> <dd class="govuk-summary-list__value">1</dd>' in text
    assert "Esme" not in text


def test_the_work_list_is_recorded_as_seen_when_it_lists_children(client, persona):
    officer = persona("cme_officer_west")
    a_referral(forenames="Wendy")
    client.force_login(officer)

    client.get(HOME)

    [event] = AuditEvent.objects.filter(action="work_list_viewed")
    assert (event.actor, event.data) == (officer, {"shown": 1, "open": 1})


def test_an_empty_work_list_says_so_and_records_nothing(client, persona):
    client.force_login(persona("cme_officer_east"))

    response = client.get(HOME)

    assert "There is nothing on your work list." in page(response)
    assert not AuditEvent.objects.filter(action="work_list_viewed").exists()


def test_the_work_list_links_to_the_queue_when_more_are_waiting(client, persona, monkeypatch):
    monkeypatch.setattr(selectors, "WORK_LIST_SIZE", 1)
    a_referral(received=received_days_ago(2))
    a_referral(received=received_days_ago(1))
    client.force_login(persona("cme_manager"))

    response = client.get(HOME)

    assert len(references_listed(response)) == 1
    assert f'1 more open referral in <a class="govuk-link" href="{reverse("referrals:queue")}">' in page(response)


def test_attendance_officers_see_open_referrals_sent_to_their_team(client, persona):
    west = decided(a_referral(area="west"), Referral.Decision.ON_ROLL)
    decided(a_referral(area="east"), Referral.Decision.ON_ROLL)
    a_referral(area="west")  # still with the CME team
    client.force_login(persona("attendance_officer_west"))

    response = client.get(HOME)

    assert references_listed(response) == [west.reference]
    assert "Referrals sent to your team" in page(response)


def test_a_school_user_gets_its_forms_tasks_and_the_status_of_its_referrals(client, persona):
    user = persona("school_user")
    referral_submit(
        channel=Referral.Channel.SCHOOL_NOT_TAKING_PLACE,
        details=ReferralDetails(forenames="Ada", surname="Example", last_school=user.organisation.school),
        submission_key=uuid.uuid4(),
        submitted_by=user,
    )
    client.force_login(user)

    text = page(client.get(HOME))

    assert f'href="{reverse("referrals:school_home")}"' in text
    assert "You have no tasks to do." in text
    assert 'Received</strong></dt> <dd class="govuk-summary-list__value">1</dd>' in text
    assert f'href="{reverse("referrals:sent")}">See your organisation\'s referrals</a>' in text
    assert "Ada" not in text


def test_a_partner_agency_gets_its_referral_form(client, persona):
    client.force_login(persona("partner_user"))

    text = page(client.get(HOME))

    assert f'href="{reverse("referrals:partner_new")}">Refer a child who may be missing education</a>' in text
    assert "Your organisation has not made any referrals yet." in text


def test_admissions_officers_get_their_referral_forms(client, persona):
    client.force_login(persona("admissions_officer"))

    text = page(client.get(HOME))

    assert f'href="{reverse("referrals:admissions_home")}"' in text


def test_an_auditor_gets_the_start_page_with_the_sections_they_may_open(client, persona):
    client.force_login(persona("auditor"))

    text = page(client.get(HOME))

    assert f'<a class="govuk-link" href="{reverse("audit:trail")}">Audit trail</a>' in text
