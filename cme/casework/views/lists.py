"""Finding and allocating cases: the case list (search and filters), a CME officer taking an
unallocated case, the manager allocating one, and the manager's workload view.

A page of the case list shows children's names, so each view of it is recorded in the audit trail
once, with the filters used (never the name or date of birth searched for, nor the results)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cme.audit.events import AuditAction
from cme.audit.services import audit_read, audit_record
from cme.cases.models import Case
from cme.cases.selectors import case_get_for_user
from cme.cases.services import case_allocate, case_claim
from cme.cases.states import CaseStatus
from cme.casework.forms_lists import AllocateForm, CaseListForm
from cme.casework.selectors import (
    allocatable_officers,
    case_list_for,
    may_claim,
    officer_workloads,
    unallocated_workloads,
)
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm

CASES_PER_PAGE = 50

# The GOV.UK tag colour of each status in lists.
STATUS_TAGS: dict[str, str] = {
    CaseStatus.OPEN: "govuk-tag--blue",
    CaseStatus.ENQUIRIES: "govuk-tag--light-blue",
    CaseStatus.LOCATED: "govuk-tag--turquoise",
    CaseStatus.NOT_LOCATED: "govuk-tag--orange",
    CaseStatus.MANAGER_REVIEW: "govuk-tag--purple",
    CaseStatus.CLOSED: "govuk-tag--grey",
}


@dataclass(frozen=True)
class CaseRow:
    """One row of the case list: the case, and what the user may do with it from the list."""

    case: Case
    status_tag: str
    may_claim: bool
    may_allocate: bool


@permission_required(Perm.VIEW_CASES)
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseListForm(request.GET)
    page = None
    rows: list[CaseRow] = []
    filters = None
    if form.is_valid():
        filters = form.filters()
        paginator = Paginator(
            case_list_for(user=request.user, filters=filters, today=timezone.localdate()), CASES_PER_PAGE
        )
        page = paginator.get_page(request.GET.get("page"))
        may_allocate = request.user.has_perm(Perm.ALLOCATE_CASES)
        rows = [
            CaseRow(
                case=case,
                status_tag=STATUS_TAGS.get(case.status, "govuk-tag--grey"),
                may_claim=may_claim(user=request.user, case=case),
                may_allocate=may_allocate and case.status != CaseStatus.CLOSED,
            )
            for case in page.object_list
        ]
        audit_record(
            actor=request.user,
            action=AuditAction.CASE_LIST_VIEWED,
            data={**filters.for_audit(), "page": page.number, "shown": len(rows)},
        )
    return render(
        request,
        "casework/lists/case_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": (
                list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)) if page else []
            ),
            "rows": rows,
            "filtered": filters is None or not filters.is_default,
            "show_actions": any(row.may_claim or row.may_allocate for row in rows),
            "may_view_workload": request.user.has_perm(Perm.ALLOCATE_CASES),
        },
    )


def _case_or_404(request: HttpRequest, case_id: uuid.UUID) -> Case:
    case = case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


@permission_required(Perm.WORK_CASES)
@require_POST
def claim(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    try:
        case = case_claim(case=case, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"You now have case {case.reference}")
    return redirect("casework:case", case_id=case.pk)


@permission_required(Perm.ALLOCATE_CASES)
@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    officers = allocatable_officers(case=case)
    form = AllocateForm(request.POST or None, case=case, officers=officers)
    if request.method == "POST" and form.is_valid():
        officer = form.cleaned_data["officer"]
        try:
            allocated = case_allocate(
                case=case, officer=officer, actor=request.user, expected_version=form.cleaned_data["version"]
            )
        except ApplicationError as error:
            # Show the case as it is now, with the officer chosen and the case's current version, and say
            # why nothing was saved: pressing the button again is then a decision made knowing the change.
            case = _case_or_404(request, case_id)
            officers = allocatable_officers(case=case)
            form = AllocateForm(
                {"officer": request.POST.get("officer", ""), "version": case.version}, case=case, officers=officers
            )
            form.is_valid()
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Case {allocated.reference} allocated to {officer}")
            return redirect("casework:case", case_id=allocated.pk)
    # The page names the child: a read of the case.
    audit_read(actor=request.user, target=case, action=AuditAction.CASE_VIEWED, case_id=str(case.pk))
    return render(request, "casework/lists/allocate.html", {"form": form, "case": case, "child": case.child})


@permission_required(Perm.ALLOCATE_CASES)
@require_GET
def workload(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context: dict[str, Any] = {
        "officers": officer_workloads(today=today),
        "unallocated": unallocated_workloads(today=today),
        "today": today,
    }
    return render(request, "casework/lists/workload.html", context)
