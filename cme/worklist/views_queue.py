"""The work queue: every deadline that is overdue, due today or at risk (cme.worklist.selectors.due_items).

- A CME officer sees their area's (and those with no area yet), or with "only mine" those of cases
  allocated to them.
- The CME manager sees both areas, with counts by area, and may narrow to one area or one officer.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cme.accounts.models import User
from cme.accounts.roles import Role
from cme.areas.models import Area
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.calendars.due import STATE_LABELS, DueItem
from cme.core.access import permission_required
from cme.core.permissions import Perm
from cme.worklist.selectors import due_counts_by_area, due_items, policy_review_reminder

SHOWN_STATES = ("overdue", "due_today", "at_risk")

STATE_TAGS = {"overdue": "govuk-tag--red", "due_today": "govuk-tag--orange", "at_risk": "govuk-tag--yellow"}


class QueueFilterForm(forms.Form):
    area = forms.ChoiceField(label="Area", required=False)
    officer = forms.ChoiceField(label="Officer", required=False)
    state = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Overdue, due today and at risk")] + [(s, STATE_LABELS[s]) for s in SHOWN_STATES],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = cast(forms.ChoiceField, self.fields["area"])
        officer = cast(forms.ChoiceField, self.fields["officer"])
        area.choices = [("", "All areas")] + [(a.pk, a.name) for a in Area.objects.order_by("name")]
        if user.role != Role.CME_MANAGER:
            del self.fields["area"]
            officer.choices = [("", "Everyone in your area"), ("mine", "Only cases allocated to me")]
        else:
            officers = User.objects.filter(role=Role.CME_OFFICER, is_active=True).order_by("full_name")
            officer.choices = [("", "Everyone")] + [(str(o.pk), o.full_name) for o in officers]


def _scope(user: Any, data: dict[str, Any]) -> tuple[str | None, Any]:
    """The area code and officer the queue is narrowed to."""
    if user.role == Role.CME_MANAGER:
        return data.get("area") or None, data.get("officer") or None
    return user.area_id, (user.pk if data.get("officer") == "mine" else None)


@permission_required(Perm.VIEW_CASES)
@require_GET
def work_queue(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    today = timezone.localdate()
    form = QueueFilterForm(request.GET or None, user=user)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    area, officer = _scope(user, data)
    items = [item for item in due_items(on=today, area=area, officer=officer) if item.state in SHOWN_STATES]
    state = data.get("state") or ""
    counts = due_counts_by_area(items)
    shown = [item for item in items if not state or item.state == state]
    sections: list[tuple[str, str, str, list[DueItem]]] = [
        (s, STATE_LABELS[s], STATE_TAGS[s], [item for item in shown if item.state == s]) for s in SHOWN_STATES
    ]
    if shown:
        audit_record(
            actor=user,
            action=AuditAction.WORK_QUEUE_VIEWED,
            data={"shown": len(shown), "area": area, "officer": str(officer) if officer else None},
        )
    return render(
        request,
        "worklist/work_queue.html",
        {
            "form": form,
            "sections": [section for section in sections if section[3]],
            "counts": counts,
            "total": len(shown),
            "is_manager": user.role == Role.CME_MANAGER,
            "review": policy_review_reminder(on=today) if user.has_perm(Perm.MANAGE_POLICY) else None,
        },
    )
