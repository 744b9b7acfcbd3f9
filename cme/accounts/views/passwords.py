"""Public pages for setting a password from an emailed link, and asking for such a link.

Neither page says whether an email address has an account."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cme.accounts import services
from cme.accounts.forms import ForgottenPasswordForm, SetPasswordForm
from cme.accounts.models import User
from cme.accounts.tasks import link_valid_days
from cme.core.access import PUBLIC, AccessMixin, public


@public
@never_cache
@require_http_methods(["GET", "POST"])
def forgotten_password(request: HttpRequest) -> HttpResponse:
    form = ForgottenPasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"])
        return redirect("accounts:password_reset_sent")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "page_heading": "Forgotten your password?",
            "page_intro": "Enter your email address. If it belongs to an account, we will email you a link to set "
            "a new password.",
        },
    )


@public
@require_GET
def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html", {"valid_days": link_valid_days()})


@method_decorator(public, name="dispatch")
class SetPasswordView(AccessMixin, auth_views.PasswordResetConfirmView):
    """The page an emailed link opens. Django's view checks the token and moves it from the URL into
    the session before showing the form, so the token never leaks in a Referer header."""

    cme_access = PUBLIC
    form_class = SetPasswordForm
    template_name = "accounts/set_password.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "valid_days": link_valid_days()}

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        # A deactivated account's link no longer works.
        return user if user is not None and user.is_active else None

    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        user: User = form.user
        services.user_set_password(user=user, password=form.cleaned_data["new_password1"])
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(self.request, "Your password has been set. Sign in with your email address and new password.")
        return redirect(self.success_url)
