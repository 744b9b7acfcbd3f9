"""Moving a case through its life: start enquiries, located and the school's confirmation, close with
an outcome, not located, send for review, the manager's review and its queue, reopen. Each page
parses its form and calls one service; the rules (and the lifecycle table) are the services'.

Each action is offered on the case page only when the table and the user's permissions allow it
(``selectors_outcomes.case_actions``); a page opened for a case in another status sends the user back
to the case with a message."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cme.audit.events import AuditAction
from cme.audit.services import audit_read, audit_record
from cme.cases.models import Case
from cme.cases.outcomes import OutcomeEvidenceError
from cme.cases.selectors import case_get_for_user
from cme.cases.services import (
    case_close_with_outcome,
    case_confirm_placement,
    case_record_located,
    case_reopen,
    case_return_to_enquiries,
    case_start_enquiries,
)
from cme.cases.states import CaseStatus
from cme.casework import selectors_outcomes as selectors
from cme.casework.forms_outcomes import (
    CloseForm,
    ConfirmationForm,
    LocatedForm,
    OutcomeForm,
    ReasonForm,
    ReviewForm,
    SubmitForReviewForm,
)
from cme.casework.services import (
    EnquiriesOutstandingError,
    case_mark_not_located,
    case_review_decide,
    case_submit_for_review,
)
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm

REVIEW_QUEUE_PER_PAGE = 50


def _case_or_404(request: HttpRequest, case_id: uuid.UUID) -> Case:
    case = case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _case_url(case: Case) -> str:
    return reverse("casework:case", args=[case.pk])


def _not_now(request: HttpRequest, case: Case) -> HttpResponse:
    """The page was opened for a case that is no longer in the status it needs."""
    messages.info(request, f"This case is “{CaseStatus(case.status).label}”, so that cannot be done now")
    return redirect(_case_url(case))


def _show_error(form: Form, error: ApplicationError) -> None:
    """Put a service's errors on the fields they name, or above the form (the version is hidden)."""
    problems = error.problems if isinstance(error, OutcomeEvidenceError) else [(error.field or "", error.message)]
    for field_name, message in problems:
        field = form.fields.get(field_name)
        form.add_error(field_name if field is not None and not field.widget.is_hidden else None, message)


def _page(
    request: HttpRequest,
    case: Case,
    form: Form | None,
    *,
    heading: str,
    intro: str = "",
    rows: list[selectors.SummaryRow] | None = None,
    outstanding: list[str] | None = None,
) -> HttpResponse:
    return render(
        request,
        "casework/outcomes/form.html",
        {
            "case": case,
            "child": case.child,
            "form": form,
            "page_caption": f"Case {case.reference}: {case.child.forenames} {case.child.surname}",
            "page_heading": heading,
            "page_intro": intro,
            "rows": rows or [],
            "outstanding": outstanding or [],
        },
    )


def _handle(
    request: HttpRequest, form: OutcomeForm, save: Callable[[dict[str, Any]], Any], *, done: str, case: Case
) -> HttpResponse | None:
    """Validate ``form`` and call ``save`` with its data; on success redirect to the case with ``done``
    as the message, otherwise return None (the form now holds the errors)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        save(form.cleaned_data)
    except ApplicationError as error:
        _show_error(form, error)
        return None
    messages.success(request, done)
    return redirect(_case_url(case))


# Start enquiries (a button on the case page) -----------------------------------------------------------------


@permission_required(Perm.WORK_CASES)
@require_POST
def start_enquiries(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Reload the case and try again")
        return redirect(_case_url(case))
    try:
        case_start_enquiries(case=case, actor=request.user, expected_version=form.cleaned_data["version"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Enquiries started")
    return redirect(_case_url(case))


# Located and the school's confirmation ------------------------------------------------------------------------


@permission_required(Perm.WORK_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def record_located(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if case.status != CaseStatus.ENQUIRIES:
        return _not_now(request, case)
    form = LocatedForm(request.POST or None, version=case.version)

    def save(data: dict[str, Any]) -> Case:
        return case_record_located(
            case=case,
            actor=request.user,
            outcome=data["outcome"],
            school=data["school"],
            school_name=data["school_name"],
            council=data["council"],
            located_on=data["located_on"],
            expected_start_date=data["expected_start_date"],
            evidence=data["evidence"],
            expected_version=data["version"],
        )

    done = _handle(request, form, save, done="Located recorded: waiting for the school to confirm", case=case)
    return done or _page(
        request,
        case,
        form,
        heading="Record that the child is located",
        intro="The case closes when the school confirms the start date and that the child is attending. "
        "Until then it waits, and a task reminds you to get the school's confirmation.",
    )


@permission_required(Perm.WORK_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def confirm_placement(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if case.status != CaseStatus.LOCATED:
        return _not_now(request, case)
    form = ConfirmationForm(request.POST or None, version=case.version)

    def save(data: dict[str, Any]) -> Case:
        return case_confirm_placement(
            case=case,
            actor=request.user,
            attending=data["attending"],
            start_date=data["start_date"],
            confirmed_on=data["confirmed_on"],
            note=data["note"],
            expected_version=data["version"],
        )

    done = "School's answer saved"
    if request.method == "POST" and request.POST.get("attending") == "no":
        done = "The child is not attending: the case is back to making enquiries"
    elif request.method == "POST":
        done = "Placement confirmed: the case is closed"
    return _handle(request, form, save, done=done, case=case) or _page(
        request,
        case,
        form,
        heading="Record the school's confirmation",
        intro="If the child is attending, the case closes. If not, it goes back to making enquiries and the "
        "child counts as missing education again from today.",
        rows=selectors.case_outcome_rows(case),
    )


# Close with an outcome -------------------------------------------------------------------------------------


@permission_required(Perm.WORK_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if case.status not in (CaseStatus.OPEN, CaseStatus.ENQUIRIES):
        return _not_now(request, case)
    form = CloseForm(
        request.POST or None,
        version=case.version,
        hints=selectors.outcome_hints(),
        ehe_previously_unsuitable=case.ehe_previously_unsuitable,
        school_age_ends=selectors.compulsory_school_age_end(case),
    )

    def save(data: dict[str, Any]) -> Case:
        return case_close_with_outcome(
            case=case,
            actor=request.user,
            outcome=data["outcome"],
            evidence=data["evidence"],
            provider=data["provider"],
            destination=data["destination"],
            ehe_assessed_suitable=data["ehe_assessed_suitable"],
            left_uk_confirmed=data["left_uk_confirmed"],
            expected_version=data["version"],
        )

    return _handle(request, form, save, done="Case closed", case=case) or _page(
        request,
        case,
        form,
        heading="Close the case with an outcome",
        intro="A child found on a school roll is recorded as located instead, and a child who has not been "
        "found goes to the manager's review.",
    )


# Not located and review ---------------------------------------------------------------------------------------


def _outstanding_from(form: Form, error: ApplicationError) -> list[str]:
    if isinstance(error, EnquiriesOutstandingError):
        form.add_error(None, f"The enquiries are not finished: {len(error.outstanding)} still outstanding")
        return error.outstanding
    _show_error(form, error)
    return []


@permission_required(Perm.WORK_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def not_located(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if case.status != CaseStatus.ENQUIRIES:
        return _not_now(request, case)
    form = ReasonForm(
        request.POST or None,
        version=case.version,
        label="What did the enquiries find?",
        help_text="Say why the child cannot be located. The case then goes to the manager's review.",
        button="Record that the child is not located",
    )
    outstanding = selectors.enquiry_state(case).outstanding
    if request.method == "POST" and form.is_valid():
        try:
            case_mark_not_located(
                case=case,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ApplicationError as error:
            outstanding = _outstanding_from(form, error) or outstanding
        else:
            messages.success(request, "Recorded that the child is not located")
            return redirect(_case_url(case))
    return _page(
        request,
        case,
        None if outstanding and not form.errors else form,
        heading="Record that the child is not located",
        intro="Every enquiry must be made and concluded first: answered, or marked not applicable with a reason.",
        outstanding=outstanding,
    )


@permission_required(Perm.WORK_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def submit_for_review(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if case.status != CaseStatus.NOT_LOCATED:
        return _not_now(request, case)
    form = SubmitForReviewForm(request.POST or None, version=case.version)
    outstanding = selectors.enquiry_state(case).outstanding
    if request.method == "POST" and form.is_valid():
        try:
            case_submit_for_review(
                case=case,
                actor=request.user,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except ApplicationError as error:
            outstanding = _outstanding_from(form, error) or outstanding
        else:
            messages.success(request, "Sent for the manager's review")
            return redirect(_case_url(case))
    return _page(
        request,
        case,
        None if outstanding and not form.errors else form,
        heading="Send for manager review",
        intro="The CME manager checks that every action was exhausted, then passes the case to Children's "
        "Social Care or closes it and marks it for the Lost Pupils Database (policy 6.4, 6.5).",
        outstanding=outstanding,
    )


@permission_required(Perm.WORK_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def return_to_enquiries(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if case.status != CaseStatus.NOT_LOCATED:
        return _not_now(request, case)
    form = ReasonForm(
        request.POST or None,
        version=case.version,
        label="Why does the case need more enquiries?",
        help_text="For example, new information about where the family may be",
        button="Return to enquiries",
    )

    def save(data: dict[str, Any]) -> Case:
        return case_return_to_enquiries(
            case=case, actor=request.user, reason=data["reason"], expected_version=data["version"]
        )

    return _handle(request, form, save, done="The case is back to making enquiries", case=case) or _page(
        request, case, form, heading="Return the case to enquiries"
    )


@permission_required(Perm.REVIEW_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if case.status != CaseStatus.MANAGER_REVIEW:
        return _not_now(request, case)
    form = ReviewForm(request.POST or None, version=case.version)
    outstanding: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_review_decide(
                case=case,
                actor=request.user,
                decision=data["decision"],
                all_exhausted_confirmed=data["all_exhausted_confirmed"],
                social_care_reference=data["social_care_reference"],
                reason=data["reason"],
                expected_version=data["version"],
            )
        except ApplicationError as error:
            outstanding = _outstanding_from(form, error)
        else:
            messages.success(request, "Review decision recorded")
            return redirect(_case_url(case))
    audit_read(actor=request.user, target=case, action=AuditAction.CASE_VIEWED, case_id=str(case.pk))
    state = selectors.enquiry_state(case, today=timezone.localdate())
    return render(
        request,
        "casework/outcomes/review.html",
        {
            "case": case,
            "child": case.child,
            "form": form,
            "state": state,
            "outstanding": outstanding or state.outstanding,
            "not_located": selectors.latest_change_to(case, CaseStatus.NOT_LOCATED),
            "sent_for_review": selectors.latest_change_to(case, CaseStatus.MANAGER_REVIEW),
        },
    )


@permission_required(Perm.REVIEW_CASES)
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.cases_awaiting_review(user=request.user), REVIEW_QUEUE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    audit_record(actor=request.user, action=AuditAction.REVIEW_QUEUE_VIEWED, data={"page": page.number})
    return render(request, "casework/outcomes/review_queue.html", {"page": page})


# Reopen ---------------------------------------------------------------------------------------------------


@permission_required(Perm.REOPEN_CASES)
@never_cache
@require_http_methods(["GET", "POST"])
def reopen(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    if case.status != CaseStatus.CLOSED:
        return _not_now(request, case)
    form = ReasonForm(
        request.POST or None,
        version=case.version,
        label="Why are you reopening the case?",
        help_text="The outcome is cleared from the case; its history keeps it.",
        button="Reopen the case",
    )

    def save(data: dict[str, Any]) -> Case:
        return case_reopen(case=case, actor=request.user, reason=data["reason"], expected_version=data["version"])

    return _handle(request, form, save, done="Case reopened: making enquiries", case=case) or _page(
        request, case, form, heading="Reopen the case", rows=selectors.case_outcome_rows(case)
    )
