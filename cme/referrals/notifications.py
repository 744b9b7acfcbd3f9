"""Who is told about a referral, and what they are told. Never the child's name or address: the
message gives the reference and a link, and the reader signs in to see the rest. Messages go through
the one notifications service (cme.notifications), one per address, each sent once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from cme.accounts.roles import Role
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.notifications.links import link_to
from cme.notifications.models import Message
from cme.notifications.services import notification_send
from cme.organisations.models import Mailbox
from cme.organisations.selectors import mailbox_address
from cme.referrals.models import Referral

Team = Referral.Team


@dataclass(frozen=True)
class Recipient:
    email: str
    user: Any = None  # a user (whose preferences apply), or None for a team mailbox


def recipients_for(referral: Referral) -> list[Recipient]:
    """Team mailbox and people to tell about a referral sent to ``referral.team``."""
    user_model = get_user_model()
    addresses: list[str | None] = []
    people = user_model.objects.none()
    if referral.team == Team.CME:
        addresses.append(mailbox_address(Mailbox.Key.CME))
        people = user_model.objects.filter(role=Role.CME_OFFICER, is_active=True)
        if referral.area_id is not None:
            people = people.filter(area_id=referral.area_id)
    elif referral.team == Team.ATTENDANCE:
        key = Mailbox.Key.ATTENDANCE_EAST if referral.area_id == "east" else Mailbox.Key.ATTENDANCE_WEST
        if referral.area_id is None:
            addresses.extend(
                [mailbox_address(Mailbox.Key.ATTENDANCE_WEST), mailbox_address(Mailbox.Key.ATTENDANCE_EAST)]
            )
        else:
            addresses.append(mailbox_address(key))
    elif referral.team == Team.EHE:
        addresses.append(mailbox_address(Mailbox.Key.EHE))
    elif referral.team == Team.SCHOOL and hasattr(referral, "school_task"):
        people = user_model.objects.filter(
            role=Role.SCHOOL_USER, is_active=True, organisation__school=referral.school_task.school
        )
    recipients = {address: Recipient(address) for address in addresses if address}
    for person in people.order_by("email"):
        recipients.setdefault(person.email, Recipient(person.email, person))
    return [recipients[address] for address in sorted(recipients)]


@transaction.atomic
def referral_notify(*, referral_id: str) -> int:
    """Tell the team a referral is with; returns how many messages were sent now (0 if already told).

    Team mailboxes and school users always get it (it is how the referral or the school's task reaches
    them); officers get a non-urgent referral only if they chose to (their work list shows it anyway).
    """
    referral = Referral.objects.select_for_update(of=("self",)).select_related("area").filter(pk=referral_id).first()
    if referral is None or referral.notified_team == referral.team or referral.status != Referral.Status.OPEN:
        return 0
    first_notice = referral.notified_on is None
    recipients = recipients_for(referral)
    context: dict[str, Any]
    if referral.team == Team.SCHOOL and hasattr(referral, "school_task"):
        # A task for a school (policy 4.7): the school's users open the task, not the council's referral page.
        task = referral.school_task
        template = "school_task"
        context = {
            "reference": referral.reference,
            "task_kind": task.get_kind_display().lower(),
            "url": link_to(reverse("referrals:school_task", args=[task.pk])),
        }
    else:
        template = "new_referral"
        context = {
            "reference": referral.reference,
            "team": referral.get_team_display().lower(),
            "area": referral.area.name if referral.area is not None else "",
            "channel": referral.get_channel_display(),
            "urgent": referral.urgent,
            "url": link_to(reverse("referrals:detail", args=[referral.pk])),
        }
    already_sent = set(
        Message.objects.filter(
            idempotency_key__startswith=f"referral:{referral.pk}:", status=Message.Status.SENT
        ).values_list("idempotency_key", flat=True)
    )
    messages = []
    for recipient in recipients:
        messages.append(
            notification_send(
                template=template,
                to=recipient.email,
                recipient=recipient.user,
                context=context,
                urgent=referral.urgent,
                idempotency_key=f"referral:{referral.pk}:{referral.team}:{recipient.email}",
                record_type="referrals.referral",
                record_id=str(referral.pk),
                reference=referral.reference,
            )
        )
    if first_notice and referral.channel == Referral.Channel.PUBLIC and referral.referrer_email:
        messages.append(
            notification_send(
                template="referral_acknowledgement",
                to=referral.referrer_email,
                context={"reference": referral.reference},
                idempotency_key=f"referral:{referral.pk}:acknowledgement",
                record_type="referrals.referral",
                record_id=str(referral.pk),
                reference=referral.reference,
            )
        )
    sent = sum(
        1
        for message in messages
        if message is not None and message.status == Message.Status.SENT and message.idempotency_key not in already_sent
    )
    failed = sum(1 for message in messages if message is not None and message.status == Message.Status.FAILED)
    if not failed:
        # Told: a later run does nothing. If any message failed, the referral stays untold, and the
        # periodic job (run_periodic_jobs --only referrals) tries again; those sent are not sent twice.
        referral.notified_team = referral.team
        referral.notified_on = timezone.now()
        referral.save(update_fields=["notified_team", "notified_on"])
    audit_record(
        actor=None,
        action=AuditAction.REFERRAL_NOTIFIED,
        target=referral,
        data={"team": referral.team, "recipients": len(recipients), "messages": sent, "failed": failed},
    )
    return sent


def referrals_to_notify() -> list[str]:
    """Open referrals whose team has not been told (a message failed, or the job never ran), oldest first."""
    return [
        str(pk)
        for pk in Referral.objects.filter(status=Referral.Status.OPEN)
        .exclude(notified_team=F("team"))
        .order_by("created_on")
        .values_list("pk", flat=True)
    ]
