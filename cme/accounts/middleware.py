"""Session limits and the two-factor requirement, applied to every request."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django_otp import user_has_device

SESSION_STARTED_KEY = "cme_session_started"


class SessionLimitsMiddleware:
    """Ends a session 12 hours after sign-in however active it is (the 30-minute idle limit is the
    session cookie's age, renewed on every request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = time.time()
            elif time.time() - float(started) > settings.CME_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(f"{reverse(settings.LOGIN_URL)}?expired=1")
        return self.get_response(request)


# Pages a signed-in but not yet verified user may reach: setting up and entering the code,
# signing out, and pages that need no sign-in at all.
_TWO_FACTOR_EXEMPT_URL_NAMES = frozenset({"accounts:two_factor_setup", "accounts:two_factor_verify", "accounts:logout"})


class TwoFactorRequiredMiddleware:
    """A signed-in user must have entered a code from their authenticator app in this session
    before any page that needs sign-in: where two-factor authentication is required
    (CME_REQUIRE_2FA), everyone is sent to set it up or to enter a code; where it is not, those who
    have set it up anyway are still asked for their code (otherwise setting it up would protect
    nothing)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., HttpResponse], view_args: object, view_kwargs: object
    ) -> HttpResponse | None:
        if not request.user.is_authenticated or request.user.is_verified():  # type: ignore[attr-defined]
            return None
        if not getattr(view_func, "login_required", True):
            return None
        try:
            name = resolve(request.path_info).view_name
        except Resolver404:
            return None
        if name in _TWO_FACTOR_EXEMPT_URL_NAMES:
            return None
        if user_has_device(request.user):
            target = reverse("accounts:two_factor_verify")
            if request.method == "GET":
                target = f"{target}?{urlencode({'next': request.get_full_path()})}"
            return redirect(target)
        if settings.CME_REQUIRE_2FA:
            return redirect("accounts:two_factor_setup")
        return None
