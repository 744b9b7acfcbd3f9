"""The case page and its small action pages: risk and escalation, safeguarding referrals, tasks,
restriction, notes. Reading a case is audited; every change goes through a cases service.

A restricted case's address and concerns are hidden until the user gives a reason
(``case_restricted_details``): the reason is audited and the details show on that response only.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cme.audit.events import AuditAction
from cme.audit.services import audit_read
from cme.cases.models import Case, CaseTask
from cme.cases.selectors import case_get_for_user
from cme.cases.services import (
    case_counterparts_abroad_task_create,
    case_note_add,
    case_restrict,
    case_restricted_details_reveal,
    case_risk_update,
    case_task_complete,
    case_unrestrict,
    safeguarding_referral_record,
)
from cme.cases.states import CaseStatus
from cme.casework.forms_detail import (
    CounterpartsTaskForm,
    NoteForm,
    RestrictionForm,
    RevealForm,
    RiskForm,
    SafeguardingReferralForm,
    TaskCompleteForm,
)
from cme.casework.selectors_detail import case_page, case_task_get
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm

# The GOV.UK tag colour of each status on the case page.
STATUS_TAGS: dict[str, str] = {
    CaseStatus.OPEN: "govuk-tag--blue",
    CaseStatus.ENQUIRIES: "govuk-tag--light-blue",
    CaseStatus.LOCATED: "govuk-tag--turquoise",
    CaseStatus.NOT_LOCATED: "govuk-tag--orange",
    CaseStatus.MANAGER_REVIEW: "govuk-tag--purple",
    CaseStatus.CLOSED: "govuk-tag--grey",
}


def _case_or_404(request: HttpRequest, case_id: uuid.UUID) -> Case:
    case = case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _show_error(form: Form, error: ApplicationError) -> None:
    """Put a service's error on the field it names, or above the form (also for the hidden version)."""
    field = form.fields.get(error.field or "")
    form.add_error(error.field if field is not None and not field.widget.is_hidden else None, error.message)


def _case_url(case: Case, anchor: str = "") -> str:
    return reverse("casework:case", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _render_case(
    request: HttpRequest, case: Case, *, revealed: bool = False, note_form: NoteForm | None = None
) -> HttpResponse:
    page = case_page(case, today=timezone.localdate())
    can_work = request.user.has_perm(Perm.WORK_CASES)
    note_form = note_form or NoteForm()
    note_form.helper.form_action = reverse("casework:case_note", args=[case.pk])
    reveal_form = None
    if case.restricted and not revealed:
        reveal_form = RevealForm()
        reveal_form.helper.form_action = reverse("casework:case_restricted_details", args=[case.pk])
    return render(
        request,
        "casework/case/case.html",
        {
            "case": case,
            "child": case.child,
            "page": page,
            "status_tag": STATUS_TAGS.get(case.status, "govuk-tag--grey"),
            "show_restricted": not case.restricted or revealed,
            "revealed": revealed,
            "reveal_form": reveal_form,
            "note_form": note_form if can_work else None,
            "can_work": can_work,
            "closed": case.status == CaseStatus.CLOSED,
            "can_view_access_log": request.user.has_perm(Perm.VIEW_ACCESS_LOG),
        },
    )


@permission_required(Perm.VIEW_CASES)
@never_cache
@require_GET
def case(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    audit_read(actor=request.user, target=case, action=AuditAction.CASE_VIEWED, case_id=str(case.pk))
    return _render_case(request, case)


@permission_required(Perm.VIEW_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def case_restricted_details(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Give a reason to see a restricted case's hidden details; they show in this response only."""
    case = _case_or_404(request, case_id)
    if not case.restricted:
        return redirect(_case_url(case))
    form = RevealForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            case_restricted_details_reveal(case=case, actor=request.user, reason=form.cleaned_data["reason"])
        except ApplicationError as error:
            _show_error(form, error)
        else:
            return _render_case(request, case, revealed=True)
    return _form_page(
        request,
        case,
        form,
        heading="Show restricted details",
        intro="This case is restricted: the child's address and the concerns are hidden. Say why you need to "
        "see them. Your reason is recorded, and the details show once, on the page that follows.",
    )


def _form_page(request: HttpRequest, case: Case, form: Form, *, heading: str, intro: str = "") -> HttpResponse:
    return render(
        request,
        "casework/case/form_page.html",
        {
            "case": case,
            "child": case.child,
            "form": form,
            "page_caption": f"Case {case.reference}: {case.child.forenames} {case.child.surname}",
            "page_heading": heading,
            "page_intro": intro,
        },
    )


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_note(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    form = NoteForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            case_note_add(case=case, actor=request.user, text=form.cleaned_data["text"])
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Note added")
            return redirect(_case_url(case, "timeline"))
    return _form_page(
        request,
        case,
        form,
        heading="Add a note",
        intro="Notes cannot be changed or deleted: to correct one, add another.",
    )


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_risk(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if request.method == "POST":
        form = RiskForm(request.POST, restricted=case.restricted)
        if form.is_valid():
            try:
                case_risk_update(
                    case=case,
                    actor=request.user,
                    risk_factors=form.cleaned_data["risk_factors"],
                    significant_concerns=form.cleaned_data["significant_concerns"],
                    concerns=form.concerns_to_save(),
                    whereabouts_known=form.cleaned_data["whereabouts_known"],
                    expected_version=form.cleaned_data["version"],
                )
            except ApplicationError as error:
                _show_error(form, error)
            else:
                messages.success(request, "Risk saved")
                return redirect(_case_url(case, "risk"))
    else:
        audit_read(actor=request.user, target=case, action=AuditAction.CASE_VIEWED, case_id=str(case.pk))
        form = RiskForm(initial=RiskForm.initial_for(case), version=case.version, restricted=case.restricted)
    return _form_page(request, case, form, heading="Risk and concerns")


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_safeguarding_referral(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    form = SafeguardingReferralForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            safeguarding_referral_record(case=case, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Safeguarding referral recorded")
            return redirect(_case_url(case, "safeguarding"))
    return _form_page(
        request,
        case,
        form,
        heading="Record a safeguarding referral",
        intro="A referral you made about the child to Children's Social Care, MASH or the police, with the "
        "reference they gave you.",
    )


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_restriction(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """Restrict the case, or lift its restriction."""
    case = _case_or_404(request, case_id)
    restricting = not case.restricted
    data = request.POST if request.method == "POST" else None
    form = RestrictionForm(data, restricting=restricting, version=case.version)
    if form.is_valid():
        change = case_restrict if restricting else case_unrestrict
        try:
            change(
                case=case,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Case restricted" if restricting else "Restriction lifted")
            return redirect(_case_url(case))
    if restricting:
        heading = "Restrict this case"
        intro = (
            "A restricted case hides the child's address and the concerns. Anyone who needs to see them must give "
            "a reason, which is recorded."
        )
    else:
        heading = "Lift this case's restriction"
        intro = "The child's address and the concerns will show on the case page again."
    return _form_page(request, case, form, heading=heading, intro=intro)


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_counterparts_task(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    """The child, on a Child in Need or Child Protection plan, has left the UK (policy 6.6)."""
    case = _case_or_404(request, case_id)
    form = CounterpartsTaskForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            task = case_counterparts_abroad_task_create(case=case, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            _show_error(form, error)
        else:
            if task is not None:
                messages.success(request, f"Task set: {task.get_kind_display()}")
                return redirect(_case_url(case, "tasks"))
            form.add_error(
                None,
                "Only a child on a Child in Need or Child Protection plan needs the social worker to contact "
                "counterparts abroad (policy 6.6): record the plan in the case's risk factors first",
            )
    return _form_page(
        request,
        case,
        form,
        heading="The child has left the UK",
        intro="The child is on a Child in Need or Child Protection plan, so their allocated social worker must "
        "contact their counterpart and/or the police in the country they went to (policy 6.6). This sets them "
        "that task on the case.",
    )


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_task(request: HttpRequest, case_id: uuid.UUID, task_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    task = case_task_get(case=case, task_id=task_id)
    if task is None:
        raise Http404
    form: TaskCompleteForm | None = None
    if task.status == CaseTask.Status.OPEN:
        form = TaskCompleteForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                case_task_complete(task=task, actor=request.user, **form.cleaned_data)
            except ApplicationError as error:
                _show_error(form, error)
            else:
                messages.success(request, f"Task done: {task.get_kind_display()}")
                return redirect(_case_url(case, "tasks"))
    if request.method == "GET":
        audit_read(actor=request.user, target=case, action=AuditAction.CASE_VIEWED, case_id=str(case.pk))
    context: dict[str, Any] = {"case": case, "child": case.child, "task": task, "form": form}
    return render(request, "casework/case/task.html", context)
