"""``{% case_clocks case %}``: the case page's "Due dates" section: each running clock's due date and
how it was worked out (cme/cases/clocks.py), pauses, periodic reviews, and for a CME officer the links
to pause, restart and review. Load with ``{% load case_clocks %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from cme.calendars.due import STATE_LABELS, due_state
from cme.cases.clocks import ClockData
from cme.cases.clocks import case_clocks as clocks_of
from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.core.permissions import Perm

register = template.Library()

_TAGS = {
    "overdue": "govuk-tag--red",
    "due_today": "govuk-tag--orange",
    "at_risk": "govuk-tag--yellow",
    "later": "govuk-tag--grey",
}


@register.inclusion_tag("casework/case/_clocks.html", takes_context=True)
def case_clocks(context: template.Context, case: Case) -> dict[str, Any]:
    today = timezone.localdate()
    data = ClockData([case])
    at_risk = data.values_on(today)["at_risk_working_days"]
    rows = []
    for clock in clocks_of(case, data):
        state = due_state(clock.due, on=today, at_risk_working_days=at_risk) if clock.due else None
        rows.append(
            {
                "clock": clock,
                "state_label": STATE_LABELS[state] if state else "Paused",
                "tag": _TAGS[state] if state else "govuk-tag--blue",
            }
        )
    pauses = data.pauses.get(case.pk, [])
    return {
        "case": case,
        "rows": rows,
        "pauses": pauses,
        "open_pauses": [pause for pause in pauses if pause.resumed_on is None],
        "reviews": data.review_rows.get(case.pk, [])[:3],
        "can_work": context["request"].user.has_perm(Perm.WORK_CASES) and case.status != CaseStatus.CLOSED,
    }
