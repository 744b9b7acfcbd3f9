"""Helpers for browser tests: signing in through the real sign-in page, and watching the browser
console for errors (a script blocked by the Content-Security-Policy shows up there)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import ConsoleMessage, Page, expect

from cme.accounts.models import User
from cme.accounts.tests.factories import DEFAULT_PASSWORD

SIGN_IN_PATH = "/sign-in/"
TWO_FACTOR_PATH = "/two-factor/verify/"


def sign_in(page: Page, user: User, *, password: str = DEFAULT_PASSWORD, two_factor: bool = True) -> None:
    """Sign in as ``user`` by filling in the GOV.UK sign-in form, as a person would. When the service
    asks for a two-factor code, enter one from the user's authenticator app (its TOTP device), unless
    ``two_factor`` is False, which leaves the browser on the page asking for the code."""
    page.goto(SIGN_IN_PATH)
    fill_sign_in_form(page, email=user.email, password=password)
    expect(page.locator(".cme-account-bar__who")).to_contain_text(f"Signed in as {user.full_name} (")
    if two_factor and urlsplit(page.url).path == TWO_FACTOR_PATH:
        enter_two_factor_code(page, user)


def sign_in_with_a_session_cookie(page: Page, user: User, *, base_url: str) -> None:
    """Give the browser a signed-in session for ``user`` without going through the sign-in page:
    for tests about another page, where signing in is not what is tested. A user with an
    authenticator app must still enter a code, so use ``sign_in`` for them."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])


def enter_two_factor_code(page: Page, user: User) -> None:
    """On the page asking for a security code, enter the code the user's authenticator app shows now."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    page.get_by_label("Security code").fill(f"{code:0{device.digits}d}")
    page.get_by_role("button", name="Continue").click()
    expect(page).not_to_have_url(re.compile(re.escape(TWO_FACTOR_PATH)))


def fill_sign_in_form(page: Page, *, email: str, password: str) -> None:
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


class ConsoleErrors:
    """Collects console errors and uncaught exceptions from the moment it is attached. The browser's
    report of the document's own 403/404/500 status is left out: tests assert that status directly."""

    def __init__(self, page: Page) -> None:
        self.messages: list[str] = []
        self._page = page
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.messages.append(f"uncaught: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        location = (message.location or {}).get("url", "")
        if message.text.startswith("Failed to load resource") and location == self._page.url:
            return
        self.messages.append(f"{message.text} ({location})" if location else message.text)
