"""How a rendered message leaves cme: Django's email backend (console, file, SMTP: EMAIL_BACKEND), or
GOV.UK Notify when NOTIFY_API_KEY is set. Both take the same rendered subject and body."""

from __future__ import annotations

from typing import Any, Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from notifications_python_client.notifications import NotificationsAPIClient


class DeliveryError(Exception):
    """The provider refused or failed to take the message. ``reason`` is safe to record."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Adapter(Protocol):
    channel: str

    def send(self, *, to: str, subject: str, body: str, template: str, reference: str) -> str:
        """Send one message; return the provider's id for it ("" if it has none)."""
        ...


class DjangoEmailAdapter:
    channel = "email"

    def send(self, *, to: str, subject: str, body: str, template: str, reference: str) -> str:
        try:
            EmailMessage(subject=subject, body=body, to=[to], headers={"X-CME-Reference": reference}).send()
        except OSError as error:  # smtplib's errors are OSErrors
            raise DeliveryError(f"Email backend: {type(error).__name__}") from error
        return ""


class NotifyClient(Protocol):
    def send_email_notification(
        self,
        email_address: Any,
        template_id: Any,
        personalisation: Any = ...,
        reference: Any = ...,
        email_reply_to_id: Any = ...,
    ) -> Any: ...


class NotifyAdapter:
    """GOV.UK Notify: one Notify template per cme template (NOTIFY_TEMPLATE_IDS), each made of
    ``((subject))`` and ``((body))``. ``reference`` is the message log's id, which Notify keeps."""

    channel = "notify"

    def __init__(self, *, client: NotifyClient, template_ids: dict[str, str], reply_to_id: str = "") -> None:
        self.client = client
        self.template_ids = template_ids
        self.reply_to_id = reply_to_id

    def send(self, *, to: str, subject: str, body: str, template: str, reference: str) -> str:
        template_id = self.template_ids.get(template, "")
        if not template_id:
            raise DeliveryError(f"No GOV.UK Notify template id for {template} (NOTIFY_TEMPLATE_{template.upper()})")
        try:
            response = self.client.send_email_notification(
                email_address=to,
                template_id=template_id,
                personalisation={"subject": subject, "body": body},
                reference=reference,
                email_reply_to_id=self.reply_to_id or None,
            )
        except Exception as error:  # the client raises HTTPError, HTTP503Error, requests' errors
            status = getattr(error, "status_code", "")
            raise DeliveryError(f"GOV.UK Notify: {type(error).__name__} {status}".strip()) from error
        return str(response.get("id", "")) if isinstance(response, dict) else ""


def adapter_from_settings() -> Adapter:
    if settings.NOTIFY_API_KEY:
        client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=30)
        return NotifyAdapter(
            client=client, template_ids=settings.NOTIFY_TEMPLATE_IDS, reply_to_id=settings.NOTIFY_REPLY_TO_ID
        )
    return DjangoEmailAdapter()
