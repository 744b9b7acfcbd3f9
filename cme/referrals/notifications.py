"""Who is told about a referral, and what they are told. Never the child's name or address: the
message gives the reference and a link, and the reader signs in to see the rest."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from cme.accounts.roles import Role
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.organisations.models import Mailbox
from cme.organisations.selectors import mailbox_address
from cme.referrals.models import Referral

Team = Referral.Team


def recipients_for(referral: Referral) -> list[str]:
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
    addresses.extend(people.values_list("email", flat=True))
    return sorted({address for address in addresses if address})


@transaction.atomic
def referral_notify(*, referral_id: str) -> int:
    """Tell the team a referral is with; returns how many messages were sent (0 if already told)."""
    referral = Referral.objects.select_for_update().filter(pk=referral_id).first()
    if referral is None or referral.notified_team == referral.team or referral.status != Referral.Status.OPEN:
        return 0
    first_notice = referral.notified_on is None
    recipients = recipients_for(referral)
    site = settings.CME_SITE_URL.rstrip("/")
    subject_prefix = "URGENT: " if referral.urgent else ""
    if referral.team == Team.SCHOOL and hasattr(referral, "school_task"):
        # A task for a school (policy 4.7): the school's users open the task, not the council's referral page.
        task = referral.school_task
        context: dict[str, Any] = {
            "referral": referral,
            "task": task,
            "url": site + reverse("referrals:school_task", args=[task.pk]),
        }
        subject = f"A task for your school: {task.get_kind_display().lower()} ({referral.reference})"
        template = "referrals/email/school_task.txt"
    else:
        context = {"referral": referral, "url": site + reverse("referrals:detail", args=[referral.pk])}
        subject = f"{subject_prefix}New referral {referral.reference} for the {referral.get_team_display().lower()}"
        template = "referrals/email/new_referral.txt"
    sent = 0
    if recipients:
        sent += send_mail(
            subject=subject,
            message=render_to_string(template, context),
            from_email=None,
            recipient_list=recipients,
        )
    if first_notice and referral.channel == Referral.Channel.PUBLIC and referral.referrer_email:
        sent += send_mail(
            subject=f"Your referral {referral.reference} has been received",
            message=render_to_string("referrals/email/public_acknowledgement.txt", context),
            from_email=None,
            recipient_list=[referral.referrer_email],
        )
    referral.notified_team = referral.team
    referral.notified_on = timezone.now()
    referral.save(update_fields=["notified_team", "notified_on"])
    audit_record(
        actor=None,
        action=AuditAction.REFERRAL_NOTIFIED,
        target=referral,
        data={"team": referral.team, "recipients": len(recipients), "messages": sent},
    )
    return sent
