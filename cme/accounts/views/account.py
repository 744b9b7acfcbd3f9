"""The signed-in user's own account: their details, two-factor status and password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET

from cme.accounts import selectors, services
from cme.accounts.forms import PasswordChangeForm
from cme.core.access import SIGNED_IN, AccessMixin, any_signed_in_user


@any_signed_in_user
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/account.html",
        {"security": selectors.user_security_status(user=request.user)},  # type: ignore[arg-type]
    )


class PasswordChangeView(AccessMixin, auth_views.PasswordChangeView):
    cme_access = SIGNED_IN
    form_class = PasswordChangeForm
    template_name = "accounts/form_page.html"
    success_url = reverse_lazy("accounts:account")
    extra_context = {"page_heading": "Change your password", "back_url": reverse_lazy("accounts:account")}

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        services.user_change_password(user=form.user, password=form.cleaned_data["new_password1"])
        # Keeps this session signed in; every other session of the user ends.
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, "Your password has been changed")
        return redirect(self.get_success_url())
