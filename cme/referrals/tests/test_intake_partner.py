"""A partner agency user refers a child (policy 5.1): the referrer is the user and their organisation."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.organisations.models import Mailbox
from cme.organisations.tests.factories import MailboxFactory
from cme.referrals.codes import RiskFactor
from cme.referrals.models import Referral
from cme.referrals.tests.intake_data import date_parts, error_summary, partner_data

pytestmark = pytest.mark.django_db

NEW = reverse("referrals:partner_new")
SENT = reverse("referrals:partner_sent")


@pytest.fixture
def partner(client, persona):
    user = persona("partner_user")
    client.force_login(user)
    return user


def _reference(html: str) -> str | None:
    match = re.search(r'govuk-panel__body">Reference<br><strong>(R-[0-9A-Z]{4}-[0-9A-Z]{4})</strong>', html)
    return match.group(1) if match else None


def test_the_form_says_who_the_referral_comes_from_and_asks_no_referrer_details(client, partner):
    html = client.get(NEW).content.decode()

    assert f"This referral will come from you, {partner.full_name}, Children&#x27;s Services (synthetic)" in html
    assert "referrer-referrer_name" not in html
    assert 'name="concern-urgent"' in html
    assert 'name="concern-risk_factors"' in html
    assert 'name="concern-date_last_seen_0"' in html


def test_a_partner_referral_records_the_user_and_organisation_and_shows_the_reference_once(client, partner):
    data = partner_data(
        **{
            "child-upn": "B801200005001",
            "child-nhs_number": "943 476 5919",
            **date_parts("concern-date_last_seen", "2", "3", "2026"),
            **date_parts("school-date_last_attended", "27", "2", "2026"),
            "concern-risk_factors": [RiskFactor.TEMPORARY_ACCOMMODATION, RiskFactor.CHILD_IN_NEED],
            "concern-urgent": "on",
            "concern-urgent_reason": "Reports of the child being kept at home by an adult who is not a parent.",
        }
    )

    response = client.post(NEW, data)

    assert response.status_code == 302
    assert response["Location"] == SENT
    referral = Referral.objects.get()
    assert (referral.channel, referral.team, referral.referrer, referral.referrer_organisation) == (
        "partner",
        "cme",
        partner,
        partner.organisation,
    )
    assert (referral.upn, referral.nhs_number) == ("B801200005001", "9434765919")
    assert (str(referral.date_last_seen), str(referral.date_last_attended)) == ("2026-03-02", "2026-02-27")
    assert referral.risk_factors == ["temporary_accommodation", "child_in_need"]
    assert referral.urgent is True
    assert referral.urgent_reason.startswith("Reports of the child")
    assert list(AuditEvent.objects.filter(object_id=str(referral.pk)).values_list("action", "actor")) == [
        (AuditAction.REFERRAL_SUBMITTED.value, partner.pk)
    ]
    first = client.get(SENT).content.decode()
    assert _reference(first) == referral.reference
    assert "the CME officer has been told it is urgent" in first
    assert _reference(client.get(SENT).content.decode()) is None


def test_an_urgent_referral_is_marked_urgent_in_the_email_subject_without_the_childs_name(
    client, partner, django_capture_on_commit_callbacks
):
    MailboxFactory(key=Mailbox.Key.CME, email="cme@council.example")
    data = partner_data(
        **{
            "child-forenames": "Zebedee",
            "child-surname": "Quixotic",
            "concern-urgent": "on",
            "concern-urgent_reason": "Immediate concern",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(NEW, data)

    referral = Referral.objects.get()
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["cme@council.example"], f"URGENT: New referral {referral.reference} for the children missing education team")
    ]
    assert "Zebedee" not in mail.outbox[0].body
    assert "Quixotic" not in mail.outbox[0].body


def test_a_double_submit_makes_one_referral(client, partner):
    data = partner_data()

    client.post(NEW, data)
    client.post(NEW, data)

    assert Referral.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        ({"child-forenames": ""}, ["Enter the child's first name"]),
        ({"concern-concern": ""}, ["Tell us why you think the child is missing education"]),
        ({"concern-urgent": "on"}, ["Describe the safeguarding concern"]),
        (
            {"concern-urgent_reason": "Something"},
            ["Tick the box if there is an immediate safeguarding concern, or clear its description"],
        ),
        (
            date_parts("concern-date_last_seen", "1", "1", "2999"),
            ["The date the child was last seen must be today or in the past"],
        ),
        (
            date_parts("concern-date_last_seen", "1", "13", "2025"),
            ["The date the child was last seen must be a real date"],
        ),
        (
            date_parts("school-date_last_attended", "", "1", "2025"),
            ["The date the child last attended school must include a day"],
        ),
        ({"concern-risk_factors": "not_a_risk"}, ["Select risk factors from the list"]),
        ({"child-upn": "Q207000016049"}, ["The UPN's check letter is wrong: check it was copied correctly"]),
        ({"child-nhs_number": "9434765918"}, ["The NHS number is not valid: check it was copied correctly"]),
        ({"child-nhs_number": "94347659"}, ["NHS number must be 10 numbers, like 943 476 5919"]),
    ],
)
def test_each_mistake_gets_its_own_message_and_nothing_is_saved(client, partner, fields, messages):
    response = client.post(NEW, partner_data(**fields))

    assert response.status_code == 200
    assert error_summary(response.content.decode()) == messages
    assert Referral.objects.count() == 0


def test_the_confirmation_links_to_the_referrals_the_user_has_made(client, partner):
    client.post(NEW, partner_data())

    html = client.get(SENT).content.decode()

    assert f'href="{reverse("referrals:sent")}"' in html
    assert f'href="{NEW}"' in html
