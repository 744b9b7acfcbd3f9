"""Two-factor authentication: setting up an authenticator app, entering codes, backup codes, and
the requirement (CME_REQUIRE_2FA) that a signed-in user has entered a code before anything else."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cme.accounts import services
from cme.accounts.tests.factories import DEFAULT_PASSWORD
from cme.audit.models import AuditEvent

HOME = reverse("worklist:home")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor_verify")


@pytest.fixture
def require_2fa(settings):
    settings.CME_REQUIRE_2FA = True


def _code(key_hex: str, *, drift: int = 0) -> str:
    return f"{totp(bytes.fromhex(key_hex), drift=drift):06d}"


def _sign_in(client, user) -> None:
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302


def _enrolled_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def _secret_on_page(page: str) -> str:
    match = re.search(r'id="setup-key">([A-Z2-7 ]+)<', page)
    assert match is not None
    return b32decode(match.group(1).replace(" ", "")).hex()


def test_with_2fa_required_a_user_without_an_app_is_sent_to_set_one_up_before_any_page(
    client, cme_officer, require_2fa
):
    _sign_in(client, cme_officer)

    home = client.get(HOME)
    account = client.get(reverse("accounts:account"))

    assert (home.status_code, home["Location"]) == (302, SETUP)
    assert (account.status_code, account["Location"]) == (302, SETUP)


def test_with_2fa_required_a_user_with_an_app_is_asked_for_a_code_before_any_page(client, cme_officer, require_2fa):
    _enrolled_device(cme_officer)
    _sign_in(client, cme_officer)

    response = client.get(reverse("accounts:account"))

    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Faccount%2F"


def test_pages_that_need_no_sign_in_stay_open_to_an_unverified_user(client, cme_officer, require_2fa):
    _sign_in(client, cme_officer)

    assert client.get(reverse("core:accessibility")).status_code == 200


def test_setting_up_shows_a_qr_code_drawn_on_the_page_and_the_key_in_text(client, cme_officer, require_2fa):
    _sign_in(client, cme_officer)

    page = client.get(SETUP).content.decode()

    assert '<svg role="img" aria-label="QR code to scan with your authenticator app"' in page
    assert re.search(r'id="setup-key">[A-Z2-7]{4}( [A-Z2-7]{4}){7}<', page)
    # Nothing is fetched from elsewhere to draw it, and nothing is saved until the code is entered.
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace("http://www.w3.org/2000/svg", "")
    assert TOTPDevice.objects.filter(user=cme_officer).count() == 0


def test_the_setup_page_keeps_the_same_key_until_it_is_confirmed(client, cme_officer, require_2fa):
    _sign_in(client, cme_officer)

    first = _secret_on_page(client.get(SETUP).content.decode())
    second = _secret_on_page(client.get(SETUP).content.decode())

    assert first == second


def test_confirming_the_app_with_its_code_enrols_it_and_shows_10_backup_codes_once(client, cme_officer, require_2fa):
    _sign_in(client, cme_officer)
    key = _secret_on_page(client.get(SETUP).content.decode())

    response = client.post(SETUP, {"code": _code(key)})
    codes_page = client.get(response["Location"])
    codes_again = client.get(reverse("accounts:two_factor_backup_codes"))

    assert response["Location"] == reverse("accounts:two_factor_backup_codes")
    device = TOTPDevice.objects.get(user=cme_officer)
    assert (device.confirmed, device.key) == (True, key)
    tokens = list(StaticToken.objects.filter(device__user=cme_officer).values_list("token", flat=True))
    assert len(tokens) == 10
    assert all(f"<code>{token}</code>" in codes_page.content.decode() for token in tokens)
    assert codes_again.status_code == 302
    # The user is verified in this session and can now use the service.
    assert client.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(action="two_factor_enrolled", actor=cme_officer).count() == 1


def test_a_wrong_code_at_setup_saves_nothing_and_is_audited(client, cme_officer, require_2fa):
    _sign_in(client, cme_officer)
    key = _secret_on_page(client.get(SETUP).content.decode())
    wrong = f"{(int(_code(key)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"code": wrong})

    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert TOTPDevice.objects.filter(user=cme_officer).count() == 0
    [event] = AuditEvent.objects.filter(action="two_factor_failed")
    assert event.data == {"stage": "setup"}


def test_setup_asks_for_six_digits(client, cme_officer, require_2fa):
    _sign_in(client, cme_officer)
    client.get(SETUP)

    response = client.post(SETUP, {"code": "12ab"})

    assert "Enter the code as 6 digits, like 123456" in response.content.decode()


def test_the_right_code_verifies_the_session(client, cme_officer, require_2fa):
    device = _enrolled_device(cme_officer)
    _sign_in(client, cme_officer)

    response = client.post(f"{VERIFY}?next=/account/", {"code": _code(device.key)})

    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.get(HOME).status_code == 200
    [event] = AuditEvent.objects.filter(action="two_factor_verified")
    assert (event.actor, event.data) == (cme_officer, {"method": "authenticator_app"})


def test_verify_does_not_redirect_to_another_site(client, cme_officer, require_2fa):
    device = _enrolled_device(cme_officer)
    _sign_in(client, cme_officer)

    response = client.post(f"{VERIFY}?next=https://attacker.example/", {"code": _code(device.key)})

    assert response["Location"] == HOME


def test_a_code_already_used_is_refused_in_a_new_session(client, cme_officer, require_2fa):
    device = _enrolled_device(cme_officer)
    code = _code(device.key)
    _sign_in(client, cme_officer)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    _sign_in(client, cme_officer)

    replayed = client.post(VERIFY, {"code": code})

    assert replayed.status_code == 200
    assert "The code is not correct" in replayed.content.decode()
    assert client.get(HOME)["Location"].startswith(VERIFY)
    assert AuditEvent.objects.filter(action="two_factor_failed", actor=cme_officer).count() == 1


def test_a_wrong_code_is_refused_and_audited(client, cme_officer, require_2fa):
    device = _enrolled_device(cme_officer)
    _sign_in(client, cme_officer)
    wrong = f"{(int(_code(device.key)) + 500_000) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert client.get(HOME).status_code == 302
    [event] = AuditEvent.objects.filter(action="two_factor_failed")
    assert event.data == {"stage": "sign_in", "method": "authenticator_app", "throttled": False}


def test_after_a_wrong_code_even_the_right_one_waits(client, cme_officer, require_2fa, time_machine):
    time_machine.move_to("2026-03-02 09:00:00+00:00", tick=False)
    device = _enrolled_device(cme_officer)
    _sign_in(client, cme_officer)
    for _ in range(3):
        client.post(VERIFY, {"code": "000000" if _code(device.key) != "000000" else "111111"})
        time_machine.shift(0.1)

    too_soon = client.post(VERIFY, {"code": _code(device.key)})
    time_machine.shift(5)
    later = client.post(VERIFY, {"code": _code(device.key)})

    assert "You have entered too many wrong codes. Wait" in too_soon.content.decode()
    assert later.status_code == 302


def test_a_backup_code_verifies_once(client, cme_officer, require_2fa):
    _enrolled_device(cme_officer)
    backup = StaticDevice.objects.create(user=cme_officer, name="Backup codes", confirmed=True)
    backup.token_set.create(token="abcd2345")
    backup.token_set.create(token="efgh6723")
    _sign_in(client, cme_officer)

    response = client.post(VERIFY, {"code": "ABCD 2345"}, follow=True)

    assert response.redirect_chain[-1][0] == HOME
    assert "You used a backup code. You have 1 left" in response.content.decode()
    assert list(backup.token_set.values_list("token", flat=True)) == ["efgh6723"]
    client.post(reverse("accounts:logout"))
    _sign_in(client, cme_officer)
    assert client.post(VERIFY, {"code": "abcd2345"}).status_code == 200


def test_without_the_requirement_a_user_who_set_up_an_app_is_still_asked_for_a_code(client, cme_officer, settings):
    settings.CME_REQUIRE_2FA = False
    _enrolled_device(cme_officer)
    _sign_in(client, cme_officer)

    assert client.get(HOME)["Location"] == f"{VERIFY}?next=%2F"


def test_without_the_requirement_a_user_without_an_app_is_not_stopped(client, cme_officer, settings):
    settings.CME_REQUIRE_2FA = False
    _sign_in(client, cme_officer)

    assert client.get(HOME).status_code == 200


def test_a_verified_user_gets_new_backup_codes_and_the_old_ones_stop_working(client, cme_officer):
    device = _enrolled_device(cme_officer)
    old = StaticDevice.objects.create(user=cme_officer, name="Backup codes", confirmed=True)
    old.token_set.create(token="oldcode2")
    _sign_in(client, cme_officer)
    client.post(VERIFY, {"code": _code(device.key)})

    response = client.post(reverse("accounts:two_factor_backup_codes_new"), follow=True)

    new_codes = list(StaticToken.objects.filter(device__user=cme_officer).values_list("token", flat=True))
    assert len(new_codes) == 10
    assert "oldcode2" not in new_codes
    assert all(code in response.content.decode() for code in new_codes)
    assert AuditEvent.objects.filter(action="two_factor_backup_codes_created").count() == 1


def test_after_a_reset_the_user_sets_up_again(client, cme_officer, system_admin, require_2fa):
    _enrolled_device(cme_officer)
    services.user_reset_two_factor(actor=system_admin, user=cme_officer)
    _sign_in(client, cme_officer)

    assert client.get(HOME)["Location"] == SETUP


def test_the_account_page_shows_details_and_two_factor_status(client, cme_officer):
    client.force_login(cme_officer)

    page = client.get(reverse("accounts:account")).content.decode()

    assert "Cme Officer West" in page
    assert "CME officer" in page
    assert "West" in page
    assert "Children Missing Education team" in page
    assert "Not set up" in page
    assert f'href="{reverse("accounts:password_change")}"' in page


def test_new_backup_codes_need_an_authenticator_app_first(client, cme_officer):
    client.force_login(cme_officer)

    response = client.post(reverse("accounts:two_factor_backup_codes_new"))

    assert response["Location"] == SETUP
    assert StaticToken.objects.count() == 0
