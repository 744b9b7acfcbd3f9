"""Background jobs of the accounts app: emails that carry a set-password link."""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from cme.accounts.models import User


class PasswordEmail(StrEnum):
    NEW_ACCOUNT = "new_account"
    RESET = "reset"


_SUBJECTS = {
    PasswordEmail.NEW_ACCOUNT: "Set your password for {service}",
    PasswordEmail.RESET: "Reset your password for {service}",
}


def link_valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def set_password_url(*, user: User, site_url: str) -> str:
    """A link that lets this user set a password once. It stops working when the password
    changes, when they sign in, or after PASSWORD_RESET_TIMEOUT (Django's token generator)."""
    path = reverse(
        "accounts:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{site_url.rstrip('/')}{path}"


@task()
def send_password_email(*, user_id: int, site_url: str, purpose: str) -> None:
    """The token is made here, when the email is sent, so it is never stored in the job queue."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    kind = PasswordEmail(purpose)
    context = {
        "user": user,
        "url": set_password_url(user=user, site_url=site_url),
        "service_name": settings.SERVICE_NAME,
        "council_name": settings.COUNCIL_NAME,
        "valid_days": link_valid_days(),
    }
    send_mail(
        subject=_SUBJECTS[kind].format(service=settings.SERVICE_NAME),
        message=render_to_string(f"accounts/emails/{kind.value}.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
