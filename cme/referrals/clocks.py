"""When an open CME referral must be triaged, from the policy values: ``triage_working_days`` working
days after it arrived, or for an urgent referral (an immediate safeguarding concern) within
``high_risk_escalation_working_days`` (0: the same working day). docs/clocks-and-policy.md."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from cme.calendars.days import DayKind, SchoolCalendar
from cme.policy.selectors import policy_values
from cme.referrals.models import Referral


def triage_due_on(
    referral: Referral, *, calendar: SchoolCalendar | None = None, values: dict[str, Any] | None = None
) -> date:
    received = timezone.localdate(referral.created_on)
    values = values if values is not None else policy_values(on=received)
    days = values["high_risk_escalation_working_days"] if referral.urgent else values["triage_working_days"]
    due = (calendar or SchoolCalendar([])).add_days(received, days, DayKind.WORKING)
    assert due is not None  # noqa: S101 - triage has no pauses, so always a date
    return due
