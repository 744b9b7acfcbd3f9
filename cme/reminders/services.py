"""Periodic notifications, built from the work queues' deadlines (``cme.worklist.selectors.due_items``)
and sent through the one notifications service. Every message has an idempotency key naming what it is
about, so running a job twice, or on a day it already ran, sends nothing twice:

- the daily digest: one email per user per working day grouping their overdue, due today and at risk
  work (and, for their team, what nobody holds yet); users may turn it off;
- overdue on an urgent case: one email, as soon as an item of an urgent or high-risk case (or the triage of
  an urgent referral) is overdue, to whoever holds it (the CME team mailbox when nobody does);
- escalations: one email per item to the CME managers (of its area, or of both) once the item is overdue
  by more than the policy's escalation margin (``escalation_margin_working_days``);
- the policy review reminder: to the managers when the policy's next review date is near, and again
  once it has passed;
- referrals whose team was not told (an email failed, or the job was lost): told now.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from django.db.models import Q
from django.urls import reverse

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.calendars.due import DueItem
from cme.cases.codes import RiskLevel
from cme.cases.models import Case
from cme.core.working_days import is_working_day
from cme.notifications.links import link_to
from cme.notifications.models import Message
from cme.notifications.services import notification_send
from cme.organisations.models import Mailbox
from cme.organisations.selectors import mailbox_address
from cme.policy.selectors import policy_value
from cme.referrals.notifications import referral_notify, referrals_to_notify
from cme.worklist.selectors import due_items, policy_review_reminder

logger = logging.getLogger(__name__)

# Roles that hold cases and so get a daily digest of their work.
DIGEST_ROLES = (Role.CME_OFFICER, Role.CME_MANAGER)
_NOTICE_STATES = ("overdue", "due_today", "at_risk")


@dataclass(frozen=True)
class RunResult:
    """What one run did: messages sent now, and those it found already sent (or not wanted)."""

    sent: int = 0
    skipped: int = 0
    failed: int = 0


@dataclass
class _Tally:
    sent: int = 0
    skipped: int = 0
    failed: int = 0

    def add(self, message: Any, *, before: set[str]) -> None:
        if message is None or message.idempotency_key in before:
            self.skipped += 1
        elif message.status == Message.Status.SENT:
            self.sent += 1
        else:
            self.failed += 1

    def result(self) -> RunResult:
        return RunResult(sent=self.sent, skipped=self.skipped, failed=self.failed)


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def item_key(item: DueItem) -> str:
    """A short stable name for one deadline: the same item on another day has the same key; a deadline
    that moves (an extension) is a new one."""
    raw = f"{item.kind}|{item.url}|{item.what}|{item.due.isoformat()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _item_context(item: DueItem) -> dict[str, str]:
    about = _about(item)
    kind = {"cases.case": "case", "referrals.referral": "referral"}.get(about["record_type"], "case")
    return {
        "about": f"{kind} {about['reference']}" if about["reference"] else "an item of your work",
        "what": item.what,
        "due": long_date(item.due),
        "reference": item.case_reference or "",
        "url": link_to(item.url),
        "state": item.state_label,
    }


def _already_sent(keys: Iterable[str]) -> set[str]:
    return set(
        Message.objects.filter(idempotency_key__in=list(keys), status=Message.Status.SENT).values_list(
            "idempotency_key", flat=True
        )
    )


# The daily digest ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestSection:
    title: str
    items: tuple[DueItem, ...]


def digest_sections(*, user: Any, items: Sequence[DueItem]) -> list[DigestSection]:
    """Group the day's deadlines for one user: their own overdue, due today and at risk items; for CME
    officers, their area's (and area-less) items nobody holds yet that are overdue or due today; for
    managers, every such item, and those overdue beyond the escalation margin. Empty sections are left out."""
    own = [item for item in items if item.officer_id == user.pk and item.state in _NOTICE_STATES]
    sections = [
        DigestSection("Overdue", tuple(i for i in own if i.state == "overdue")),
        DigestSection("Due today", tuple(i for i in own if i.state == "due_today")),
        DigestSection("At risk: due within days", tuple(i for i in own if i.state == "at_risk")),
    ]
    is_manager = user.role == Role.CME_MANAGER
    if user.role in DIGEST_ROLES:
        unheld = tuple(
            item
            for item in items
            if item.officer_id is None
            and item.state in ("overdue", "due_today")
            and (is_manager or user.area_id is None or item.area_id in (None, user.area_id))
        )
        sections.append(DigestSection("Nobody holds these yet: overdue or due today", unheld))
    if is_manager:
        escalated = tuple(
            item for item in items if item.escalated and item.officer_id is not None and item.officer_id != user.pk
        )
        sections.append(DigestSection("Overdue beyond the escalation margin, held by others", escalated))
    return [section for section in sections if section.items]


def _summary(sections: Sequence[DigestSection]) -> str:
    counts = {"overdue": 0, "due_today": 0, "at_risk": 0}
    seen: set[str] = set()
    for section in sections:
        for item in section.items:
            key = item_key(item)
            if key not in seen and item.state in counts:
                seen.add(key)
                counts[item.state] += 1
    words = {"overdue": "overdue", "due_today": "due today", "at_risk": "at risk"}
    return ", ".join(f"{count} {words[state]}" for state, count in counts.items() if count) or "nothing due"


def digests_send(*, on: date) -> RunResult:
    """One digest per user with something to do, on working days only."""
    if not is_working_day(on):
        return RunResult()
    items = due_items(on=on)
    users = list(User.objects.filter(is_active=True, role__in=DIGEST_ROLES).order_by("email"))
    keys = {user.pk: f"daily_digest:{user.pk}:{on.isoformat()}" for user in users}
    before = _already_sent(keys.values())
    tally = _Tally()
    worklist_url = link_to(reverse("worklist:home"))
    preferences_url = link_to(reverse("notifications:preferences"))
    for user in users:
        sections = digest_sections(user=user, items=items)
        if not sections:
            continue
        message = notification_send(
            template="daily_digest",
            to=user.email,
            recipient=user,
            context={
                "day": long_date(on),
                "summary": _summary(sections),
                "sections": [
                    {"title": section.title, "items": [_item_context(item) for item in section.items]}
                    for section in sections
                ],
                "worklist_url": worklist_url,
                "preferences_url": preferences_url,
            },
            idempotency_key=keys[user.pk],
        )
        tally.add(message, before=before)
    return tally.result()


# Urgent items overdue --------------------------------------------------------------------------------


def _urgent_case_references(items: Sequence[DueItem]) -> set[str]:
    references = {item.case_reference for item in items if item.case_reference}
    return set(
        Case.objects.filter(reference__in=references)
        .filter(Q(urgent=True) | Q(risk_level=RiskLevel.HIGH) | Q(immediate_referral_due=True))
        .values_list("reference", flat=True)
    )


def is_urgent(item: DueItem, *, urgent_cases: set[str]) -> bool:
    if item.case_reference:
        return item.case_reference in urgent_cases
    return item.kind == "triage" and item.what.startswith("Triage urgent")


def overdue_alerts_send(*, on: date) -> RunResult:
    """An immediate email for each overdue item of an urgent case, once, to whoever holds it."""
    overdue = [item for item in due_items(on=on) if item.state == "overdue"]
    urgent_cases = _urgent_case_references(overdue)
    urgent = [item for item in overdue if is_urgent(item, urgent_cases=urgent_cases)]
    holders = User.objects.in_bulk({item.officer_id for item in urgent if item.officer_id is not None})
    team_mailbox = mailbox_address(Mailbox.Key.CME)
    plan: list[tuple[DueItem, str, Any]] = []
    for item in urgent:
        holder = holders.get(item.officer_id) if item.officer_id is not None else None
        if holder is not None and holder.is_active:
            plan.append((item, holder.email, holder))
        elif team_mailbox:
            plan.append((item, team_mailbox, None))
        else:
            logger.warning("urgent overdue item has nobody to tell", extra={"kind": item.kind})
    keys = [f"overdue_urgent:{item_key(item)}:{address}" for item, address, _ in plan]
    before = _already_sent(keys)
    tally = _Tally()
    for (item, address, user), key in zip(plan, keys, strict=True):
        message = notification_send(
            template="overdue_urgent",
            to=address,
            recipient=user,
            urgent=True,
            context=_item_context(item),
            idempotency_key=key,
            **_about(item),
        )
        tally.add(message, before=before)
    return tally.result()


class About(TypedDict):
    record_type: str
    record_id: str
    reference: str


def _about(item: DueItem) -> About:
    """The record a deadline belongs to, for the message log: its case (or referral), from its link."""
    parts = item.url.strip("/").split("/")
    record_type = {"cases": "cases.case", "referrals": "referrals.referral"}.get(parts[0], "") if len(parts) > 1 else ""
    record_id = parts[1] if record_type else ""
    if item.case_reference:
        if record_type != "cases.case":
            record_type, record_id = "", ""
        return About(record_type=record_type, record_id=record_id, reference=item.case_reference)
    reference = item.what.rsplit(" ", 1)[-1] if record_type == "referrals.referral" else ""
    return About(record_type=record_type, record_id=record_id, reference=reference)


# Escalations ------------------------------------------------------------------------------------------


def managers_for(*, area_id: str | None) -> list[User]:
    """The CME managers of an area: those of that area and those with none (they manage both)."""
    managers = User.objects.filter(is_active=True, role=Role.CME_MANAGER)
    if area_id is not None:
        managers = managers.filter(Q(area_id=area_id) | Q(area__isnull=True))
    return list(managers.order_by("email"))


def escalations_send(*, on: date) -> RunResult:
    """Tell the managers, once per item, when it is overdue by more than the escalation margin."""
    if not is_working_day(on):
        return RunResult()
    margin = int(policy_value("escalation_margin_working_days", on=on))
    escalated = [item for item in due_items(on=on) if item.escalated]
    plan = [(item, manager) for item in escalated for manager in managers_for(area_id=item.area_id)]
    keys = [f"escalation:{item_key(item)}:{manager.pk}" for item, manager in plan]
    before = _already_sent(keys)
    tally = _Tally()
    for (item, manager), key in zip(plan, keys, strict=True):
        message = notification_send(
            template="escalation",
            to=manager.email,
            recipient=manager,
            urgent=True,
            context={
                **_item_context(item),
                "working_days": margin,
                "area": item.area_name,
                "officer": item.officer_name,
            },
            idempotency_key=key,
            **_about(item),
        )
        tally.add(message, before=before)
    return tally.result()


# The policy's review date ------------------------------------------------------------------------------


def policy_review_reminders_send(*, on: date) -> RunResult:
    """Policy 9.1: the managers are reminded once when the review date is near and once when it passes."""
    reminder = policy_review_reminder(on=on)
    if reminder is None:
        return RunResult()
    stage = "overdue" if reminder.overdue else "upcoming"
    managers = list(User.objects.filter(is_active=True, role=Role.CME_MANAGER).order_by("email"))
    keys = [f"policy_review:{reminder.review_date.isoformat()}:{stage}:{manager.pk}" for manager in managers]
    before = _already_sent(keys)
    tally = _Tally()
    for manager, key in zip(managers, keys, strict=True):
        message = notification_send(
            template="policy_review",
            to=manager.email,
            recipient=manager,
            context={
                "review_date": long_date(reminder.review_date),
                "overdue": reminder.overdue,
                "url": link_to(reverse("worklist:home")),
            },
            idempotency_key=key,
        )
        tally.add(message, before=before)
    return tally.result()


# Referrals not yet told ----------------------------------------------------------------------------------


def referral_notifications_retry(*, on: date) -> RunResult:
    """Tell the teams of open referrals they were not told of (each message still goes once)."""
    tally = _Tally()
    for referral_id in referrals_to_notify():
        sent = referral_notify(referral_id=referral_id)
        tally.sent += sent
    return tally.result()
