"""What the work list shows: the referrals waiting for the user's team, and for organisations that
refer, how their referrals stand."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from cme.cases.selectors import case_visible_to
from cme.cases.states import CaseStatus
from cme.referrals.models import Referral
from cme.referrals.selectors import (
    referral_queue_filtered,
    referral_queue_for,
    referral_status_for_referrer,
    referrals_made_by,
    school_tasks_for,
)

# How many referrals the work list shows; the queue has the rest.
WORK_LIST_SIZE = 25


@dataclass(frozen=True)
class ReferralCounts:
    open: int
    urgent: int
    unallocated: int


def open_referral_counts(*, user: Any) -> ReferralCounts:
    """How many open referrals wait in ``user``'s queue: all, urgent ones, and those with no area."""
    counts = (
        referral_queue_for(user=user)
        .filter(status=Referral.Status.OPEN)
        .aggregate(
            open=Count("pk"),
            urgent=Count("pk", filter=Q(urgent=True)),
            unallocated=Count("pk", filter=Q(area__isnull=True)),
        )
    )
    return ReferralCounts(**counts)


def waiting_referrals(*, user: Any) -> list[Referral]:
    """The open referrals ``user``'s team should look at first: urgent ones, then the oldest."""
    return list(referral_queue_filtered(user=user)[:WORK_LIST_SIZE])


@dataclass(frozen=True)
class StatusCount:
    label: str
    colour: str
    count: int


# The order a referrer's statuses are listed in (cme.referrals.selectors.referral_status_for_referrer).
_STATUS_ORDER = ("Received", "Being dealt with", "Closed")


def referrer_status_counts(*, user: Any) -> list[StatusCount]:
    """How many of the referrals ``user``'s organisation made are received, being dealt with, or closed."""
    colours: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for referral in (
        referrals_made_by(user=user).select_related("case").only("status", "decided_on", "case_id", "case__status")
    ):
        status = referral_status_for_referrer(referral)
        colours[status.label] = status.colour
        counts[status.label] += 1
    return [StatusCount(label, colours[label], counts[label]) for label in _STATUS_ORDER if counts[label]]


def open_school_task_count(*, user: Any) -> int:
    return school_tasks_for(user=user).count()


@dataclass(frozen=True)
class CaseCounts:
    held: int  # open cases allocated to the user
    unallocated: int  # open cases nobody holds, that the user may see
    awaiting_review: int  # for the manager: cases sent for review


def case_counts(*, user: Any) -> CaseCounts:
    """Counts for the work list's "Cases" panel, in one query."""
    cases = case_visible_to(user=user).exclude(status=CaseStatus.CLOSED)
    totals = cases.aggregate(
        held=Count("pk", filter=Q(allocated_to=user)),
        unallocated=Count("pk", filter=Q(allocated_to__isnull=True)),
        awaiting_review=Count("pk", filter=Q(status=CaseStatus.MANAGER_REVIEW)),
    )
    return CaseCounts(**totals)
