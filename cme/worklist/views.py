"""The home page: each user's starting point.

- CME officers and the manager: open CME referrals awaiting triage, urgent first.
- Attendance duty and EHE officers: open referrals sent to their team.
- Schools, partner agencies and admissions: their referral forms and how their referrals stand.
- Everyone else: the start page, with the sections they may use.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.core.access import any_signed_in_user
from cme.core.permissions import Perm
from cme.worklist import selectors

_REFERRER_PERMISSIONS = (
    Perm.SUBMIT_SCHOOL_REFERRAL,
    Perm.SUBMIT_PARTNER_REFERRAL,
    Perm.SUBMIT_ADMISSIONS_REFERRAL,
    Perm.FOLLOW_OWN_REFERRALS,
)


@any_signed_in_user
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.has_perm(Perm.TRIAGE_REFERRALS) or user.has_perm(Perm.DEAL_WITH_REFERRALS):
        return _work_list(request)
    if any(user.has_perm(permission) for permission in _REFERRER_PERMISSIONS):
        return _referrer_home(request)
    return render(request, "worklist/start.html")


def _work_list(request: HttpRequest) -> HttpResponse:
    referrals = selectors.waiting_referrals(user=request.user)
    if request.user.has_perm(Perm.TRIAGE_REFERRALS):
        selectors.mark_triage_due(referrals, on=timezone.localdate())
    counts = selectors.open_referral_counts(user=request.user)
    if referrals:
        # The list shows children's names: record that it was seen.
        audit_record(
            actor=request.user,
            action=AuditAction.WORK_LIST_VIEWED,
            data={"shown": len(referrals), "open": counts.open},
        )
    return render(
        request,
        "worklist/work_list.html",
        {
            "referrals": referrals,
            "counts": counts,
            "more": counts.open - len(referrals),
            "triages": request.user.has_perm(Perm.TRIAGE_REFERRALS),
            "cases": selectors.case_counts(user=request.user) if request.user.has_perm(Perm.VIEW_CASES) else None,
            "reviews": request.user.has_perm(Perm.REVIEW_CASES),
            "deadlines": selectors.deadline_counts(user=request.user, on=timezone.localdate())
            if request.user.has_perm(Perm.VIEW_CASES)
            else None,
            "policy_review": selectors.policy_review_reminder(on=timezone.localdate())
            if request.user.has_perm(Perm.MANAGE_POLICY)
            else None,
        },
    )


def _referrer_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "worklist/referrer_home.html",
        {
            "statuses": selectors.referrer_status_counts(user=user) if user.has_perm(Perm.FOLLOW_OWN_REFERRALS) else [],
            "open_tasks": selectors.open_school_task_count(user=user)
            if user.has_perm(Perm.COMPLETE_SCHOOL_TASKS)
            else 0,
        },
    )
