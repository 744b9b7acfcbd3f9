"""``{% allocation_actions case %}``: on a case page, the button to take the case (a CME officer of
its area, while nobody holds it) or the link to allocate it (the CME manager). Shows nothing to
anyone else. Load with ``{% load casework_lists %}``."""

from __future__ import annotations

from typing import Any

from django import template

from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.casework.selectors import may_claim
from cme.core.permissions import Perm

register = template.Library()


@register.inclusion_tag("casework/lists/_allocation_actions.html", takes_context=True)
def allocation_actions(context: template.Context, case: Case) -> dict[str, Any]:
    user = context["request"].user
    return {
        "case": case,
        "may_claim": may_claim(user=user, case=case),
        "may_allocate": user.has_perm(Perm.ALLOCATE_CASES) and case.status != CaseStatus.CLOSED,
        "csrf_token": context.get("csrf_token"),
    }
