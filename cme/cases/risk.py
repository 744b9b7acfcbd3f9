"""The risk rules of a case (policy 3.4, 6.6, 6.7), kept apart from the code that writes them so that
services, selectors and pages all apply the same ones.

- The risk level is derived, never typed: high when any of the risk factors the policy value
  ``high_risk_factors`` names (in effect on the day the risk is assessed) applies, or there are
  significant concerns (issue 4), otherwise standard. A stored level stays as it was assessed until the
  case's risk is next changed.
- Significant concerns while the child's whereabouts are unknown call for an immediate referral to
  Children's Social Care or MASH (policy 6.7): the case carries ``immediate_referral_due`` from the
  moment both are true until such a referral is recorded.
- A child on a Child in Need or Child Protection plan who leaves the UK needs the allocated social
  worker to contact counterparts and/or the police abroad (policy 6.6): a ``CaseTask``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Final

from cme.cases.codes import RiskFactor, RiskLevel
from cme.policy.selectors import policy_value

# The plans that make a child who left the UK the allocated social worker's concern (policy 6.6).
PLAN_FACTORS: Final = frozenset({RiskFactor.CHILD_IN_NEED, RiskFactor.CHILD_PROTECTION})

# Referrals that meet policy 6.7 (a referral to the police alone does not).
IMMEDIATE_REFERRAL_TO: Final = frozenset({"mash", "social_care"})


def high_risk_factors(*, on: date | None = None) -> frozenset[str]:
    """The risk factors that make a case high risk on ``on`` (default today): policy 3.4, as the CME
    manager keeps it in the policy values."""
    factors: frozenset[str] = policy_value("high_risk_factors", on=on)
    return factors


def risk_level_for(
    *,
    risk_factors: Iterable[str],
    significant_concerns: bool,
    on: date | None = None,
    high_risk: Iterable[str] | None = None,
) -> RiskLevel:
    """High when there are significant concerns (always) or any factor is one the policy values in
    effect on ``on`` (the day the risk is assessed, default today) make high risk. ``high_risk`` gives
    those factors directly, for callers that already read them."""
    if significant_concerns:
        return RiskLevel.HIGH
    high = frozenset(high_risk) if high_risk is not None else high_risk_factors(on=on)
    if any(factor in high for factor in risk_factors):
        return RiskLevel.HIGH
    return RiskLevel.STANDARD


def needs_immediate_referral(*, significant_concerns: bool, whereabouts_known: bool) -> bool:
    """Policy 6.7: significant concerns persist and the child's whereabouts remain unknown."""
    return significant_concerns and not whereabouts_known


def on_a_plan(risk_factors: Iterable[str]) -> bool:
    """On a Child in Need or Child Protection plan (policy 6.6)."""
    return any(factor in PLAN_FACTORS for factor in risk_factors)


def ordered_risk_factors(risk_factors: Iterable[str]) -> list[RiskFactor]:
    """Known risk factor codes as ``RiskFactor`` members, in the order of the list (unknown codes dropped)."""
    chosen = set(risk_factors)
    return [factor for factor in RiskFactor if factor.value in chosen]
