"""The one way cme sends a message: ``notification_send``. Callers are background jobs (never a web
request), so a slow or failing provider never holds up a page."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import timezone

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.notifications.adapters import Adapter, DeliveryError, adapter_from_settings
from cme.notifications.catalogue import KIND_DETAILS, TEMPLATES, Kind
from cme.notifications.models import Message, Preference
from cme.notifications.selectors import notification_wanted

logger = logging.getLogger(__name__)

_PLAIN = (str, int, float, bool, date, datetime, type(None))


def _check_plain(value: Any, *, path: str) -> None:
    """A message's context holds plain values only, so no template can follow a model instance to a
    child's name or address."""
    if isinstance(value, _PLAIN):
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_plain(item, path=f"{path}[{index}]")
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            _check_plain(item, path=f"{path}.{key}")
        return
    raise TypeError(f"Message context {path} is a {type(value).__name__}: pass plain values, not records")


def notification_render(*, template: str, context: Mapping[str, Any]) -> tuple[str, str]:
    """The subject and body of ``template`` with ``context`` (plain values only)."""
    for key, value in context.items():
        _check_plain(value, path=key)
    spec = TEMPLATES[template]
    subject = Template("{% autoescape off %}" + spec.subject + "{% endautoescape %}").render(Context(dict(context)))
    body = render_to_string(spec.body, dict(context))
    return " ".join(subject.split()), body


def notification_send(
    *,
    template: str,
    to: str,
    context: Mapping[str, Any],
    idempotency_key: str,
    recipient: Any = None,
    urgent: bool = False,
    record_type: str = "",
    record_id: str = "",
    reference: str = "",
    adapter: Adapter | None = None,
) -> Message | None:
    """Send one message to one address, once.

    ``idempotency_key`` names the logical message: if a message with that key has been sent, nothing
    is sent and the logged message is returned, so a job that runs twice sends nothing twice. A message
    whose sending failed is tried again by the next call with its key. ``recipient`` (a user) lets the
    user's preferences apply: a non-urgent kind they turned off is not sent (returns None); an inactive
    user is sent nothing. Team mailboxes and members of the public have no recipient.
    """
    spec = TEMPLATES[template]
    if recipient is not None:
        if not recipient.is_active:
            return None
        if spec.kind is not None and not urgent and not notification_wanted(user=recipient, kind=spec.kind):
            return None
    subject, body = notification_render(template=template, context=context)
    adapter = adapter or adapter_from_settings()
    with transaction.atomic():
        try:
            with transaction.atomic():
                message, _created = Message.objects.select_for_update().get_or_create(
                    idempotency_key=idempotency_key,
                    defaults={
                        "template": template,
                        "recipient": recipient,
                        "recipient_email": to,
                        "subject": subject[:300],
                        "urgent": urgent,
                        "record_type": record_type,
                        "record_id": record_id,
                        "reference": reference,
                        "channel": adapter.channel,
                    },
                )
        except IntegrityError:
            # Another worker logged it first and has committed: it is theirs to send.
            return Message.objects.get(idempotency_key=idempotency_key)
        if message.status == Message.Status.SENT:
            return message
        message.attempts += 1
        message.channel = adapter.channel
        try:
            message.provider_id = adapter.send(
                to=to, subject=subject, body=body, template=template, reference=str(message.pk)
            )
        except DeliveryError as error:
            message.status = Message.Status.FAILED
            message.error = error.reason[:300]
            logger.warning("notification not sent", extra={"message_id": str(message.pk), "template": template})
        else:
            message.status = Message.Status.SENT
            message.sent_on = timezone.now()
            message.error = ""
        message.save(update_fields=["attempts", "channel", "provider_id", "status", "sent_on", "error", "modified_on"])
    return message


@transaction.atomic
def preferences_update(*, user: Any, choices: Mapping[Kind, bool]) -> list[Kind]:
    """Record which non-urgent notifications ``user`` wants. Returns the kinds that changed."""
    changed: list[Kind] = []
    current = {p.kind: p for p in Preference.objects.select_for_update().filter(user=user)}
    for kind, enabled in choices.items():
        kind = Kind(kind)
        row = current.get(kind.value)
        before = row.enabled if row is not None else KIND_DETAILS[kind].default
        if row is None:
            Preference.objects.create(user=user, kind=kind.value, enabled=enabled, created_by=user, modified_by=user)
        elif row.enabled != enabled:
            row.enabled = enabled
            row.modified_by = user
            row.save(update_fields=["enabled", "modified_by", "modified_on"])
        if before != enabled:
            changed.append(kind)
    if changed:
        audit_record(
            actor=user,
            action=AuditAction.NOTIFICATION_PREFERENCES_CHANGED,
            target=user,
            data={kind.value: choices[kind] for kind in changed},
        )
    return changed


def kinds_for(*, user: Any) -> Iterable[Kind]:
    """The kinds of non-urgent notification that concern ``user``'s work."""
    return [
        kind
        for kind, details in KIND_DETAILS.items()
        if details.permission is None or user.has_perm(details.permission)
    ]
