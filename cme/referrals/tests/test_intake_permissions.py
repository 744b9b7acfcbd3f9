"""Who may use each intake page: the public pages are open to everyone, signed in or not; the partner
form needs SUBMIT_PARTNER_REFERRAL and the staff-keyed form RECORD_REFERRAL. A refused user gets 403 and
nothing is created."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cme.accounts.roles import ROLE_PERMISSIONS
from cme.conftest import PERSONA_ROLES
from cme.core.permissions import Perm
from cme.referrals.models import Referral
from cme.referrals.tests.intake_data import partner_data, public_data, staff_data

pytestmark = pytest.mark.django_db

SIGNED_IN_FORMS = [
    ("referrals:partner_new", Perm.SUBMIT_PARTNER_REFERRAL, partner_data),
    ("referrals:staff_new", Perm.RECORD_REFERRAL, staff_data),
]
PUBLIC_PAGES = ["referrals:public_start", "referrals:public_form", "referrals:public_sent"]


def _may(persona: str, perm: Perm) -> bool:
    return perm in ROLE_PERMISSIONS[PERSONA_ROLES[persona]]


def test_the_roles_allowed_are_the_ones_the_policy_names():
    assert sorted(name for name in PERSONA_ROLES if _may(name, Perm.SUBMIT_PARTNER_REFERRAL)) == ["partner_user"]
    assert sorted(name for name in PERSONA_ROLES if _may(name, Perm.RECORD_REFERRAL)) == [
        "cme_manager",
        "cme_officer_east",
        "cme_officer_west",
    ]


@pytest.mark.parametrize("persona_name", PERSONA_ROLES)
@pytest.mark.parametrize(("url_name", "perm", "data"), SIGNED_IN_FORMS, ids=[row[0] for row in SIGNED_IN_FORMS])
def test_signed_in_forms_open_only_to_roles_with_the_permission(client, persona, persona_name, url_name, perm, data):
    client.force_login(persona(persona_name))
    url = reverse(url_name)

    shown = client.get(url)
    sent = client.post(url, data())

    if _may(persona_name, perm):
        assert (shown.status_code, sent.status_code) == (200, 302)
        assert Referral.objects.count() == 1
    else:
        assert (shown.status_code, sent.status_code) == (403, 403)
        assert Referral.objects.count() == 0


@pytest.mark.parametrize(("url_name", "perm", "data"), SIGNED_IN_FORMS, ids=[row[0] for row in SIGNED_IN_FORMS])
def test_signed_in_forms_send_anonymous_visitors_to_sign_in(client, url_name, perm, data):
    url = reverse(url_name)

    sent = client.post(url, data())

    assert sent.status_code == 302
    assert sent["Location"].startswith(reverse("accounts:login"))
    assert Referral.objects.count() == 0


def test_the_partner_confirmation_needs_the_partner_permission(client, persona):
    client.force_login(persona("cme_officer_west"))

    assert client.get(reverse("referrals:partner_sent")).status_code == 403


@pytest.mark.parametrize("persona_name", [None, *PERSONA_ROLES])
@pytest.mark.parametrize("url_name", PUBLIC_PAGES)
def test_the_public_pages_are_open_to_everyone(client, persona, persona_name, url_name):
    if persona_name is not None:
        client.force_login(persona(persona_name))

    assert client.get(reverse(url_name)).status_code == 200


@pytest.mark.parametrize("persona_name", ["school_user", "cme_officer_west"])
def test_a_signed_in_user_sending_the_public_form_is_not_recorded_as_its_referrer(client, persona, persona_name):
    client.force_login(persona(persona_name))

    client.post(reverse("referrals:public_form"), public_data())

    referral = Referral.objects.get()
    assert (referral.channel, referral.referrer, referral.referrer_organisation) == ("public", None, None)
