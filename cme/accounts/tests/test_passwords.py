"""Setting a password from an emailed link, asking for a link, and changing a password."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.urls import reverse

from cme.accounts import services
from cme.accounts.forms import minimum_password_length
from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from cme.audit.models import AuditEvent
from cme.organisations.models import Organisation

GOOD_PASSWORD = "lantern orchard biscuit"


@pytest.fixture
def new_user(system_admin):
    team = Organisation.objects.create(name="Admissions team", kind=Organisation.Kind.COUNCIL_TEAM)
    user = services.user_create(
        actor=system_admin,
        email="new.admissions@council.example",
        full_name="New Admissions",
        role=Role.ADMISSIONS_OFFICER,
        area=None,
        organisation=team,
    )
    return user


def _link_from_last_email() -> str:
    # Links start with the service's configured address (CME_SITE_URL), never the request's Host.
    match = re.search(re.escape(settings.CME_SITE_URL) + r"(/set-password/\S+/)", str(mail.outbox[-1].body))
    assert match is not None, mail.outbox[-1].body
    return match.group(1)


def _without_nonces(page: str) -> str:
    return re.sub(r'nonce="[^"]+"', "", page)


def _open_link(client, link: str):
    """Django moves the token into the session and redirects to a URL without it."""
    response = client.get(link)
    assert response.status_code == 302
    return response["Location"]


def test_a_new_user_sets_their_password_from_the_emailed_link_and_can_sign_in(client, new_user):
    link = _link_from_last_email()
    form_url = _open_link(client, link)

    page = client.get(form_url)
    response = client.post(form_url, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})

    assert "Set your password" in page.content.decode()
    # The token left the address bar (so no Referer header can carry it).
    assert form_url == link.rsplit("/", 2)[0] + "/set-password/"
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    new_user.refresh_from_db()
    assert new_user.check_password(GOOD_PASSWORD)
    [event] = AuditEvent.objects.filter(action="password_set")
    assert (event.actor, event.data) == (new_user, {"first_password": True})
    signed_in = client.post(reverse("accounts:login"), {"username": new_user.email, "password": GOOD_PASSWORD})
    assert signed_in.status_code == 302


def test_the_link_works_only_once(client, new_user):
    link = _link_from_last_email()
    form_url = _open_link(client, link)
    client.post(form_url, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})

    response = client.get(link)

    assert response.status_code == 200
    assert "This link has expired or has already been used" in response.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short words", "Password must be 12 characters or more"),
        ("elevenchars", "Password must be 12 characters or more"),
        ("123456789012345", "Password must include letters or symbols, not only numbers"),
        ("1q2w3e4r5t6y", "Enter a password that is harder to guess: this one is on a list of common passwords"),
        ("new.admissions@council", "Enter a password that is not like your name or email address"),
    ],
)
def test_weak_passwords_are_refused_with_a_clear_message(client, new_user, password, message):
    form_url = _open_link(client, _link_from_last_email())

    response = client.post(form_url, {"new_password1": password, "new_password2": password})

    assert response.status_code == 200
    assert message in response.content.decode()
    new_user.refresh_from_db()
    assert new_user.has_usable_password() is False


def test_a_twelve_character_password_is_long_enough(client, new_user):
    form_url = _open_link(client, _link_from_last_email())

    response = client.post(form_url, {"new_password1": "kettle-pines", "new_password2": "kettle-pines"})

    assert response.status_code == 302
    new_user.refresh_from_db()
    assert new_user.check_password("kettle-pines")


def test_the_two_passwords_must_match(client, new_user):
    form_url = _open_link(client, _link_from_last_email())

    response = client.post(form_url, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD + "x"})

    assert "The passwords do not match: enter the same password twice" in response.content.decode()


def test_a_deactivated_users_link_no_longer_works(client, new_user, system_admin):
    link = _link_from_last_email()
    services.user_deactivate(actor=system_admin, user=new_user)

    response = client.get(link)

    assert response.status_code == 200
    assert "This link has expired or has already been used" in response.content.decode()


def test_forgotten_password_shows_the_same_page_whether_or_not_the_address_has_an_account(client, cme_officer):
    known = client.post(reverse("accounts:password_reset"), {"email": cme_officer.email}, follow=True)
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@council.example"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain == [(reverse("accounts:password_reset_sent"), 302)]
    assert _without_nonces(known.content.decode()) == _without_nonces(unknown.content.decode())
    assert [m.to for m in mail.outbox] == [[cme_officer.email]]


def test_forgotten_password_link_sets_a_new_password(client, cme_officer):
    client.post(reverse("accounts:password_reset"), {"email": cme_officer.email})
    form_url = _open_link(client, _link_from_last_email())

    client.post(form_url, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})

    cme_officer.refresh_from_db()
    assert cme_officer.check_password(GOOD_PASSWORD)
    assert not cme_officer.check_password(DEFAULT_PASSWORD)


def test_forgotten_password_asks_for_a_valid_email_address(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "not an email"})

    assert response.status_code == 200
    assert "Enter an email address in the correct format, like name@example.com" in response.content.decode()
    assert mail.outbox == []


def test_a_signed_in_user_changes_their_password(client, cme_officer):
    client.force_login(cme_officer)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")
    cme_officer.refresh_from_db()
    assert cme_officer.check_password(GOOD_PASSWORD)
    assert AuditEvent.objects.filter(action="password_changed", actor=cme_officer).count() == 1
    # Still signed in in this session.
    assert client.get(reverse("accounts:account")).status_code == 200


def test_changing_password_needs_the_current_one(client, cme_officer):
    client.force_login(cme_officer)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "not my password", "new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD},
    )

    assert response.status_code == 200
    assert "Your current password is not correct" in response.content.decode()
    cme_officer.refresh_from_db()
    assert cme_officer.check_password(DEFAULT_PASSWORD)


def test_changing_to_a_short_password_is_refused(client, cme_officer):
    client.force_login(cme_officer)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": "tiny words", "new_password2": "tiny words"},
    )

    assert "Password must be 12 characters or more" in response.content.decode()
    cme_officer.refresh_from_db()
    assert cme_officer.check_password(DEFAULT_PASSWORD)


def test_changing_the_password_ends_the_users_other_sessions(client, cme_officer):
    other_device = type(client)()
    other_device.force_login(cme_officer)
    client.force_login(cme_officer)

    client.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD},
    )

    assert other_device.get(reverse("accounts:account")).status_code == 302


def test_minimum_length_setting_is_twelve():
    assert minimum_password_length() == 12


def test_user_factory_password_meets_the_rules(db):
    validate_password(DEFAULT_PASSWORD, UserFactory.build())
    assert User.objects.count() == 0


def test_a_reset_link_starts_with_the_service_address_whatever_host_the_request_named(client, settings, cme_officer):
    settings.CME_SITE_URL = "https://cme.council.example"
    settings.ALLOWED_HOSTS = ["testserver", "attacker.example"]

    client.post(reverse("accounts:password_reset"), {"email": cme_officer.email}, HTTP_HOST="attacker.example")

    body = str(mail.outbox[-1].body)
    assert "https://cme.council.example/set-password/" in body
    assert "attacker.example" not in body
