"""Deadline arithmetic for legal notices and orders. Every period is a policy value
(``cme.policy.selectors.policy_value``) read on the day that counts, for the order's legal regime.

"Beginning with the day of service" (EA 1996 s.437(2)): the day of service is day 1, so a 15-day
period for a notice served on 1 March runs to the end of 15 March, and the next step may be taken
from 16 March.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from dateutil.relativedelta import relativedelta

from cme.legal.stages import LegalRegime
from cme.policy.selectors import policy_value

# The policy key of each period, by legal regime. Both regimes use the same keys today: the CWSA 2026
# keeps 15 days for both notices. A regime whose period differs gets its own key here.
PERIOD_KEYS: Final[dict[str, dict[str, str]]] = {
    LegalRegime.EA1996: {
        "notice_to_satisfy": "sao_notice_to_satisfy_days",
        "intention": "sao_intention_notice_days",
    },
    LegalRegime.CWSA2026: {
        "notice_to_satisfy": "sao_notice_to_satisfy_days",
        "intention": "sao_intention_notice_days",
    },
}


def current_regime(*, on: date) -> str:
    """The legal regime in force on ``on`` (policy value ``legal_regime``)."""
    return str(policy_value("legal_regime", on=on))


def notice_days(*, period: str, regime: str, on: date) -> int:
    """The days of a notice period (``notice_to_satisfy`` or ``intention``) in force on ``on``."""
    return int(policy_value(PERIOD_KEYS[regime][period], on=on))


def period_end(served_on: date, days: int) -> date:
    """The last day of a period of ``days`` days beginning with the day of service (day 1)."""
    if days < 1:
        raise ValueError("A period has at least one day")
    return served_on + timedelta(days=days - 1)


def first_day_after(served_on: date, days: int) -> date:
    """The first day on which the step that waits for the period may be taken."""
    return period_end(served_on, days) + timedelta(days=1)


def eso_months(*, on: date) -> int:
    return int(policy_value("eso_duration_months", on=on))


def eso_extension_window_months(*, on: date) -> int:
    return int(policy_value("eso_extension_window_months", on=on))


def eso_max_total_years(*, on: date) -> int:
    return int(policy_value("eso_max_total_years", on=on))


def months_end(start: date, months: int) -> date:
    """The last day of a period of ``months`` months starting on ``start`` (start 1 May, 12 months → 30 April)."""
    return start + relativedelta(months=months) - timedelta(days=1)


def eso_end(*, start: date, on: date) -> date:
    """The last day of an ESO that starts on ``start``: normally one year (policy ``eso_duration_months``)."""
    return months_end(start, eso_months(on=on))


def eso_latest_end(*, start: date, on: date) -> date:
    """The last day an ESO starting on ``start`` can run to with extensions (policy ``eso_max_total_years``)."""
    return months_end(start, 12 * eso_max_total_years(on=on))


def eso_extension_window_opens(*, end: date, on: date) -> date:
    """The first day of the last months of an ESO ending on ``end`` (policy ``eso_extension_window_months``):
    an extension may be applied for from this day to ``end``."""
    return end - relativedelta(months=eso_extension_window_months(on=on)) + timedelta(days=1)
