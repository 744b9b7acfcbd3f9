"""Background jobs of the accounts app: emails that carry a set-password link. They are
transactional, so always sent (no preference turns them off), through cme.notifications."""

from __future__ import annotations

import uuid
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from cme.accounts.models import User
from cme.notifications.links import link_to
from cme.notifications.services import notification_send


class PasswordEmail(StrEnum):
    NEW_ACCOUNT = "new_account"
    RESET = "reset"


_TEMPLATES = {PasswordEmail.NEW_ACCOUNT: "new_account", PasswordEmail.RESET: "password_reset"}


def link_valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def set_password_url(*, user: User) -> str:
    """A link that lets this user set a password once. It stops working when the password
    changes, when they sign in, or after PASSWORD_RESET_TIMEOUT (Django's token generator).

    It starts with CME_SITE_URL, the service's own address, like every link cme emails: never with
    the Host of the request that asked for it."""
    path = reverse(
        "accounts:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return link_to(path)


def new_message_key() -> str:
    """Names one password email when it is asked for, so the job that sends it sends it once."""
    return uuid.uuid4().hex


@task()
def send_password_email(*, user_id: int, purpose: str, message_key: str = "") -> None:
    """The token is made here, when the email is sent, so it is never stored in the job queue (nor in
    the message log, which keeps no bodies)."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    kind = PasswordEmail(purpose)
    notification_send(
        template=_TEMPLATES[kind],
        to=user.email,
        recipient=user,
        context={
            "full_name": user.full_name,
            "email": user.email,
            "url": set_password_url(user=user),
            "service_name": settings.SERVICE_NAME,
            "council_name": settings.COUNCIL_NAME,
            "valid_days": link_valid_days(),
        },
        idempotency_key=f"password:{kind.value}:{user.pk}:{message_key or new_message_key()}",
        record_type="accounts.user",
        record_id=str(user.pk),
    )
