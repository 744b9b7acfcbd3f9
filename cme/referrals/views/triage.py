"""Triage pages: the queue, a referral with the CME officer's decision, and the receiving teams'
"dealt with". Reading a referral, or a page of the queue, is recorded in the audit trail."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cme.audit.events import AuditAction
from cme.audit.services import audit_read, audit_record
from cme.cases.selectors import child_school_age
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.referrals.codes import RiskFactor
from cme.referrals.forms.triage import DealtWithForm, QueueFilterForm, TriageDecisionForm
from cme.referrals.models import DeletionReturn, Referral
from cme.referrals.selectors import (
    PossibleDuplicate,
    possible_duplicate_target,
    referral_get_for_user,
    referral_possible_duplicates,
    referral_queue_filtered,
)
from cme.referrals.services import TriageDecision, referral_decide, referral_mark_dealt_with

REFERRALS_PER_PAGE = 50
Decision = Referral.Decision
Team = Referral.Team

_RESULT_MESSAGES: dict[str, str] = {
    Decision.ON_ROLL: "Referral {reference} sent to the attendance duty team",
    Decision.EHE: "Referral {reference} sent to the elective home education team",
    Decision.ALTERNATIVE_PROVISION: "Referral {reference} closed: the child is in alternative provision",
    Decision.NOT_CSA: "Referral {reference} closed: the child is not of compulsory school age",
    Decision.OTHER_COUNCIL: "Referral {reference} closed: forwarded to {forwarded_to}",
    Decision.DUPLICATE: "Referral {reference} closed as a duplicate",
}


@permission_required(Perm.VIEW_REFERRALS)
@require_GET
def referral_queue(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    data.setdefault("status", Referral.Status.OPEN)
    form = QueueFilterForm(data)
    filters = form.filters()
    paginator = Paginator(referral_queue_filtered(user=request.user, **filters), REFERRALS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    # A page of the queue shows children's names: record that it was seen, and which page.
    audit_record(
        actor=request.user,
        action=AuditAction.REFERRAL_QUEUE_VIEWED,
        data={
            "status": filters["status"],
            "urgent_only": filters["urgent_only"],
            "channel": filters["channel"],
            "page": page.number,
            "shown": len(page.object_list),
        },
    )
    return render(
        request,
        "referrals/triage/queue.html",
        {
            "form": form,
            "filters": filters,
            "page_obj": page,
            "page_range": list(paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)),
            "filtered": filters["urgent_only"] or bool(filters["channel"]) or filters["status"] != Referral.Status.OPEN,
        },
    )


@permission_required(Perm.VIEW_REFERRALS)
@require_GET
def referral_detail(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    referral = _referral_or_404(request, referral_id)
    return _render_referral(request, referral)


@permission_required(Perm.TRIAGE_REFERRALS)
@require_POST
def referral_decide_view(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    referral = _referral_or_404(request, referral_id)
    duplicates = referral_possible_duplicates(referral)
    form = TriageDecisionForm(request.POST, duplicates=duplicates)
    if form.is_valid():
        duplicate_of_referral, duplicate_of_case = _duplicate_target(form.chosen_duplicate())
        try:
            decided = referral_decide(
                referral=referral,
                actor=request.user,
                decision=TriageDecision(
                    decision=form.cleaned_data["decision"],
                    reason=form.cleaned_data["reason"],
                    ehe_previously_unsuitable=form.cleaned_data["ehe_previously_unsuitable"],
                    forwarded_to=form.cleaned_data["forwarded_to"],
                    forwarded_on=form.forwarded_on_date,
                    duplicate_of_referral=duplicate_of_referral,
                    duplicate_of_case=duplicate_of_case,
                ),
            )
        except ApplicationError as error:
            if not _can_decide(request, referral):
                messages.error(request, error.message)
                return redirect("referrals:detail", referral_id=referral.pk)
            _show_error(form, error)
        else:
            if decided.decision == Decision.CME and decided.case is not None:
                messages.success(request, f"Case {decided.case.reference} opened from referral {decided.reference}")
                return redirect("casework:case", case_id=decided.case.pk)
            messages.success(
                request,
                _RESULT_MESSAGES[decided.decision].format(
                    reference=decided.reference, forwarded_to=decided.forwarded_to
                ),
            )
            return redirect("referrals:detail", referral_id=decided.pk)
    return _render_referral(request, referral, decision_form=form, duplicates=duplicates)


@permission_required(Perm.DEAL_WITH_REFERRALS)
@require_POST
def referral_dealt_with(request: HttpRequest, referral_id: uuid.UUID) -> HttpResponse:
    referral = _referral_or_404(request, referral_id)
    form = DealtWithForm(request.POST)
    if form.is_valid():
        try:
            referral = referral_mark_dealt_with(referral=referral, actor=request.user, note=form.cleaned_data["note"])
        except ApplicationError as error:
            if not _can_mark_dealt_with(request, referral):
                messages.error(request, error.message)
                return redirect("referrals:detail", referral_id=referral.pk)
            _show_error(form, error)
        else:
            messages.success(request, f"Referral {referral.reference} marked as dealt with")
            return redirect("referrals:detail", referral_id=referral.pk)
    return _render_referral(request, referral, dealt_with_form=form)


def _referral_or_404(request: HttpRequest, referral_id: uuid.UUID) -> Referral:
    referral = referral_get_for_user(user=request.user, referral_id=referral_id)
    if referral is None:
        raise Http404
    return referral


def _can_decide(request: HttpRequest, referral: Referral) -> bool:
    referral.refresh_from_db(fields=["status", "team"])
    return (
        request.user.has_perm(Perm.TRIAGE_REFERRALS)
        and referral.status == Referral.Status.OPEN
        and referral.team == Team.CME
    )


def _can_mark_dealt_with(request: HttpRequest, referral: Referral) -> bool:
    referral.refresh_from_db(fields=["status", "team"])
    return (
        request.user.has_perm(Perm.DEAL_WITH_REFERRALS)
        and referral.status == Referral.Status.OPEN
        and referral.team in (Team.ATTENDANCE, Team.EHE)
    )


def _duplicate_target(duplicate: PossibleDuplicate | None) -> tuple[Any, Any]:
    if duplicate is None:
        return None, None
    return possible_duplicate_target(duplicate)


def _show_error(form: Any, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _render_referral(
    request: HttpRequest,
    referral: Referral,
    *,
    decision_form: TriageDecisionForm | None = None,
    dealt_with_form: DealtWithForm | None = None,
    duplicates: list[PossibleDuplicate] | None = None,
) -> HttpResponse:
    audit_read(actor=request.user, target=referral, action=AuditAction.REFERRAL_VIEWED)
    if duplicates is None:
        duplicates = referral_possible_duplicates(referral)
    can_decide = _can_decide(request, referral)
    can_mark_dealt_with = _can_mark_dealt_with(request, referral)
    if can_decide and decision_form is None:
        decision_form = TriageDecisionForm(duplicates=duplicates)
    if can_mark_dealt_with and dealt_with_form is None:
        dealt_with_form = DealtWithForm()
    try:
        deletion: DeletionReturn | None = referral.deletion_return
    except ObjectDoesNotExist:
        deletion = None
    return render(
        request,
        "referrals/triage/referral_detail.html",
        {
            "referral": referral,
            "school_age": child_school_age(date_of_birth=referral.date_of_birth, on=timezone.localdate()),
            "risk_factors": [RiskFactor(value).label for value in referral.risk_factors if value in RiskFactor.values],
            "people": list(referral.people.all()),
            "attempts": list(referral.contact_attempts.all()),
            "deletion": deletion,
            "duplicates": duplicates,
            "decision_form": decision_form if can_decide else None,
            "dealt_with_form": dealt_with_form if can_mark_dealt_with else None,
            "form": (decision_form if can_decide else None) or (dealt_with_form if can_mark_dealt_with else None),
            "can_view_access_log": request.user.has_perm(Perm.VIEW_ACCESS_LOG),
            # The case's restriction covers the addresses its referral gave: they are read on the
            # case page, after giving a reason there.
            "addresses_hidden": referral.case is not None and referral.case.restricted,
        },
    )
