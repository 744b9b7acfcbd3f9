"""Intake pages: a public, confidential referral (no sign-in), a partner agency's referral and a referral
the CME team keys in from an email, phone call, letter or visit. Each parses its form group, calls
``referral_submit`` once and redirects; the submission key makes a double submit create one referral.

The public form resists abuse without third-party services:
- a honeypot input that people never see or reach (``HONEYPOT_FIELD``); a request that fills it is shown
  the usual confirmation and nothing is saved;
- at most ``CME_PUBLIC_REFERRALS_PER_HOUR`` referrals an hour from one address (counted by the service
  on a keyed hash of ``client_address``);
- a limit on the size of the request (``PUBLIC_FORM_MAX_BYTES``) checked before the body is read, and a
  maximum length on every field;
- CSRF protection, checked after the size limit.

A public referrer is shown their reference once (it is kept in the session for one page view, never put in
the URL) and can never read anything back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from cme.core.access import permission_required, public
from cme.core.client import client_address
from cme.core.errors import bad_request
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.core.references import new_reference
from cme.referrals import services
from cme.referrals.forms.common import FormGroup, people_details, to_details
from cme.referrals.forms.intake import (
    HONEYPOT_FIELD,
    partner_referral_form,
    public_referral_form,
    staff_referral_form,
)
from cme.referrals.models import Referral

logger = logging.getLogger(__name__)

#: The largest public form submission accepted. Every field full (about 9,700 characters together) of
#: characters that take 3 bytes in UTF-8 comes to about 90 KB once the browser URL-encodes it; anything
#: larger than this did not come from the form.
PUBLIC_FORM_MAX_BYTES = 128 * 1024

#: Session keys holding a just-sent referral's reference for its confirmation page (read once).
PUBLIC_SENT_SESSION_KEY = "referrals:public_sent"
PARTNER_SENT_SESSION_KEY = "referrals:partner_sent"

RATE_LIMITED = 429


def limit_request_size(max_bytes: int) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Refuse a request whose body is larger than ``max_bytes`` with the 400 page, before anything reads it.

    Django reads no more of a body than its Content-Length says, so checking the header is enough. CSRF is
    checked here, after the size (the CSRF middleware would otherwise read the body first, up to the
    site-wide DATA_UPLOAD_MAX_MEMORY_SIZE).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        protected = csrf_protect(view)

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = max_bytes + 1
            if length > max_bytes:
                logger.warning("Request body too large for %s: %s bytes", request.path, length)
                return bad_request(request)
            return protected(request, *args, **kwargs)

        return csrf_exempt(wrapped)

    return decorator


# Public referral


@public
@require_GET
def public_start(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "referrals/intake/public_start.html",
        {"per_hour": settings.CME_PUBLIC_REFERRALS_PER_HOUR},
    )


@public
@require_http_methods(["GET", "POST"])
@limit_request_size(PUBLIC_FORM_MAX_BYTES)
def public_form(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and request.POST.get(HONEYPOT_FIELD, "").strip():
        # Almost certainly a bot: it is shown what a person would see, and nothing is kept.
        logger.info("Public referral discarded: the honeypot was filled in")
        request.session[PUBLIC_SENT_SESSION_KEY] = {"reference": new_reference("R"), "emailed": False}
        return redirect("referrals:public_sent")
    group = public_referral_form(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and group.is_valid():
        try:
            result = services.referral_submit(
                channel=Referral.Channel.PUBLIC,
                details=to_details(
                    child=group["child"], school=group["school"], concern=group["concern"], referrer=group["referrer"]
                ),
                people=people_details(group["carers"], group["siblings"]),
                submission_key=group["key"].key(),
                client_address=client_address(request),
            )
        except ApplicationError as error:
            group.add_application_error(error)
            if error.field is None:
                status = RATE_LIMITED
        else:
            referral = result.referral
            request.session[PUBLIC_SENT_SESSION_KEY] = {
                "reference": referral.reference,
                "emailed": bool(referral.referrer_email),
            }
            return redirect("referrals:public_sent")
    return render(
        request,
        "referrals/intake/referral_form.html",
        {
            "form": group,
            "page_heading": "Tell us about a child who may be missing education",
            "page_caption": "Confidential referral",
            "back_url": "referrals:public_start",
            "honeypot_field": HONEYPOT_FIELD,
            "submit_label": "Send referral",
            "intro_template": "referrals/intake/public_form_intro.html",
        },
        status=status,
    )


@public
@require_GET
def public_sent(request: HttpRequest) -> HttpResponse:
    sent = request.session.pop(PUBLIC_SENT_SESSION_KEY, None)
    return render(request, "referrals/intake/public_sent.html", {"sent": sent})


# Partner agency referral


@permission_required(Perm.SUBMIT_PARTNER_REFERRAL)
@require_http_methods(["GET", "POST"])
def partner_new(request: HttpRequest) -> HttpResponse:
    group = partner_referral_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and group.is_valid():
        try:
            result = services.referral_submit(
                channel=Referral.Channel.PARTNER,
                details=to_details(child=group["child"], school=group["school"], concern=group["concern"]),
                people=people_details(group["carers"], group["siblings"]),
                submission_key=group["key"].key(),
                submitted_by=request.user,
            )
        except ApplicationError as error:
            group.add_application_error(error)
        else:
            request.session[PARTNER_SENT_SESSION_KEY] = {
                "reference": result.referral.reference,
                "urgent": result.referral.urgent,
            }
            return redirect("referrals:partner_sent")
    return _signed_in_form(
        request,
        group,
        heading="Refer a child who may be missing education",
        caption="Partner agency referral",
        submit_label="Send referral",
        intro_template="referrals/intake/partner_form_intro.html",
    )


@permission_required(Perm.SUBMIT_PARTNER_REFERRAL)
@require_GET
def partner_sent(request: HttpRequest) -> HttpResponse:
    sent = request.session.pop(PARTNER_SENT_SESSION_KEY, None)
    return render(
        request,
        "referrals/intake/partner_sent.html",
        {"sent": sent, "may_follow": request.user.has_perm(Perm.FOLLOW_OWN_REFERRALS)},
    )


# Staff-keyed referral


@permission_required(Perm.RECORD_REFERRAL)
@require_http_methods(["GET", "POST"])
def staff_new(request: HttpRequest) -> HttpResponse:
    group = staff_referral_form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and group.is_valid():
        source = group["source"]
        try:
            result = services.referral_submit(
                channel=Referral.Channel.STAFF,
                details=to_details(
                    child=group["child"], school=group["school"], concern=group["concern"], referrer=group["referrer"]
                ),
                people=people_details(group["carers"], group["siblings"]),
                submission_key=group["key"].key(),
                submitted_by=request.user,
                source=source.cleaned_data["source"],
                source_detail=source.cleaned_data["source_detail"],
            )
        except ApplicationError as error:
            group.add_application_error(error)
        else:
            referral = result.referral
            if result.created:
                messages.success(request, f"Referral {referral.reference} recorded")
            else:
                messages.info(request, f"Referral {referral.reference} was already recorded")
            return redirect("referrals:detail", referral_id=referral.pk)
    return _signed_in_form(
        request,
        group,
        heading="Record a referral",
        caption="Received by email, phone, letter or in person",
        submit_label="Record referral",
        intro_template="referrals/intake/staff_form_intro.html",
    )


def _signed_in_form(
    request: HttpRequest, group: FormGroup, *, heading: str, caption: str, submit_label: str, intro_template: str
) -> HttpResponse:
    return render(
        request,
        "referrals/intake/referral_form.html",
        {
            "form": group,
            "page_heading": heading,
            "page_caption": caption,
            "submit_label": submit_label,
            "intro_template": intro_template,
        },
    )
