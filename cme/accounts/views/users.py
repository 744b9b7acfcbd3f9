"""User administration for system administrators (Perm.MANAGE_USERS)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cme.accounts import selectors, services
from cme.accounts.forms import ConfirmForm, UserFilterForm, UserForm
from cme.accounts.models import User
from cme.audit.events import AuditAction
from cme.audit.services import audit_read
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm

USERS_PER_PAGE = 50


def _get_user(pk: int) -> User:
    return get_object_or_404(selectors.user_list(), pk=pk)


@permission_required(Perm.MANAGE_USERS)
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        users = selectors.user_list(
            role=form.cleaned_data["role"], active=form.active_filter(), search=form.cleaned_data["q"]
        )
    else:
        users = selectors.user_list(active=True)
    page = Paginator(users, USERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"form": form, "page": page})


@permission_required(Perm.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST if request.method == "POST" else None, submit_label="Create account")
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)  # type: ignore[arg-type]
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, f"Account created for {user.full_name}. We have emailed them a link to set their password."
            )
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/form_page.html",
        {"form": form, "page_heading": "Create a user account", "back_url": reverse("accounts:user_list")},
    )


@permission_required(Perm.MANAGE_USERS)
@require_GET
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(pk)
    audit_read(actor=request.user, action=AuditAction.USER_VIEWED, target=user)
    return render(
        request,
        "accounts/user_detail.html",
        {"account": user, "security": selectors.user_security_status(user=user), "is_self": user.pk == request.user.pk},
    )


@permission_required(Perm.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(pk)
    initial = {
        "full_name": user.full_name,
        "email": user.email,
        "job_title": user.job_title,
        "role": user.role,
        "area": user.area_id or "",
        "organisation": user.organisation,
    }
    form = UserForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        submit_label="Save changes",
        current_organisation=user.organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.user_update(actor=request.user, user=user, **form.cleaned_data)  # type: ignore[arg-type]
        except ApplicationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, "Changes saved" if changed else "Nothing was changed")
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/form_page.html",
        {
            "form": form,
            "page_heading": "Change account details",
            "page_caption": user.full_name,
            "back_url": reverse("accounts:user_detail", kwargs={"pk": user.pk}),
        },
    )


def _confirm(
    request: HttpRequest,
    user: User,
    *,
    heading: str,
    explanation: list[str],
    button: str,
    action: Callable[[], Any],
    success: str,
    warning: bool = True,
) -> HttpResponse:
    """A confirmation page (GET) and the change it confirms (POST), then back to the account."""
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            action()
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
        return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/user_confirm.html",
        {
            "account": user,
            "page_heading": heading,
            "explanation": explanation,
            "button": button,
            "warning": warning,
        },
    )


@permission_required(Perm.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(pk)
    return _confirm(
        request,
        user,
        heading=f"Deactivate the account of {user.full_name}?",
        explanation=[
            "They will be signed out and will not be able to sign in.",
            "The account is kept, with everything it has done, and you can reactivate it later.",
        ],
        button="Deactivate account",
        action=lambda: services.user_deactivate(actor=request.user, user=user),  # type: ignore[arg-type]
        success=f"The account of {user.full_name} has been deactivated",
    )


@permission_required(Perm.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(pk)
    return _confirm(
        request,
        user,
        heading=f"Reactivate the account of {user.full_name}?",
        explanation=["They will be able to sign in again with their email address and password."],
        button="Reactivate account",
        action=lambda: services.user_reactivate(actor=request.user, user=user),  # type: ignore[arg-type]
        success=f"The account of {user.full_name} has been reactivated",
        warning=False,
    )


@permission_required(Perm.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_reset_two_factor(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(pk)
    return _confirm(
        request,
        user,
        heading=f"Reset two-factor authentication for {user.full_name}?",
        explanation=[
            "Do this when someone has lost or replaced the phone with their authenticator app.",
            "Their authenticator app and backup codes will stop working. The next time they sign in, they will "
            "set up two-factor authentication again.",
            "Check that the request really comes from them before you continue.",
        ],
        button="Reset two-factor authentication",
        action=lambda: services.user_reset_two_factor(actor=request.user, user=user),  # type: ignore[arg-type]
        success=f"Two-factor authentication has been reset for {user.full_name}",
    )


@permission_required(Perm.MANAGE_USERS)
@require_http_methods(["GET", "POST"])
def user_clear_lockout(request: HttpRequest, pk: int) -> HttpResponse:
    user = _get_user(pk)
    return _confirm(
        request,
        user,
        heading=f"Let {user.full_name} try to sign in again?",
        explanation=[
            "Their account was locked because the wrong password was entered too many times.",
            "If it was not them, ask them to change their password once they have signed in.",
        ],
        button="Clear the lockout",
        action=lambda: services.user_clear_lockout(actor=request.user, user=user),  # type: ignore[arg-type]
        success=f"{user.full_name} can try to sign in again",
        warning=False,
    )
