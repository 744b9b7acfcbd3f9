"""Two-factor authentication: setting up an authenticator app, entering a code at sign-in, and
backup codes. TwoFactorRequiredMiddleware sends signed-in users here before any other page."""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify

import django_otp
import qrcode
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex
from qrcode.image.svg import SvgPathImage

from cme.accounts import services
from cme.accounts.forms import ConfirmForm, TwoFactorSetupForm, TwoFactorVerifyForm
from cme.core.access import any_signed_in_user
from cme.core.exceptions import ApplicationError

# The secret being set up lives in the session until the user proves their app has it; only
# then is a device saved (so looking at the setup page writes nothing).
SETUP_KEY_SESSION_KEY = "cme_two_factor_setup_key"
# Backup codes are shown once, on the page after they are made.
BACKUP_CODES_SESSION_KEY = "cme_two_factor_backup_codes"


def _qr_code_svg(otpauth_url: str) -> str:
    """The QR code as inline SVG, drawn here so the page makes no request elsewhere."""
    image = qrcode.make(otpauth_url, image_factory=SvgPathImage, border=4)
    svg = image.to_string(encoding="unicode")
    return svg.replace(
        "<svg ",
        '<svg role="img" aria-label="QR code to scan with your authenticator app" class="cme-qr-code" ',
        1,
    )


def _grouped_secret(key_hex: str) -> str:
    secret = b32encode(unhexlify(key_hex)).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _safe_next(request: HttpRequest, fallback: str = "worklist:home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@any_signed_in_user
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if user_has_device(request.user):
        if request.user.is_verified():  # type: ignore[union-attr]
            messages.info(request, "You have already set up two-factor authentication")
            return redirect("accounts:account")
        return redirect("accounts:two_factor_verify")
    key = request.session.get(SETUP_KEY_SESSION_KEY)
    if not key:
        key = random_hex(20)
        request.session[SETUP_KEY_SESSION_KEY] = key
    form = TwoFactorSetupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.two_factor_enrol(user=request.user, key=key, code=form.cleaned_data["code"])  # type: ignore[arg-type]
        except ApplicationError:
            # Set up meanwhile in another tab or window.
            return redirect("accounts:two_factor_verify")
        if enrolment is None:
            form.add_error(
                "code",
                "The code is not correct. Check that you scanned this page's QR code, then enter the code your app "
                "shows now",
            )
        else:
            django_otp.login(request, enrolment.device)
            del request.session[SETUP_KEY_SESSION_KEY]
            request.session[BACKUP_CODES_SESSION_KEY] = enrolment.backup_codes
            return redirect("accounts:two_factor_backup_codes")
    unsaved_device = TOTPDevice(user=request.user, key=key)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr_code": _qr_code_svg(unsaved_device.config_url), "secret": _grouped_secret(key)},
    )


@any_signed_in_user
@never_cache
@require_GET
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        messages.info(request, "Backup codes are shown only once. You can get new ones here.")
        return redirect("accounts:account")
    return render(request, "accounts/two_factor_backup_codes.html", {"codes": codes})


@any_signed_in_user
@require_http_methods(["GET", "POST"])
def two_factor_backup_codes_new(request: HttpRequest) -> HttpResponse:
    if not user_has_device(request.user):
        return redirect("accounts:two_factor_setup")
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_backup_codes_replace(user=request.user)  # type: ignore[arg-type]
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("accounts:account")
        request.session[BACKUP_CODES_SESSION_KEY] = codes
        return redirect("accounts:two_factor_backup_codes")
    return render(request, "accounts/two_factor_backup_codes_new.html", {"form": form})


@any_signed_in_user
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_safe_next(request))
    if not user_has_device(request.user):
        return redirect("accounts:two_factor_setup")
    form = TwoFactorVerifyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check = services.two_factor_verify(user=request.user, code=form.cleaned_data["code"])  # type: ignore[arg-type]
        if check.device is not None:
            django_otp.login(request, check.device)
            if check.used_backup_code:
                messages.info(
                    request,
                    f"You used a backup code. You have {check.backup_codes_left} left: get new ones from your account "
                    "page before you run out.",
                )
            return redirect(_safe_next(request))
        if check.try_again_at is not None and check.try_again_at > timezone.now():
            seconds = int((check.try_again_at - timezone.now()).total_seconds()) + 1
            form.add_error("code", f"You have entered too many wrong codes. Wait {seconds} seconds, then try again")
        else:
            form.add_error("code", "The code is not correct. Enter the code your app shows now, or a backup code")
    return render(request, "accounts/two_factor_verify.html", {"form": form})
