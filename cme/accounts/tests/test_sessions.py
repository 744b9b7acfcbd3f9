"""Session limits: 30 minutes without a request, and 12 hours after sign-in however active."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from cme.accounts.tests.factories import DEFAULT_PASSWORD

HOME = reverse("worklist:home")


@pytest.fixture
def signed_in(client, cme_officer, time_machine):
    time_machine.move_to("2026-03-02 08:00:00+00:00", tick=False)
    response = client.post(reverse("accounts:login"), {"username": cme_officer.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client


def _at(time_machine, minutes_after_sign_in: float) -> None:
    time_machine.move_to("2026-03-02 08:00:00+00:00", tick=False)
    time_machine.shift(timedelta(minutes=minutes_after_sign_in))


def test_the_limits_are_thirty_minutes_idle_and_twelve_hours_absolute():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.CME_SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60


def test_a_request_after_29_minutes_idle_is_served(signed_in, time_machine):
    _at(time_machine, 29)

    response = signed_in.get(HOME)

    assert response.status_code == 200


def test_a_request_after_31_minutes_idle_is_sent_to_sign_in(signed_in, time_machine):
    _at(time_machine, 31)

    response = signed_in.get(HOME)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={HOME}"


def test_each_request_renews_the_idle_limit(signed_in, time_machine):
    statuses = []
    for minutes in (20, 40, 60, 80):
        _at(time_machine, minutes)
        statuses.append(signed_in.get(HOME).status_code)

    assert statuses == [200, 200, 200, 200]


def test_a_session_active_every_20_minutes_still_ends_after_12_hours(signed_in, time_machine):
    statuses = []
    for minutes in range(20, 12 * 60 + 1, 20):
        _at(time_machine, minutes)
        statuses.append(signed_in.get(HOME).status_code)

    _at(time_machine, 12 * 60 + 20)
    response = signed_in.get(HOME)

    assert statuses == [200] * 36
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?expired=1"
    # Signed out for good: the next page asks for sign-in again.
    assert signed_in.get(HOME)["Location"] == f"{reverse('accounts:login')}?next={HOME}"


def test_the_sign_in_page_explains_an_expired_session(client, db):
    response = client.get(f"{reverse('accounts:login')}?expired=1")

    assert "You have been signed out. Sign in again to continue." in response.content.decode()
