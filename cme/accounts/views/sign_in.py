"""Signing in and out. Failed sign-ins are audited; django-axes counts them and, after
AXES_FAILURE_LIMIT, answers with accounts/locked_out.html (status 429) instead of the form."""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator

from cme.accounts.forms import SignInForm
from cme.accounts.middleware import SESSION_STARTED_KEY
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.core.access import PUBLIC, SIGNED_IN, AccessMixin, public


@method_decorator(public, name="dispatch")
class SignInView(AccessMixin, auth_views.LoginView):
    cme_access = PUBLIC
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
    extra_context = {"page_heading": "Sign in"}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("expired"):
            messages.info(request, "You have been signed out. Sign in again to continue.")
        return super().get(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        self.request.session[SESSION_STARTED_KEY] = time.time()
        audit_record(actor=form.get_user(), action=AuditAction.LOGIN, target=form.get_user())
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        if form.non_field_errors():
            audit_record(
                actor=None,
                action=AuditAction.LOGIN_FAILED,
                data={
                    "email": form.cleaned_data.get("username", ""),
                    "locked_out": bool(getattr(self.request, "axes_locked_out", False)),
                },
            )
        return super().form_invalid(form)


class SignOutView(AccessMixin, auth_views.LogoutView):
    cme_access = SIGNED_IN

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            audit_record(actor=request.user, action=AuditAction.LOGOUT, target=request.user)
        return super().post(request, *args, **kwargs)
