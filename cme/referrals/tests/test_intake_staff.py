"""The CME team keys in a referral that came by email, phone, letter or in person (source recorded)."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.referrals.models import Referral, ReferralPerson
from cme.referrals.tests.intake_data import error_summary, staff_data

pytestmark = pytest.mark.django_db

NEW = reverse("referrals:staff_new")


@pytest.fixture
def officer(client, persona):
    user = persona("cme_officer_west")
    client.force_login(user)
    return user


def test_the_form_offers_every_source_but_the_online_form(client, officer):
    html = client.get(NEW).content.decode()

    assert [
        label for label in ("Email", "Phone call", "Letter", "In person", "Other") if f">\n    {label}\n" in html
    ] == [
        "Email",
        "Phone call",
        "Letter",
        "In person",
        "Other",
    ]
    assert 'value="online"' not in html
    assert "The referrer wants to stay anonymous" in html


def test_a_keyed_referral_records_its_source_and_referrer_and_opens_its_triage_page(client, officer):
    data = staff_data(
        **{
            "source-source": "letter",
            "source-source_detail": "Letter from a GP surgery",
            "referrer-referrer_relationship": "Practice nurse",
            "referrer-referrer_phone": "01632 960 001",
            "carers-0-name": "Parent Example",
        }
    )

    response = client.post(NEW, data)

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", kwargs={"referral_id": referral.pk})
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        f"Referral {referral.reference} recorded"
    ]
    assert (referral.channel, referral.source, referral.source_detail) == (
        "staff",
        "letter",
        "Letter from a GP surgery",
    )
    assert (referral.referrer_name, referral.referrer_relationship, referral.referrer_phone) == (
        "A Neighbour",
        "Practice nurse",
        "01632 960 001",
    )
    assert (referral.referrer, referral.created_by) == (officer, officer)
    assert list(ReferralPerson.objects.values_list("name", flat=True)) == ["Parent Example"]
    assert AuditEvent.objects.filter(action=AuditAction.REFERRAL_SUBMITTED, actor=officer).count() == 1


def test_an_anonymous_caller_is_recorded_without_details(client, officer):
    client.post(
        NEW, staff_data(**{"referrer-referrer_anonymous": "on", "referrer-referrer_name": "Said their name anyway"})
    )

    referral = Referral.objects.get()
    assert (referral.referrer_anonymous, referral.referrer_name) == (True, "")


def test_a_double_submit_makes_one_referral_and_says_so(client, officer):
    data = staff_data()

    client.post(NEW, data)
    again = client.post(NEW, data)

    referral = Referral.objects.get()
    assert again["Location"] == reverse("referrals:detail", kwargs={"referral_id": referral.pk})
    assert [str(message) for message in get_messages(again.wsgi_request)] == [
        f"Referral {referral.reference} recorded",
        f"Referral {referral.reference} was already recorded",
    ]


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        ({"source-source": None}, ["Select how the referral reached the CME team"]),
        ({"source-source": "online"}, ["Select how the referral reached the CME team"]),
        ({"source-source_detail": "x" * 201}, ["Details of how it came must be 200 characters or fewer"]),
        ({"referrer-referrer_name": ""}, ["Enter the referrer's name, or say they want to stay anonymous"]),
        ({"concern-concern": ""}, ["Tell us why you think the child is missing education"]),
        (
            {"child-forenames": "", "child-postcode": "nonsense"},
            [
                "Enter the child's first name",
                "Enter a real postcode, like AL1 2AB",
            ],
        ),
    ],
)
def test_each_mistake_gets_its_own_message_and_nothing_is_saved(client, officer, fields, messages):
    response = client.post(NEW, staff_data(**fields))

    assert response.status_code == 200
    assert error_summary(response.content.decode()) == messages
    assert Referral.objects.count() == 0
