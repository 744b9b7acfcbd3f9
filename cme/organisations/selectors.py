"""Reading organisations and team mailboxes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from cme.organisations.models import Mailbox, Organisation

# Organisations


def organisation_list(*, kind: str = "") -> QuerySet[Organisation]:
    """Every organisation, active or not, by name; only those of ``kind`` when given."""
    organisations = Organisation.objects.select_related("school").order_by("name", "kind")
    return organisations.filter(kind=kind) if kind else organisations


def organisation_get(*, organisation_id: uuid.UUID) -> Organisation | None:
    return Organisation.objects.select_related("school").filter(pk=organisation_id).first()


def organisation_list_active(*, include_id: uuid.UUID | None = None) -> QuerySet[Organisation]:
    """Organisations people can be added to, by name. ``include_id`` keeps one organisation in the
    list even if it has since been made inactive (a user already belonging to it)."""
    condition = Q(is_active=True)
    if include_id is not None:
        condition |= Q(pk=include_id)
    return Organisation.objects.filter(condition).order_by("name", "kind")


# Team mailboxes


@dataclass(frozen=True)
class MailboxEntry:
    key: str
    label: str
    email: str | None


def mailbox_address(key: str) -> str | None:
    """The address of a team mailbox (a ``Mailbox.Key``), or None while nobody has set it.
    Code that sends to a team asks here; no address is ever written into code."""
    return Mailbox.objects.filter(key=key).values_list("email", flat=True).first()


def mailbox_list() -> list[MailboxEntry]:
    """Every team mailbox the service knows, in ``Mailbox.Key`` order, set or not."""
    addresses = dict(Mailbox.objects.values_list("key", "email"))
    return [MailboxEntry(key=key.value, label=key.label, email=addresses.get(key.value)) for key in Mailbox.Key]
