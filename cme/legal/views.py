"""Legal interventions on a case: its School Attendance Orders and Education Supervision Orders, each
step's form, the check page with a preview of the notice before it is issued, and the manager's
authorisations of officers. Reading an order is audited; every change goes through cme.legal.services."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cme.audit.events import AuditAction
from cme.audit.services import audit_read
from cme.cases.models import Case
from cme.cases.selectors import case_get_for_user
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.legal import selectors
from cme.legal.forms import AuthorisationForm, OpenForm, StepForm
from cme.legal.letters import preview_letter
from cme.legal.models import EducationSupervisionOrder, LegalAuthorisation, SchoolAttendanceOrder
from cme.legal.services import (
    eso_check_step,
    eso_open,
    eso_take_step,
    legal_authorisation_grant,
    legal_authorisation_revoke,
    sao_check_step,
    sao_open,
    sao_take_step,
)
from cme.legal.stages import (
    ESO_CLOSED,
    ESO_STEPS,
    SAO_CLOSED,
    SAO_STEPS,
    LegalRegime,
    ServiceMethod,
    Step,
    eso_step,
    sao_step,
)

Order = SchoolAttendanceOrder | EducationSupervisionOrder


def _case_or_404(request: HttpRequest, case_id: uuid.UUID) -> Case:
    case = case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _show_error(form: Form, error: ApplicationError) -> None:
    field = form.fields.get(error.field or "")
    form.add_error(error.field if field is not None and not field.widget.is_hidden else None, error.message)


def _caption(case: Case) -> str:
    return f"Case {case.reference}: {case.child.forenames} {case.child.surname}"


def _legal_url(case: Case) -> str:
    return reverse("legal:case_legal", args=[case.pk])


def _form_page(
    request: HttpRequest, case: Case, form: Form, *, heading: str, intro: str = "", back: str = ""
) -> HttpResponse:
    return render(
        request,
        "legal/form_page.html",
        {
            "case": case,
            "form": form,
            "back_url": back or _legal_url(case),
            "page_caption": _caption(case),
            "page_heading": heading,
            "page_intro": intro,
        },
    )


@permission_required(Perm.VIEW_LEGAL)
@never_cache
@require_GET
def case_legal(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    audit_read(actor=request.user, target=case, action=AuditAction.LEGAL_VIEWED, case_id=str(case.pk))
    saos, esos = selectors.case_orders(case)
    return render(
        request,
        "legal/case_legal.html",
        {
            "case": case,
            "page_caption": _caption(case),
            "saos": saos,
            "esos": esos,
            "can_work": request.user.has_perm(Perm.WORK_LEGAL),
            "sao_in_progress": any(order.status not in SAO_CLOSED for order in saos),
            "eso_in_progress": any(order.status not in ESO_CLOSED for order in esos),
            "may_issue": selectors.may_issue_legal_notices(request.user),
        },
    )


@permission_required(Perm.WORK_LEGAL)
@require_http_methods(["GET", "POST"])
def sao_new(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    form = OpenForm(
        request.POST if request.method == "POST" else None,
        initial={"parent_address": _child_address(case)},
        button="Start the School Attendance Order",
        grounds_label="Why does it appear the child is not receiving suitable education?",
    )
    if form.is_valid():
        try:
            order = sao_open(case=case, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, "School Attendance Order started: serve the notice to satisfy the council next")
            return redirect(reverse("legal:sao", args=[case.pk, order.pk]))
    return _form_page(
        request,
        case,
        form,
        heading="Start a School Attendance Order",
        intro="The first step is a notice requiring the parent to satisfy the council, within the period it gives, "
        "that the child is receiving suitable education (Education Act 1996 s.437(1)). The child must be of "
        "compulsory school age.",
    )


@permission_required(Perm.WORK_LEGAL)
@require_http_methods(["GET", "POST"])
def eso_new(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    saos, _esos = selectors.case_orders(case)
    sao = next((order for order in saos if order.status not in SAO_CLOSED), None)
    form = OpenForm(
        request.POST if request.method == "POST" else None,
        initial={
            "parent_address": sao.parent_address if sao and not case.restricted else _child_address(case),
            "parent_name": sao.parent_name if sao else "",
        },
        button="Start the Education Supervision Order",
        grounds_label="Why is the child not being properly educated?",
    )
    if form.is_valid():
        try:
            order = eso_open(case=case, actor=request.user, school_attendance_order=sao, **form.cleaned_data)
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Education Supervision Order started: consult children's social care next")
            return redirect(reverse("legal:eso", args=[case.pk, order.pk]))
    return _form_page(
        request,
        case,
        form,
        heading="Start an Education Supervision Order",
        intro="Before applying to the court the council must consult children's social care (Children Act 1989 "
        "s.36(8)). The child must be of compulsory school age and not in the care of a local authority.",
    )


def _child_address(case: Case) -> str:
    """The child's address, to start the parent's from; left out on a restricted case."""
    if case.restricted:
        return ""
    child = case.child
    return "\n".join(line for line in (child.address_line_1, child.address_line_2, child.town, child.postcode) if line)


# One order --------------------------------------------------------------------------------------


class _Kind:
    """What differs between the SAO and ESO pages."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.is_sao = name == "sao"
        self.title = "School Attendance Order" if self.is_sao else "Education Supervision Order"
        self.steps = SAO_STEPS if self.is_sao else ESO_STEPS

    def get(self, case: Case, order_id: uuid.UUID) -> Order:
        found: Order | None = (
            selectors.sao_for_case(case=case, order_id=order_id)
            if self.is_sao
            else selectors.eso_for_case(case=case, order_id=order_id)
        )
        if found is None:
            raise Http404
        return found

    def step(self, slug: str) -> Step:
        found = sao_step(slug) if self.is_sao else eso_step(slug)
        if found is None:
            raise Http404
        return found

    def order_url(self, order: Order) -> str:
        return reverse(f"legal:{self.name}", args=[order.case_id, order.pk])

    def check(self, order: Order, slug: str, actor: Any, form: StepForm) -> Any:
        if isinstance(order, SchoolAttendanceOrder):
            return sao_check_step(order=order, step=slug, actor=actor, inp=form.step_input())
        return eso_check_step(order=order, step=slug, actor=actor, inp=form.step_input())

    def take(self, order: Order, slug: str, actor: Any, form: StepForm, version: int | None) -> Any:
        if isinstance(order, SchoolAttendanceOrder):
            return sao_take_step(order=order, step=slug, actor=actor, inp=form.step_input(), expected_version=version)
        return eso_take_step(order=order, step=slug, actor=actor, inp=form.step_input(), expected_version=version)


SAO = _Kind("sao")
ESO = _Kind("eso")


def _order_page(request: HttpRequest, kind: _Kind, case_id: uuid.UUID, order_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    order = kind.get(case, order_id)
    audit_read(actor=request.user, target=order, action=AuditAction.LEGAL_VIEWED, case_id=str(case.pk))
    today = timezone.localdate()
    events = list(order.events.all())
    labels = {step.slug: step.action for step in kind.steps}
    for event in events:
        event.label = labels.get(event.step, event.step)  # type: ignore[attr-defined]
    done = {event.step for event in events}
    if isinstance(order, SchoolAttendanceOrder):
        actions = selectors.sao_actions(order, user=request.user)
        deadline = selectors.sao_deadline(order)
        deadlines = [deadline] if deadline else []
    else:
        actions = selectors.eso_actions(order, user=request.user)
        deadlines = selectors.eso_deadlines(order, on=today)
    stages = [
        {"step": step, "basis": step.basis_for(order.legal_regime), "done": step.slug in done} for step in kind.steps
    ]
    return render(
        request,
        "legal/order.html",
        {
            "case": case,
            "order": order,
            "kind": kind,
            "step_url_name": f"legal:{kind.name}_step",
            "page_caption": _caption(case),
            "events": events,
            "actions": actions if request.user.has_perm(Perm.WORK_LEGAL) else [],
            "deadlines": deadlines,
            "stages": stages,
            "regime": LegalRegime(order.legal_regime).label,
            "method_labels": dict(ServiceMethod.choices),
            "today": today,
        },
    )


@permission_required(Perm.VIEW_LEGAL)
@never_cache
@require_GET
def sao(request: HttpRequest, case_id: uuid.UUID, order_id: uuid.UUID) -> HttpResponse:
    return _order_page(request, SAO, case_id, order_id)


@permission_required(Perm.VIEW_LEGAL)
@never_cache
@require_GET
def eso(request: HttpRequest, case_id: uuid.UUID, order_id: uuid.UUID) -> HttpResponse:
    return _order_page(request, ESO, case_id, order_id)


def _initial(order: Order, step: Step) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    if isinstance(order, SchoolAttendanceOrder) and step.slug == "serve-order":
        proposed = [line.strip() for line in order.schools_proposed.splitlines() if line.strip()]
        initial["school"] = order.parent_choice or (proposed[0] if proposed else "")
    if step.slug == "refer-prosecution":
        initial["recipient_name"] = "Head of Legal Services"
    if step.slug == "consult-social-care":
        initial["recipient_name"] = "Children's Services: Families First"
    if isinstance(order, EducationSupervisionOrder) and order.court:
        initial["court"] = order.court
    if step.letter and step.slug != "refer-prosecution" and step.slug != "consult-social-care":
        initial["method_of_service"] = ServiceMethod.FIRST_CLASS_POST
    elif step.letter:
        initial["method_of_service"] = ServiceMethod.INTERNAL
    return initial


def _step_view(request: HttpRequest, kind: _Kind, case_id: uuid.UUID, order_id: uuid.UUID, slug: str) -> HttpResponse:
    case = _case_or_404(request, case_id)
    order = kind.get(case, order_id)
    step = kind.step(slug)
    if not request.user.has_perm(step.permission):
        raise PermissionDenied
    posted = request.POST if request.method == "POST" else None
    button = "Continue" if step.letter else step.action
    form = StepForm(posted, kind=kind.name, slug=slug, button=button, initial=_initial(order, step))
    version = _version(request) if posted is not None else order.version
    changing = posted is not None and posted.get("change") == "yes"  # back from the check page
    if posted is not None and not changing and form.is_valid():
        try:
            if step.letter and request.POST.get("confirm") != "issue":
                kind.check(order, slug, request.user, form)
                return _check_page(request, kind, order, step, version)
            kind.take(order, slug, request.user, form, version)
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, f"{step.action}: issued and recorded" if step.letter else f"{step.action}: done")
            return redirect(kind.order_url(order))
    return render(
        request,
        "legal/step.html",
        {
            "case": case,
            "order": order,
            "kind": kind,
            "step": step,
            "basis": step.basis_for(order.legal_regime),
            "form": form,
            "version": version,
            "back_url": kind.order_url(order),
            "page_caption": _caption(case),
            "page_heading": step.action,
        },
    )


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _carried(request: HttpRequest) -> list[tuple[str, str]]:
    """What the user entered, sent again from the check page as hidden inputs."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "confirm", "change", "submit", "version")
        for value in values
    ]


def _check_page(request: HttpRequest, kind: _Kind, order: Order, step: Step, version: int | None) -> HttpResponse:
    form = StepForm(request.POST, kind=kind.name, slug=step.slug, button="")
    form.is_valid()
    rows = [
        (field.label, _shown(form, name))
        for name, field in form.fields.items()
        if form.cleaned_data.get(name) not in (None, "", False)
    ]
    return render(
        request,
        "legal/check.html",
        {
            "case": order.case,
            "order": order,
            "kind": kind,
            "step": step,
            "basis": step.basis_for(order.legal_regime),
            "rows": rows,
            "carried": _carried(request),
            "version": version,
            "step_url": reverse(f"legal:{kind.name}_step", args=[order.case_id, order.pk, step.slug]),
            "preview_url": reverse(f"legal:{kind.name}_preview", args=[order.case_id, order.pk, step.slug]),
            "back_url": kind.order_url(order),
            "page_caption": _caption(order.case),
        },
    )


def _shown(form: StepForm, name: str) -> str:
    value = form.cleaned_data.get(name)
    field = form.fields[name]
    choices = dict(getattr(field, "choices", []) or [])
    if value in choices:
        return str(choices[value])
    if hasattr(value, "strftime"):
        return f"{value:%-d %B %Y}"
    if value is True:
        return "Yes"
    return str(value)


@permission_required(Perm.WORK_LEGAL)
@require_http_methods(["GET", "POST"])
def sao_step_view(request: HttpRequest, case_id: uuid.UUID, order_id: uuid.UUID, step: str) -> HttpResponse:
    return _step_view(request, SAO, case_id, order_id, step)


@permission_required(Perm.WORK_LEGAL)
@require_http_methods(["GET", "POST"])
def eso_step_view(request: HttpRequest, case_id: uuid.UUID, order_id: uuid.UUID, step: str) -> HttpResponse:
    return _step_view(request, ESO, case_id, order_id, step)


def _preview(request: HttpRequest, kind: _Kind, case_id: uuid.UUID, order_id: uuid.UUID, slug: str) -> HttpResponse:
    case = _case_or_404(request, case_id)
    order = kind.get(case, order_id)
    step = kind.step(slug)
    if not step.letter or not request.user.has_perm(step.permission):
        raise PermissionDenied
    form = StepForm(request.POST, kind=kind.name, slug=slug, button="")
    if not form.is_valid():
        return redirect(reverse(f"legal:{kind.name}_step", args=[case.pk, order.pk, slug]))
    try:
        _found, plan = kind.check(order, slug, request.user, form)
    except ApplicationError:
        return redirect(reverse(f"legal:{kind.name}_step", args=[case.pk, order.pk, slug]))
    pdf = preview_letter(order=order, step=step, plan=plan, inp=form.step_input(), actor=request.user)
    audit_read(actor=request.user, target=order, action=AuditAction.LEGAL_NOTICE_PREVIEWED, case_id=str(case.pk))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="preview-{step.letter}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required(Perm.WORK_LEGAL)
@require_POST
def sao_preview(request: HttpRequest, case_id: uuid.UUID, order_id: uuid.UUID, step: str) -> HttpResponse:
    return _preview(request, SAO, case_id, order_id, step)


@permission_required(Perm.WORK_LEGAL)
@require_POST
def eso_preview(request: HttpRequest, case_id: uuid.UUID, order_id: uuid.UUID, step: str) -> HttpResponse:
    return _preview(request, ESO, case_id, order_id, step)


# Authorisations ---------------------------------------------------------------------------------


@permission_required(Perm.AUTHORISE_LEGAL_OFFICERS)
@never_cache
@require_http_methods(["GET", "POST"])
def authorisations(request: HttpRequest) -> HttpResponse:
    form = AuthorisationForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            legal_authorisation_grant(
                actor=request.user, officer=form.cleaned_data["officer"], reason=form.cleaned_data["reason"]
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            name = form.cleaned_data["officer"].full_name
            messages.success(request, f"{name} may now issue legal notices and orders")
            return redirect("legal:authorisations")
    rows = list(selectors.legal_authorisations())
    return render(
        request,
        "legal/authorisations.html",
        {
            "form": form,
            "active": [row for row in rows if row.revoked_at is None],
            "revoked": [row for row in rows if row.revoked_at is not None],
        },
    )


@permission_required(Perm.AUTHORISE_LEGAL_OFFICERS)
@require_POST
def authorisation_revoke(request: HttpRequest, authorisation_id: uuid.UUID) -> HttpResponse:
    authorisation = LegalAuthorisation.objects.filter(pk=authorisation_id).select_related("officer").first()
    if authorisation is None:
        raise Http404
    try:
        legal_authorisation_revoke(actor=request.user, authorisation=authorisation)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{authorisation.officer.full_name} may no longer issue legal notices and orders")
    return redirect("legal:authorisations")
