"""Reads for notifications: a user's preferences and the message log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cme.notifications.catalogue import KIND_DETAILS, Kind
from cme.notifications.models import Message, Preference


def preferences_for(*, user: Any) -> dict[Kind, bool]:
    """Every kind of non-urgent notification and whether ``user`` receives it."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "enabled"))
    return {kind: chosen.get(kind.value, details.default) for kind, details in KIND_DETAILS.items()}


def notification_wanted(*, user: Any, kind: Kind) -> bool:
    row = Preference.objects.filter(user=user, kind=kind.value).values_list("enabled", flat=True).first()
    return KIND_DETAILS[kind].default if row is None else bool(row)


def message_log(
    *, recipient_email: str = "", template: str = "", reference: str = "", status: str = ""
) -> QuerySet[Message]:
    """Messages matching the filters, newest first."""
    messages = Message.objects.all()
    if recipient_email:
        messages = messages.filter(recipient_email__iexact=recipient_email)
    if template:
        messages = messages.filter(template=template)
    if reference:
        messages = messages.filter(reference__iexact=reference)
    if status:
        messages = messages.filter(status=status)
    return messages.order_by("-created_on", "-pk")
