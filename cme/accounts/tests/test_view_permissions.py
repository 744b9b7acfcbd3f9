"""Who may use each page of the accounts app, role by role (cme/conftest.py personas).

User administration needs Perm.MANAGE_USERS (system administrators only): every other role gets
403 for both reading and posting, and nothing changes. The user's own pages are open to every
signed-in user; the password pages are public.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts.models import User
from cme.accounts.roles import ROLE_PERMISSIONS, Role
from cme.accounts.tests.factories import UserFactory
from cme.audit.models import AuditEvent
from cme.conftest import PERSONA_ROLES
from cme.core.permissions import Perm

ADMIN_VIEWS_WITH_TARGET = [
    "accounts:user_detail",
    "accounts:user_edit",
    "accounts:user_deactivate",
    "accounts:user_reactivate",
    "accounts:user_reset_two_factor",
    "accounts:user_clear_lockout",
]
ADMIN_VIEWS = ["accounts:user_list", "accounts:user_create", *ADMIN_VIEWS_WITH_TARGET]
SIGNED_IN_VIEWS = [
    "accounts:account",
    "accounts:password_change",
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "accounts:two_factor_backup_codes",
    "accounts:two_factor_backup_codes_new",
]
PUBLIC_VIEWS = ["accounts:login", "accounts:password_reset", "accounts:password_reset_sent"]

ALLOWED_ADMIN_PERSONAS = {name for name, role in PERSONA_ROLES.items() if Perm.MANAGE_USERS in ROLE_PERMISSIONS[role]}


def test_only_system_administrators_manage_users():
    assert sorted(ALLOWED_ADMIN_PERSONAS) == ["system_admin"]


@pytest.fixture
def target(db):
    """An account (not one of the personas) with two-factor set up and a lockout."""
    user = UserFactory(email="target.user@council.example", full_name="Target User", role=Role.ATTENDANCE_OFFICER)
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    AccessAttempt.objects.create(username=user.email, ip_address="192.0.2.7", user_agent="t", failures_since_start=5)
    return user


def _url(name: str, target: User) -> str:
    if name in ADMIN_VIEWS_WITH_TARGET:
        return reverse(name, kwargs={"pk": target.pk})
    return reverse(name)


def _state(target: User) -> tuple:
    target.refresh_from_db()
    return (
        User.objects.count(),
        target.full_name,
        target.email,
        target.role,
        target.area_id,
        target.is_active,
        TOTPDevice.objects.filter(user=target).count(),
        AccessAttempt.objects.filter(username=target.email).count(),
        AuditEvent.objects.count(),
        len(mail.outbox),
    )


CHANGE_DATA = {
    "full_name": "Changed By Someone",
    "email": "changed@council.example",
    "role": "cme_officer",
    "area": "west",
}


@pytest.mark.parametrize("persona_name", sorted(set(PERSONA_ROLES) - ALLOWED_ADMIN_PERSONAS))
@pytest.mark.parametrize("view_name", ADMIN_VIEWS)
def test_roles_without_manage_users_are_refused_and_change_nothing(client, persona, target, view_name, persona_name):
    client.force_login(persona(persona_name))
    url = _url(view_name, target)
    before = _state(target)

    got = client.get(url)
    posted = client.post(url, CHANGE_DATA)

    assert (got.status_code, posted.status_code) == (403, 403)
    assert _state(target) == before


@pytest.mark.parametrize("view_name", ADMIN_VIEWS)
def test_a_system_administrator_may_open_every_user_administration_page(client, system_admin, target, view_name):
    client.force_login(system_admin)

    response = client.get(_url(view_name, target))

    assert response.status_code == 200


@pytest.mark.parametrize("view_name", ADMIN_VIEWS)
def test_an_anonymous_visitor_is_sent_to_sign_in_from_user_administration(client, target, view_name):
    url = _url(view_name, target)
    before = _state(target)

    response = client.post(url, CHANGE_DATA)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert _state(target) == before


@pytest.mark.parametrize("persona_name", sorted(PERSONA_ROLES))
@pytest.mark.parametrize("view_name", SIGNED_IN_VIEWS)
def test_every_role_may_use_its_own_account_pages(client, persona, view_name, persona_name):
    client.force_login(persona(persona_name))

    response = client.get(reverse(view_name))

    # 200, or a redirect to the right step (e.g. verify sends a user with no app to set one up).
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] in {
            reverse("accounts:two_factor_setup"),
            reverse("accounts:account"),
        }


@pytest.mark.parametrize("view_name", SIGNED_IN_VIEWS)
def test_an_anonymous_visitor_is_sent_to_sign_in_from_account_pages(client, db, view_name):
    response = client.get(reverse(view_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("view_name", PUBLIC_VIEWS)
def test_password_pages_are_open_without_signing_in(client, db, view_name):
    assert client.get(reverse(view_name)).status_code == 200


def test_a_set_password_link_is_open_without_signing_in(client, db):
    response = client.get(reverse("accounts:set_password", kwargs={"uidb64": "MQ", "token": "not-a-token"}))

    assert response.status_code == 200
    assert "This link has expired or has already been used" in response.content.decode()
