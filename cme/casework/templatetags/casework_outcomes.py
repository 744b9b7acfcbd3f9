"""The case page's lifecycle slots: the actions the user may take now, and the outcome (or where the
child was found). Each tag reads through ``cme.casework.selectors_outcomes``; the templates only show."""

from __future__ import annotations

from typing import Any

from django import template

from cme.cases.models import Case
from cme.casework.selectors_outcomes import case_actions, case_outcome_rows

register = template.Library()


@register.inclusion_tag("casework/outcomes/_case_actions.html", takes_context=True)
def case_lifecycle_actions(context: template.Context, case: Case) -> dict[str, Any]:
    request = context["request"]
    return {
        "case": case,
        "actions": case_actions(user=request.user, case=case),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("casework/outcomes/_case_outcome.html")
def case_outcome(case: Case) -> dict[str, Any]:
    return {"case": case, "rows": case_outcome_rows(case)}
