"""``{% case_matches case %}``: "possibly located" suggestions and merges for the case page."""

from __future__ import annotations

from typing import Any

from django import template

from cme.core.permissions import Perm
from cme.matching.adapters import record_from_inbound_enquiry
from cme.matching.models import MatchableRecord, MatchSuggestion
from cme.matching.selectors import matching_find_open, matching_suggestions_for_case

register = template.Library()


@register.inclusion_tag("matching/_case_panel.html", takes_context=True)
def case_matches(context: template.Context, case: Any) -> dict[str, Any]:
    user = context.get("user")
    if user is None or not user.has_perm(Perm.REVIEW_MATCHES):
        return {"show": False}
    suggestions = matching_suggestions_for_case(case)
    pending = [s for s in suggestions if s.status == MatchSuggestion.Status.PENDING]
    return {
        "show": bool(suggestions),
        "case": case,
        "located": [s for s in pending if s.subject.source == MatchableRecord.Source.ROLL_PUPIL],
        "same_child": [s for s in pending if s.subject.source == MatchableRecord.Source.CHILD],
        "merges": [s for s in suggestions if s.merge_id is not None],  # type: ignore[attr-defined]
    }


@register.inclusion_tag("matching/_inbound_panel.html", takes_context=True)
def inbound_matches(context: template.Context, inbound: Any) -> dict[str, Any]:
    """Children we know (open cases, open referrals, pupils on roll returns) who may be the child another
    council asks about, each with why."""
    user = context.get("user")
    if user is None or not user.has_perm(Perm.REVIEW_MATCHES):
        return {"show": False}
    found = matching_find_open(record=record_from_inbound_enquiry(inbound), include_roll_pupils=True)
    return {"show": True, "found": found}
