"""The public, confidential referral (policy 8.1): anyone, signed out, tells the CME team about a child.

What the referrer sees, what is kept, and how the form resists abuse (honeypot, per-address limit, size
limit, CSRF)."""

from __future__ import annotations

import re
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.forms import CharField
from django.test import Client
from django.urls import reverse

from cme.accounts.roles import Role
from cme.accounts.tests.factories import UserFactory
from cme.areas.models import Postcode
from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.notifications.catalogue import Kind
from cme.notifications.services import preferences_update
from cme.organisations.models import Mailbox
from cme.organisations.tests.factories import MailboxFactory
from cme.referrals.forms.intake import public_referral_form
from cme.referrals.models import PublicSubmission, Referral, ReferralPerson
from cme.referrals.tests.intake_data import WATFORD_POSTCODE, date_parts, error_summary, public_data
from cme.referrals.views.intake import PUBLIC_FORM_MAX_BYTES
from cme.schools.models import School
from cme.schools.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

START = reverse("referrals:public_start")
FORM = reverse("referrals:public_form")
SENT = reverse("referrals:public_sent")


def _panel_reference(html: str) -> str | None:
    match = re.search(r'govuk-panel__body">Your reference number<br><strong>(R-[0-9A-Z]{4}-[0-9A-Z]{4})</strong>', html)
    return match.group(1) if match else None


# The start page


def test_the_start_page_explains_the_service_and_starts_the_form(client):
    response = client.get(START)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Tell us about a child who may be missing education</h1>' in html
    assert "If you think a child is in immediate danger, call 999." in html
    assert "You can stay anonymous." in html
    assert f'href="{FORM}"' in html
    assert "Start now" in html


def test_the_form_has_a_submission_key_and_a_honeypot_people_cannot_reach(client):
    html = client.get(FORM).content.decode()

    assert re.search(r'<input type="hidden" name="key-submission_key" value="[0-9a-f-]{36}"', html)
    honeypot = html[html.index('<div class="govuk-visually-hidden" aria-hidden="true">') :]
    assert '<input type="text" name="website" id="id_website" value="" tabindex="-1" autocomplete="off">' in honeypot
    assert 'name="csrfmiddlewaretoken"' in html


# Sending a referral


def test_a_referral_creates_one_referral_and_one_audit_row_and_shows_the_reference_once(client):
    response = client.post(FORM, public_data())

    assert response.status_code == 302
    assert response["Location"] == SENT
    referral = Referral.objects.get()
    assert (referral.channel, referral.team, referral.status) == ("public", "cme", "open")
    assert (referral.forenames, referral.town, referral.referrer_anonymous, referral.referrer_name) == (
        "Ada",
        "Watford",
        True,
        "",
    )
    assert referral.referrer is None
    assert list(AuditEvent.objects.filter(object_id=str(referral.pk)).values_list("action", "actor")) == [
        (AuditAction.REFERRAL_SUBMITTED.value, None)
    ]
    assert PublicSubmission.objects.count() == 1

    first = client.get(SENT).content.decode()
    assert _panel_reference(first) == referral.reference
    assert referral.reference not in response["Location"]

    again = client.get(SENT).content.decode()
    assert _panel_reference(again) is None
    assert referral.reference not in again
    assert "Thank you for your referral" in again


def test_everything_the_referrer_tells_us_is_kept(client):
    school = SchoolFactory(urn=117500, name="Synthetic Junior School", town="Watford")
    data = public_data(
        **{
            "child-surname": "Example",
            "child-other_names": "Ada Sample",
            **date_parts("child-date_of_birth", "3", "4", "2016"),
            "child-sex": "F",
            "child-address_line_1": "1 Synthetic Street",
            "child-postcode": "wd17 1aa",
            "school-last_school": "117500",
            "carers-0-name": "Parent Example",
            "carers-0-relationship": "Mother",
            "carers-0-lives_with_child": "yes",
            "siblings-0-name": "Sibling Example",
            **date_parts("siblings-0-date_of_birth", "1", "9", "2012"),
            "referrer-referrer_anonymous": None,
            "referrer-referrer_name": "Nearby Resident",
            "referrer-referrer_relationship": "Neighbour",
            "referrer-referrer_email": "resident@example.com",
            "referrer-referrer_phone": "01632 960 001",
        }
    )

    client.post(FORM, data)

    referral = Referral.objects.get()
    assert (referral.surname, referral.other_names, str(referral.date_of_birth), referral.sex) == (
        "Example",
        "Ada Sample",
        "2016-04-03",
        "F",
    )
    assert (referral.address_line_1, referral.postcode, referral.last_school) == (
        "1 Synthetic Street",
        WATFORD_POSTCODE,
        school,
    )
    assert (referral.referrer_anonymous, referral.referrer_name, referral.referrer_relationship) == (
        False,
        "Nearby Resident",
        "Neighbour",
    )
    assert (referral.referrer_email, referral.referrer_phone) == ("resident@example.com", "01632 960 001")
    people = list(
        ReferralPerson.objects.values_list("kind", "name", "relationship", "lives_with_child", "date_of_birth")
    )
    assert [(kind, name, relationship, lives) for kind, name, relationship, lives, _ in people] == [
        ("carer", "Parent Example", "Mother", True),
        ("sibling", "Sibling Example", "", None),
    ]
    assert str(people[1][4]) == "2012-09-01"
    assert "We have sent you an email with your reference number." in client.get(SENT).content.decode()


def test_an_anonymous_referrer_leaves_no_name_or_contact_details_even_if_typed(client):
    client.post(
        FORM,
        public_data(
            **{
                "referrer-referrer_name": "Typed Anyway",
                "referrer-referrer_email": "typed@example.com",
                "referrer-referrer_phone": "07700 900 982",
            }
        ),
    )

    referral = Referral.objects.get()
    assert (referral.referrer_anonymous, referral.referrer_name, referral.referrer_email, referral.referrer_phone) == (
        True,
        "",
        "",
        "",
    )


def test_a_double_submit_makes_one_referral(client):
    data = public_data()

    first = client.post(FORM, data)
    reference_first = _panel_reference(client.get(SENT).content.decode())
    second = client.post(FORM, data)
    reference_second = _panel_reference(client.get(SENT).content.decode())

    assert (first.status_code, second.status_code) == (302, 302)
    assert Referral.objects.count() == 1
    assert reference_first == reference_second == Referral.objects.get().reference
    assert AuditEvent.objects.filter(action=AuditAction.REFERRAL_SUBMITTED).count() == 1


def test_the_emails_give_the_reference_and_never_the_childs_name_or_address(client, django_capture_on_commit_callbacks):
    Postcode.objects.create(postcode=WATFORD_POSTCODE, district_id="E07000103")
    MailboxFactory(key=Mailbox.Key.CME, email="cme@council.example")
    west = UserFactory(email="west.officer@council.example", role=Role.CME_OFFICER, area_id="west")
    UserFactory(email="west.officer2@council.example", role=Role.CME_OFFICER, area_id="west")
    UserFactory(email="east.officer@council.example", role=Role.CME_OFFICER, area_id="east")
    # Officers get non-urgent referrals by email only if they chose to; the team mailbox always does.
    preferences_update(user=west, choices={Kind.NEW_REFERRAL: True})
    data = public_data(
        **{
            "child-forenames": "Zebedee",
            "child-surname": "Quixotic",
            "child-address_line_1": "7 Unusual Lane",
            "child-postcode": WATFORD_POSTCODE,
            "referrer-referrer_anonymous": None,
            "referrer-referrer_name": "Nearby Resident",
            "referrer-referrer_email": "resident@example.com",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM, data)

    referral = Referral.objects.get()
    assert referral.area_id == "west"
    by_recipient = {tuple(str(to) for to in message.to): message for message in mail.outbox}
    assert set(by_recipient) == {
        ("cme@council.example",),
        ("west.officer@council.example",),
        ("resident@example.com",),
    }
    team, officer, receipt = (
        by_recipient[("cme@council.example",)],
        by_recipient[("west.officer@council.example",)],
        by_recipient[("resident@example.com",)],
    )
    assert team.subject == f"New referral {referral.reference} for the children missing education team"
    assert officer.subject == team.subject
    assert receipt.subject == f"Your referral {referral.reference} has been received"
    assert f"Your reference is {referral.reference}." in receipt.body
    for message in (team, officer, receipt):
        for secret in ("Zebedee", "Quixotic", "Unusual Lane", WATFORD_POSTCODE):
            assert secret not in message.subject
            assert secret not in message.body


def test_no_email_is_sent_to_the_referrer_without_an_address(client, django_capture_on_commit_callbacks):
    MailboxFactory(key=Mailbox.Key.CME, email="cme@council.example")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM, public_data())

    assert [message.to for message in mail.outbox] == [["cme@council.example"]]
    assert "We have sent you an email" not in client.get(SENT).content.decode()


# Validation


def test_an_empty_form_says_what_is_needed_and_saves_nothing(client):
    response = client.post(FORM, public_data(**{"child-forenames": "", "child-town": "", "concern-concern": ""}))

    assert response.status_code == 200
    assert error_summary(response.content.decode()) == [
        "Enter the child's first name",
        "Enter the child's address, town or postcode, or what you know of it",
        "Tell us why you think the child is missing education",
    ]
    assert "<title>Error: " in response.content.decode()
    assert Referral.objects.count() == 0
    assert PublicSubmission.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        ({"referrer-referrer_anonymous": None}, ["Enter your name, or choose to stay anonymous"]),
        ({"child-forenames": "A" * 101}, ["First name must be 100 characters or fewer"]),
        ({"child-postcode": "WD17"}, ["Enter a real postcode, like AL1 2AB"]),
        (date_parts("child-date_of_birth", "1", "1", "2999"), ["Date of birth must be in the past"]),
        (date_parts("child-date_of_birth", "31", "2", "2016"), ["Date of birth must be a real date"]),
        (date_parts("child-date_of_birth", "3", "", "2016"), ["Date of birth must include a month"]),
        ({"child-sex": "X"}, ["Select the child's sex, or Not known"]),
        ({"school-last_school": "999999"}, ["Select a school from the list"]),
        ({"concern-concern": "x" * 5001}, ["Your concern must be 5000 characters or fewer"]),
        (
            {"referrer-referrer_anonymous": None, "referrer-referrer_name": "R", "referrer-referrer_email": "no-at"},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
        (
            {"referrer-referrer_anonymous": None, "referrer-referrer_name": "R", "referrer-referrer_phone": "call me"},
            ["Enter a phone number like 01632 960 001 or 07700 900 982"],
        ),
        ({"carers-0-relationship": "Mother"}, ["Parent or carer 1: Enter their name"]),
        (
            {"carers-1-email": "nope"},
            [
                "Parent or carer 2: Enter their name",
                "Parent or carer 2: Enter an email address in the correct format, like name@example.com",
            ],
        ),
        (
            {"siblings-2-name": "S", **date_parts("siblings-2-date_of_birth", "40", "1", "2015")},
            ["Sibling 3: Date of birth must be a real date"],
        ),
    ],
)
def test_each_mistake_gets_its_own_message_and_nothing_is_saved(client, fields, messages):
    response = client.post(FORM, public_data(**fields))

    assert response.status_code == 200
    assert error_summary(response.content.decode()) == messages
    assert Referral.objects.count() == 0
    assert ReferralPerson.objects.count() == 0


def test_a_school_both_chosen_and_typed_is_refused(client):
    SchoolFactory(urn=117500, name="Synthetic Junior School")

    response = client.post(
        FORM, public_data(**{"school-last_school": "117500", "school-last_school_name": "Another School, Hitchin"})
    )

    assert error_summary(response.content.decode()) == [
        "Choose a school from the list or type the name of one that is not listed, not both"
    ]


def test_what_was_typed_is_kept_when_the_form_is_shown_again(client):
    data = public_data(
        **{
            "child-forenames": "",
            "child-surname": "Example",
            "child-town": "Hemel Hempstead",
            **date_parts("child-date_of_birth", "3", "Apr", "2016"),
            "concern-concern": "Not seen at school <b>since</b> May",
            "carers-1-name": "Parent Example",
        }
    )

    html = client.post(FORM, data).content.decode()

    assert 'name="child-surname" value="Example"' in html
    assert 'name="child-town" value="Hemel Hempstead"' in html
    assert 'name="child-date_of_birth_1" value="Apr"' in html
    assert "Not seen at school &lt;b&gt;since&lt;/b&gt; May</textarea>" in html
    assert 'name="carers-1-name" value="Parent Example"' in html
    assert f'name="key-submission_key" value="{data["key-submission_key"]}"' in html


def test_the_error_summary_links_to_the_input_in_error(client):
    html = client.post(
        FORM,
        public_data(**{"child-forenames": "", **date_parts("child-date_of_birth", "3", "", "2016"), "child-sex": "X"}),
    ).content.decode()

    assert '<a href="#id_child-forenames">Enter the child&#x27;s first name</a>' in html
    assert '<a href="#id_child-date_of_birth_1">Date of birth must include a month</a>' in html
    assert '<a href="#id_child-sex_1">Select the child&#x27;s sex, or Not known</a>' in html
    assert 'id="id_child-date_of_birth_1"' in html
    assert 'id="id_child-sex_1"' in html


def test_a_failure_half_way_leaves_nothing_behind(client):
    client.raise_request_exception = False
    with mock.patch("cme.referrals.services.audit_record", side_effect=RuntimeError("audit unavailable")):
        response = client.post(FORM, public_data(**{"carers-0-name": "Parent Example"}))

    assert response.status_code == 500
    assert Referral.objects.count() == 0
    assert ReferralPerson.objects.count() == 0
    assert PublicSubmission.objects.count() == 0


# Abuse resistance


def test_a_filled_honeypot_looks_sent_but_keeps_nothing(client, django_capture_on_commit_callbacks):
    MailboxFactory(key=Mailbox.Key.CME)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, public_data(website="http://spam.example"))

    assert response.status_code == 302
    assert response["Location"] == SENT
    assert _panel_reference(client.get(SENT).content.decode()) is not None
    assert Referral.objects.count() == 0
    assert PublicSubmission.objects.count() == 0
    assert AuditEvent.objects.filter(action=AuditAction.REFERRAL_SUBMITTED).count() == 0
    assert mail.outbox == []


def test_one_address_may_send_only_so_many_referrals_an_hour(client, settings):
    settings.CME_PUBLIC_REFERRALS_PER_HOUR = 2
    client.post(FORM, public_data(), REMOTE_ADDR="203.0.113.7")
    client.post(FORM, public_data(), REMOTE_ADDR="203.0.113.7")

    refused = client.post(FORM, public_data(), REMOTE_ADDR="203.0.113.7")
    other_address = client.post(FORM, public_data(), REMOTE_ADDR="198.51.100.20")

    assert refused.status_code == 429
    assert error_summary(refused.content.decode()) == [
        "You have sent several referrals in the last hour. Please wait an hour, or phone or email the CME team"
    ]
    assert other_address.status_code == 302
    assert Referral.objects.count() == 3
    assert not PublicSubmission.objects.filter(client_digest__contains="203.0.113.7").exists()


def test_behind_a_trusted_proxy_the_limit_counts_the_forwarded_client(client, settings):
    settings.CME_PUBLIC_REFERRALS_PER_HOUR = 1
    settings.CME_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    first = client.post(FORM, public_data(), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    spoofed = client.post(FORM, public_data(), HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7", **proxy)
    another = client.post(FORM, public_data(), HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)

    assert (first.status_code, spoofed.status_code, another.status_code) == (302, 429, 302)


def test_a_request_that_is_too_large_is_refused_before_it_is_read(client):
    response = client.post(FORM, public_data(**{"concern-concern": "x" * PUBLIC_FORM_MAX_BYTES}))

    assert response.status_code == 400
    assert "Sorry, there is a problem with your request" in response.content.decode()
    assert Referral.objects.count() == 0


def test_the_size_limit_leaves_room_for_every_field_filled_to_its_limit(client):
    # given every text field at its maximum length, in characters that take 3 bytes in UTF-8
    full = {
        form.add_prefix(name): "語" * int(field.max_length)
        for form in public_referral_form().forms()
        for name, field in form.fields.items()
        if isinstance(field, CharField) and field.max_length
    }
    data = public_data(**full)
    assert len(urlencode(data)) > 80 * 1024

    # then the request is read (and its mistakes reported), not refused as too large
    response = client.post(FORM, data)

    assert response.status_code == 200
    assert error_summary(response.content.decode()) != []


def test_the_form_needs_its_csrf_token():
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(FORM, public_data())

    assert response.status_code == 403
    assert Referral.objects.count() == 0


def test_with_its_csrf_token_the_form_is_accepted():
    browser = Client(enforce_csrf_checks=True)
    html = browser.get(FORM).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token is not None

    response = browser.post(FORM, public_data(csrfmiddlewaretoken=token.group(1)))

    assert response.status_code == 302
    assert Referral.objects.count() == 1


def test_school_choices_come_from_the_register_open_schools_first(client):
    SchoolFactory(urn=100001, name="Closed Synthetic School", town="Ware", status=School.Status.CLOSED)
    SchoolFactory(urn=100002, name="Synthetic Primary", town="Watford")

    html = client.get(FORM).content.decode()

    open_at = html.index('<optgroup label="Open schools">')
    closed_at = html.index('<optgroup label="Closed schools">')
    assert open_at < html.index("Synthetic Primary (Watford, 100002)") < closed_at
    assert closed_at < html.index("Closed Synthetic School (Ware, 100001)")
