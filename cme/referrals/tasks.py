"""Background jobs for referrals. Thin: each loads by id and calls one service."""

from __future__ import annotations

from django_tasks import task

from cme.referrals.notifications import referral_notify


@task()
def notify_new_referral(*, referral_id: str) -> int:
    """Email the team a new or re-routed referral went to. Safe to run twice: sends once per routing."""
    return referral_notify(referral_id=referral_id)
