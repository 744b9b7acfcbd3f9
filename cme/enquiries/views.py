"""Enquiry pages: a case's checklist, one enquiry with its forms and history, and other councils'
requests to locate a child. Reading a case's enquiries is a read of the child's record (audited)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cme.audit.events import AuditAction
from cme.audit.services import audit_read, audit_record
from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.enquiries import selectors, services
from cme.enquiries.forms import (
    AnswerForm,
    ChaseForm,
    CouncilForm,
    EnquiryForm,
    InboundAnswerForm,
    InboundEnquiryForm,
    NotApplicableForm,
    RecordForm,
)
from cme.enquiries.models import Check, Enquiry, InboundEnquiry
from cme.enquiries.selectors import EnquiryStatus
from cme.organisations.models import Organisation

INBOUND_PER_PAGE = 50


def _case_or_404(request: HttpRequest, case_id: uuid.UUID) -> Case:
    case = selectors.case_for_enquiries(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _show_error(form: Form, error: ApplicationError) -> None:
    """Put a service's error on the field it names, or above the form (also for the hidden version)."""
    field = form.fields.get(error.field or "")
    form.add_error(error.field if field is not None and not field.widget.is_hidden else None, error.message)


@permission_required(Perm.VIEW_CASES)
@require_GET
def checklist(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    audit_read(actor=request.user, target=case, action=AuditAction.ENQUIRIES_VIEWED, case_id=str(case.pk))
    items = selectors.enquiry_checklist_for(case, today=timezone.localdate())
    exhausted, missing = selectors.checklist_exhausted(items)
    return render(
        request,
        "enquiries/checklist.html",
        {
            "case": case,
            "child": case.child,
            "items": items,
            "exhausted": exhausted,
            "missing": missing,
            "overdue": selectors.checklist_overdue_count(items),
        },
    )


@dataclass
class _Section:
    heading: str
    form: EnquiryForm


@dataclass(frozen=True)
class _Target:
    """What an enquiry page is about: a standard check, or the cross-border enquiry to one council."""

    case: Case
    check: Check
    enquiry: Enquiry | None
    status: EnquiryStatus
    other_council: Organisation | None = None

    @property
    def version(self) -> int:
        return self.enquiry.version if self.enquiry is not None else 0


_FORMS: dict[str, type[EnquiryForm]] = {
    form.action: form for form in (RecordForm, ChaseForm, AnswerForm, NotApplicableForm, CouncilForm)
}


def _sections_for(target: _Target, *, councils: Any) -> list[_Section]:
    """The forms that fit where the enquiry stands."""
    status, version = target.status, target.version
    sections: list[_Section] = []
    if status in (EnquiryStatus.WAITING, EnquiryStatus.OVERDUE):
        sections += [
            _Section("Record the answer", AnswerForm(version=version)),
            _Section("Record a chase", ChaseForm(version=version)),
            _Section("Not applicable after all", NotApplicableForm(version=version)),
        ]
    elif status == EnquiryStatus.NOT_STARTED:
        sections += [
            _Section("Record the enquiry", RecordForm(version=version)),
            _Section("Not applicable", NotApplicableForm(version=version)),
        ]
    else:
        sections.append(_Section("Ask again", RecordForm(version=version)))
    if councils is not None and councils.exists():
        sections.append(_Section("Ask another council", CouncilForm(version=0, councils=councils)))
    return sections


def _bound_form(request: HttpRequest, *, councils: Any) -> EnquiryForm | None:
    for action, form_class in _FORMS.items():
        if f"{action}-version" in request.POST:
            if form_class is CouncilForm:
                if councils is None:
                    return None
                return CouncilForm(request.POST, councils=councils)
            return form_class(request.POST)
    return None


def _save(form: EnquiryForm, target: _Target, actor: Any) -> Enquiry:
    data = form.cleaned_data
    version = data["version"]
    if isinstance(form, RecordForm):
        return services.enquiry_record(
            case=target.case,
            check=target.check,
            other_council=target.other_council,
            actor=actor,
            asked_whom=data["asked_whom"],
            asked_on=data["asked_on"],
            method=data["method"],
            due_on=data["due_on"],
            expected_version=version,
        )
    if isinstance(form, CouncilForm):
        return services.enquiry_record(
            case=target.case,
            check=Check.CROSS_BORDER,
            other_council=data["other_council"],
            actor=actor,
            asked_whom=data["asked_whom"],
            asked_on=data["asked_on"],
            method=data["method"],
            due_on=data["due_on"],
            expected_version=0,
        )
    if isinstance(form, NotApplicableForm):
        return services.enquiry_not_applicable(
            case=target.case,
            check=target.check,
            other_council=target.other_council,
            actor=actor,
            reason=data["reason"],
            expected_version=version,
        )
    if target.enquiry is None:
        raise ApplicationError(services.STALE_EDIT, field="version")
    if isinstance(form, ChaseForm):
        return services.enquiry_chase(
            enquiry=target.enquiry,
            actor=actor,
            chased_on=data["chased_on"],
            method=data["method"],
            note=data["note"],
            due_on=data["due_on"],
            expected_version=version,
        )
    assert isinstance(form, AnswerForm)  # noqa: S101 - _FORMS holds exactly these five
    return services.enquiry_answer(
        enquiry=target.enquiry,
        actor=actor,
        outcome=data["outcome"],
        answer=data["answer"],
        answered_on=data["answered_on"],
        expected_version=version,
    )


def _enquiry_page(
    request: HttpRequest,
    target: _Target,
    *,
    heading: str,
    councils_asked: list[selectors.CouncilEnquiry] | None = None,
) -> HttpResponse:
    case = target.case
    is_cross_border_check = target.check == Check.CROSS_BORDER and target.other_council is None
    councils = selectors.councils_not_yet_asked(case) if is_cross_border_check else None
    can_change = request.user.has_perm(Perm.WORK_CASES) and case.status != CaseStatus.CLOSED
    bound: EnquiryForm | None = None
    if request.method == "POST":
        if not request.user.has_perm(Perm.WORK_CASES):
            raise PermissionDenied
        bound = _bound_form(request, councils=councils)
        if bound is None:
            return HttpResponse("That form is not on this page.", status=400, content_type="text/plain")
        if bound.is_valid():
            try:
                saved = _save(bound, target, request.user)
            except ApplicationError as error:
                _show_error(bound, error)
            else:
                messages.success(request, _saved_message(bound, saved))
                return redirect(reverse("enquiries:checklist", args=[case.pk]))
    else:
        audit_read(actor=request.user, target=case, action=AuditAction.ENQUIRIES_VIEWED, case_id=str(case.pk))
    sections = _sections_for(target, councils=councils) if can_change else []
    if bound is not None:
        sections = [
            _Section(section.heading, bound) if type(section.form) is type(bound) else section for section in sections
        ]
        if not any(section.form is bound for section in sections):
            sections.insert(0, _Section("Your change", bound))
    return render(
        request,
        "enquiries/enquiry.html",
        {
            "case": case,
            "child": case.child,
            "heading": heading,
            "target": target,
            "enquiry": target.enquiry,
            "status": target.status,
            "steps": selectors.enquiry_steps(target.enquiry),
            "sections": sections,
            "error_form": bound if bound is not None and bound.errors else None,
            "councils_asked": councils_asked,
            "closed": case.status == CaseStatus.CLOSED,
        },
        status=200,
    )


def _saved_message(form: EnquiryForm, enquiry: Enquiry) -> str:
    name = f"The enquiry to {enquiry.other_council}" if enquiry.other_council_id else enquiry.get_check_type_display()
    done = {
        "record": "enquiry recorded",
        "council": "enquiry recorded",
        "chase": "chase recorded",
        "answer": "answer recorded",
        "not_applicable": "marked not applicable",
    }[form.action]
    return f"{name}: {done}"


@permission_required(Perm.VIEW_CASES)
@require_http_methods(["GET", "POST"])
def enquiry(request: HttpRequest, case_id: uuid.UUID, check: str) -> HttpResponse:
    case = _case_or_404(request, case_id)
    item = selectors.checklist_item_for(case, check=check)
    if item is None:
        raise Http404
    target = _Target(case=case, check=item.check, enquiry=item.enquiry, status=item.own_status)
    councils_asked = item.councils if item.check == Check.CROSS_BORDER else None
    return _enquiry_page(request, target, heading=item.label, councils_asked=councils_asked)


@permission_required(Perm.VIEW_CASES)
@require_http_methods(["GET", "POST"])
def council_enquiry(request: HttpRequest, case_id: uuid.UUID, enquiry_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    row = selectors.council_enquiry_get(case=case, enquiry_id=enquiry_id)
    if row is None:
        raise Http404
    target = _Target(
        case=case,
        check=Check.CROSS_BORDER,
        enquiry=row,
        status=selectors.enquiry_status(row, today=timezone.localdate()),
        other_council=row.other_council,
    )
    return _enquiry_page(request, target, heading=f"Cross-border enquiry to {row.other_council}")


# Other councils' requests --------------------------------------------------------------------------

_INBOUND_TABS = [("open", "Open"), ("answered", "Answered"), ("all", "All")]


@permission_required(Perm.WORK_CASES)
@require_GET
def inbound_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    if status not in dict(_INBOUND_TABS):
        status = "open"
    page = Paginator(
        selectors.inbound_enquiry_list(status="" if status == "all" else status), INBOUND_PER_PAGE
    ).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action=AuditAction.INBOUND_ENQUIRY_LIST_VIEWED,
        data={"status": status, "page": page.number, "ids": [str(row.pk) for row in page.object_list]},
    )
    return render(
        request,
        "enquiries/inbound_list.html",
        {"page": page, "status": status, "tabs": _INBOUND_TABS, "today": timezone.localdate()},
    )


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def inbound_new(request: HttpRequest) -> HttpResponse:
    form = InboundEnquiryForm(request.POST if request.method == "POST" else None, councils=selectors.other_councils())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inbound = services.inbound_enquiry_receive(actor=request.user, **data)
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, f"Request {inbound.reference} from {inbound.council} recorded")
            return redirect("enquiries:inbound_detail", inbound_id=inbound.pk)
    return render(
        request,
        "enquiries/inbound_new.html",
        {
            "form": form,
            "page_heading": "Record a request from another council",
            "page_intro": "Another council has asked whether we know where one of their children is (policy 2.2).",
        },
    )


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def inbound_detail(request: HttpRequest, inbound_id: uuid.UUID) -> HttpResponse:
    inbound = selectors.inbound_enquiry_get(inbound_id=inbound_id)
    if inbound is None:
        raise Http404
    form: InboundAnswerForm | None = None
    if inbound.status == InboundEnquiry.Status.OPEN or request.method == "POST":
        form = InboundAnswerForm(request.POST if request.method == "POST" else None, version=inbound.version)
    if request.method == "POST":
        assert form is not None  # noqa: S101 - made just above for every POST
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.inbound_enquiry_answer(
                    inbound=inbound,
                    actor=request.user,
                    finding=data["finding"],
                    school=data["school"],
                    answer=data["answer"],
                    answered_on=data["answered_on"],
                    expected_version=data["version"],
                )
            except ApplicationError as error:
                _show_error(form, error)
            else:
                messages.success(request, f"Answer to request {inbound.reference} recorded")
                return redirect("enquiries:inbound_detail", inbound_id=inbound.pk)
    else:
        audit_read(actor=request.user, target=inbound)
    return render(
        request,
        "enquiries/inbound_detail.html",
        {"inbound": inbound, "form": form, "today": timezone.localdate()},
    )
