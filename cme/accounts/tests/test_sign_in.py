"""Signing in and out, failed sign-ins, and the lockout after repeated wrong passwords."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from cme.accounts import services
from cme.accounts.selectors import user_is_locked_out
from cme.accounts.tests.factories import DEFAULT_PASSWORD
from cme.audit.models import AuditEvent

LOGIN = reverse("accounts:login")


def _sign_in(client, email: str, password: str, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def test_sign_in_with_the_right_password_reaches_the_service_and_is_audited(client, cme_officer):
    response = _sign_in(client, "CME.Officer.West@council.example", DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("worklist:home")
    assert client.session["_auth_user_id"] == str(cme_officer.pk)
    [event] = AuditEvent.objects.filter(action="login")
    assert (event.actor, event.object_id) == (cme_officer, str(cme_officer.pk))


def test_sign_in_with_a_wrong_password_shows_an_error_and_is_audited(client, cme_officer):
    response = _sign_in(client, cme_officer.email, "not the right password")

    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()
    assert "_auth_user_id" not in client.session
    [event] = AuditEvent.objects.filter(action="login_failed")
    assert event.actor is None
    assert event.data == {"email": cme_officer.email, "locked_out": False}


def test_a_deactivated_account_cannot_sign_in(client, cme_officer, system_admin):
    services.user_deactivate(actor=system_admin, user=cme_officer)

    response = _sign_in(client, cme_officer.email, DEFAULT_PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_deactivated_user_is_signed_out_on_their_next_request(client, cme_officer, system_admin):
    client.force_login(cme_officer)
    services.user_deactivate(actor=system_admin, user=cme_officer)

    response = client.get(reverse("worklist:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_sign_out_ends_the_session_and_is_audited(client, cme_officer):
    client.force_login(cme_officer)

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="logout", actor=cme_officer).count() == 1


def test_the_sign_in_page_links_to_the_forgotten_password_journey(client, db):
    response = client.get(LOGIN)

    assert response.status_code == 200
    assert f'href="{reverse("accounts:password_reset")}"' in response.content.decode()


def test_five_wrong_passwords_lock_the_account_and_the_right_password_is_then_refused(client, cme_officer):
    assert settings.AXES_FAILURE_LIMIT == 5
    statuses = [_sign_in(client, cme_officer.email, f"wrong password {n}").status_code for n in range(5)]

    response = _sign_in(client, cme_officer.email, DEFAULT_PASSWORD)

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "You cannot sign in at the moment" in page
    assert "You can try again in 30 minutes." in page
    assert "_auth_user_id" not in client.session
    assert user_is_locked_out(user=cme_officer) is True
    assert AuditEvent.objects.filter(action="login_failed").count() == 6
    assert AuditEvent.objects.filter(action="login_failed", data__locked_out=True).count() == 2


def test_the_lockout_is_per_email_address(client, cme_officer, cme_manager):
    for n in range(5):
        _sign_in(client, cme_officer.email, f"wrong password {n}")

    response = _sign_in(client, cme_manager.email, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cme_manager.pk)


def test_after_an_administrator_clears_the_lockout_the_right_password_works(client, cme_officer, system_admin):
    for n in range(5):
        _sign_in(client, cme_officer.email, f"wrong password {n}")
    assert _sign_in(client, cme_officer.email, DEFAULT_PASSWORD).status_code == 429

    services.user_clear_lockout(actor=system_admin, user=cme_officer)
    response = _sign_in(client, cme_officer.email, DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cme_officer.pk)
    assert user_is_locked_out(user=cme_officer) is False


def test_the_lockout_ends_after_thirty_minutes(client, cme_officer, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    for n in range(5):
        _sign_in(client, cme_officer.email, f"wrong password {n}")
    time_machine.move_to("2026-03-02 09:29:00+00:00", tick=False)
    assert _sign_in(client, cme_officer.email, DEFAULT_PASSWORD).status_code == 429

    time_machine.move_to("2026-03-02 10:00:00+00:00", tick=False)
    response = _sign_in(client, cme_officer.email, DEFAULT_PASSWORD)

    assert response.status_code == 302


@pytest.mark.parametrize("wrong_attempts", [4])
def test_a_successful_sign_in_before_the_limit_resets_the_count(client, cme_officer, wrong_attempts):
    for n in range(wrong_attempts):
        _sign_in(client, cme_officer.email, f"wrong password {n}")
    assert _sign_in(client, cme_officer.email, DEFAULT_PASSWORD).status_code == 302
    client.logout()

    statuses = [_sign_in(client, cme_officer.email, f"wrong again {n}").status_code for n in range(4)]

    assert statuses == [200, 200, 200, 200]
