"""Every email cme sends: its key, subject, body template, and whether the recipient may turn it off.

A message's context holds plain values only (text, numbers, dates, lists and dicts of them; see
``notification_send``), so no template can reach a child's record: subjects and bodies carry
references and links to cme, never a child's name or address.

With GOV.UK Notify, each key has its own Notify template, whose id comes from the environment
(``NOTIFY_TEMPLATE_<KEY>``, collected in ``settings.NOTIFY_TEMPLATE_IDS``). Each Notify template is
``((subject))`` for its subject and ``((body))`` for its body: cme renders both, so the wording is the
same whichever way the message goes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cme.core.permissions import Perm


class Kind(StrEnum):
    """Non-urgent notifications a user may choose not to receive."""

    DAILY_DIGEST = "daily_digest"
    NEW_REFERRAL = "new_referral"
    POLICY_REVIEW = "policy_review"

    @property
    def label(self) -> str:
        return KIND_DETAILS[self].label

    @property
    def hint(self) -> str:
        return KIND_DETAILS[self].hint


@dataclass(frozen=True)
class KindDetails:
    label: str
    hint: str
    default: bool
    # Shown on the preferences page only to users who hold this permission (the email concerns work
    # they do); None: everyone.
    permission: Perm | None


KIND_DETAILS: dict[Kind, KindDetails] = {
    Kind.DAILY_DIGEST: KindDetails(
        label="A daily summary of your work that is overdue, due today or at risk",
        hint="One email each working morning, only when there is something to do. "
        "Items overdue on urgent cases are always emailed as soon as they are overdue.",
        default=True,
        permission=Perm.VIEW_WORK_LIST,
    ),
    Kind.NEW_REFERRAL: KindDetails(
        label="An email for each new referral for your team, as it arrives",
        hint="Urgent referrals are always emailed. Others also reach the team mailbox and your work list.",
        default=False,
        permission=Perm.TRIAGE_REFERRALS,
    ),
    Kind.POLICY_REVIEW: KindDetails(
        label="A reminder when the CME policy is due for review",
        hint="Sent 20 working days before the policy's next review date, and again if the date passes.",
        default=True,
        permission=Perm.MANAGE_POLICY,
    ),
}


@dataclass(frozen=True)
class EmailTemplate:
    key: str
    name: str  # what the message log calls it
    subject: str  # a Django template string, rendered with the message's context
    body: str  # a template path
    # None: transactional or urgent, always sent (a user cannot turn it off).
    kind: Kind | None


TEMPLATES: dict[str, EmailTemplate] = {
    template.key: template
    for template in (
        EmailTemplate(
            key="new_referral",
            name="New referral for a team",
            subject="{% if urgent %}URGENT: {% endif %}New referral {{ reference }} for the {{ team }}",
            body="notifications/email/new_referral.txt",
            kind=Kind.NEW_REFERRAL,
        ),
        EmailTemplate(
            key="school_task",
            name="Task for a school",
            subject="A task for your school: {{ task_kind }} ({{ reference }})",
            body="notifications/email/school_task.txt",
            kind=None,
        ),
        EmailTemplate(
            key="referral_acknowledgement",
            name="Receipt for a public referral",
            subject="Your referral {{ reference }} has been received",
            body="notifications/email/referral_acknowledgement.txt",
            kind=None,
        ),
        EmailTemplate(
            key="new_account",
            name="New account: set your password",
            subject="Set your password for {{ service_name }}",
            body="notifications/email/new_account.txt",
            kind=None,
        ),
        EmailTemplate(
            key="password_reset",
            name="Password reset",
            subject="Reset your password for {{ service_name }}",
            body="notifications/email/password_reset.txt",
            kind=None,
        ),
        EmailTemplate(
            key="daily_digest",
            name="Daily summary of work",
            subject="Your work for {{ day }}: {{ summary }}",
            body="notifications/email/daily_digest.txt",
            kind=Kind.DAILY_DIGEST,
        ),
        EmailTemplate(
            key="overdue_urgent",
            name="Overdue on an urgent case",
            subject="URGENT: overdue on {{ about }}",
            body="notifications/email/overdue_urgent.txt",
            kind=None,
        ),
        EmailTemplate(
            key="escalation",
            name="Escalation to a manager",
            subject="Escalation: overdue by more than {{ working_days }} working days on {{ about }}",
            body="notifications/email/escalation.txt",
            kind=None,
        ),
        EmailTemplate(
            key="policy_review",
            name="Policy review reminder",
            subject="{% if overdue %}The CME policy review is overdue"
            "{% else %}The CME policy is due for review on {{ review_date }}{% endif %}",
            body="notifications/email/policy_review.txt",
            kind=Kind.POLICY_REVIEW,
        ),
    )
}


def template_choices() -> list[tuple[str, str]]:
    return sorted(((t.key, t.name) for t in TEMPLATES.values()), key=lambda choice: choice[1])
