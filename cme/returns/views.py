"""The DfE termly return page (choose a census date → tables, validation summary, CSV), census dates and
primary reasons for CME (kept by the CME manager), a case's primary reason, and the Lost Pupils Database
file of a closed case. Each page parses its form and calls one service or selector."""

from __future__ import annotations

import csv
import io
import uuid

from django.conf import settings
from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cme.audit.events import AuditAction
from cme.audit.services import audit_read, audit_record
from cme.cases.models import Case
from cme.cases.selectors import case_get_for_user
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.returns import selectors
from cme.returns.forms import CaseReasonForm, CensusDateForm, ChooseCensusForm, CmeReasonForm, MakeFileForm
from cme.returns.models import CensusDate, CmeReason
from cme.returns.services import (
    case_cme_reason_set,
    census_date_save,
    cme_reason_save,
    lost_pupil_ctf,
    lost_pupil_file_destination,
    lost_pupil_file_make,
    lost_pupil_file_problem,
)


def _show_error(form: Form, error: ApplicationError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _case_or_404(request: HttpRequest, case_id: uuid.UUID) -> Case:
    case = case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    return case


def _case_url(case: Case, anchor: str = "") -> str:
    return reverse("casework:case", args=[case.pk]) + (f"#{anchor}" if anchor else "")


# The return -----------------------------------------------------------------------------------------


@permission_required(Perm.PREPARE_DFE_RETURN)
@never_cache
@require_GET
def dfe_return(request: HttpRequest) -> HttpResponse:
    form = ChooseCensusForm(request.GET if "census" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        census = form.chosen()
        result = selectors.dfe_return(census=census)
        audit_record(
            actor=request.user,
            action=AuditAction.DFE_RETURN_VIEWED,
            target=census,
            data={"census_date": census.census_date.isoformat(), "total": result.total},
        )
    return render(
        request,
        "returns/dfe_return.html",
        {"form": form, "result": result, "has_census_dates": form.has_choices},
    )


@permission_required(Perm.PREPARE_DFE_RETURN)
@never_cache
@require_GET
def dfe_return_csv(request: HttpRequest, census_id: uuid.UUID) -> HttpResponse:
    census = get_object_or_404(CensusDate, pk=census_id)
    result = selectors.dfe_return(census=census)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        selectors.dfe_return_csv_rows(result, la_code=settings.CME_LA_CODE)
    )
    audit_record(
        actor=request.user,
        action=AuditAction.DFE_RETURN_DOWNLOADED,
        target=census,
        data={
            "census_date": census.census_date.isoformat(),
            "total": result.total,
            "previous_year_total": result.previous_year_total,
            "checks_passed": result.passed,
        },
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"cme-dfe-return-{settings.CME_LA_CODE}-{census.census_date.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# Census dates ---------------------------------------------------------------------------------------


@permission_required(Perm.PREPARE_DFE_RETURN)
@never_cache
@require_GET
def census_date_list(request: HttpRequest) -> HttpResponse:
    return render(request, "returns/census_dates.html", {"census_dates": list(selectors.census_dates())})


@permission_required(Perm.PREPARE_DFE_RETURN)
@require_http_methods(["GET", "POST"])
def census_date_edit(request: HttpRequest, census_id: uuid.UUID | None = None) -> HttpResponse:
    census = get_object_or_404(CensusDate, pk=census_id) if census_id else None
    initial = CensusDateForm.initial_for(census) if census else None
    form = CensusDateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = census_date_save(
                actor=request.user,
                census=census,
                census_date=form.cleaned_data["census_date"],
                term=form.cleaned_data["term"],
                return_due=form.cleaned_data["return_due"],
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, f"Saved: {saved}")
            return redirect("returns:census_date_list")
    return render(
        request,
        "returns/form_page.html",
        {
            "form": form,
            "page_heading": "Change a census date" if census else "Add a census date",
            "back_url": reverse("returns:census_date_list"),
            "back_label": "Back to census dates",
        },
    )


# Primary reasons for CME ----------------------------------------------------------------------------


@permission_required(Perm.PREPARE_DFE_RETURN)
@never_cache
@require_GET
def cme_reason_list(request: HttpRequest) -> HttpResponse:
    return render(request, "returns/cme_reasons.html", {"reasons": list(selectors.cme_reasons())})


@permission_required(Perm.PREPARE_DFE_RETURN)
@require_http_methods(["GET", "POST"])
def cme_reason_edit(request: HttpRequest, reason_id: uuid.UUID | None = None) -> HttpResponse:
    reason = get_object_or_404(CmeReason, pk=reason_id) if reason_id else None
    initial = CmeReasonForm.initial_for(reason) if reason else None
    form = CmeReasonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = cme_reason_save(
                actor=request.user,
                reason=reason,
                code=form.cleaned_data["code"],
                label=form.cleaned_data["label"],
                position=form.cleaned_data["position"],
                in_use=form.cleaned_data["in_use"],
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, f"Saved the reason {saved.code}")
            return redirect("returns:cme_reason_list")
    return render(
        request,
        "returns/form_page.html",
        {
            "form": form,
            "page_heading": "Change a primary reason for missing education"
            if reason
            else "Add a primary reason for missing education",
            "back_url": reverse("returns:cme_reason_list"),
            "back_label": "Back to the primary reasons",
        },
    )


# A case's primary reason ----------------------------------------------------------------------------


@permission_required(Perm.WORK_CASES)
@require_http_methods(["GET", "POST"])
def case_cme_reason(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    form = CaseReasonForm(request.POST or None, current=case.cme_reason)
    if request.method == "POST" and form.is_valid():
        try:
            case_cme_reason_set(case=case, actor=request.user, reason=form.chosen())
        except ApplicationError as error:
            _show_error(form, error)
        else:
            messages.success(request, "Saved the primary reason for missing education")
            return redirect(_case_url(case, "summary"))
    return render(
        request,
        "returns/form_page.html",
        {
            "form": form,
            "case": case,
            "page_caption": f"Case {case.reference}: {case.child.forenames} {case.child.surname}",
            "page_heading": "Primary reason for missing education",
            "back_url": _case_url(case),
            "back_label": "Back to the case",
        },
    )


# Lost Pupils Database file --------------------------------------------------------------------------


def _lost_pupil_page(request: HttpRequest, case: Case, form: MakeFileForm) -> HttpResponse:
    problem = lost_pupil_file_problem(case)
    destination = lost_pupil_file_destination(case)
    preview = None
    if problem is None:
        preview = lost_pupil_ctf(case, made_at=timezone.now())
    return render(
        request,
        "returns/lost_pupil_file.html",
        {
            "case": case,
            "child": case.child,
            "form": form if problem is None else None,
            "problem": problem,
            "destination": destination,
            "preview": preview,
            "files": selectors.lost_pupil_files_for(case),
        },
    )


@permission_required(Perm.MAKE_LOST_PUPIL_FILE)
@never_cache
@require_http_methods(["GET", "POST"])
def lost_pupil_file(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _case_or_404(request, case_id)
    form = MakeFileForm(request.POST if request.method == "POST" else None)
    if request.method == "GET":
        audit_read(actor=request.user, target=case, action=AuditAction.CASE_VIEWED, case_id=str(case.pk))
    if form.is_bound and form.is_valid():
        try:
            made = lost_pupil_file_make(case=case, actor=request.user)
        except ApplicationError as error:
            _show_error(form, error)
        else:
            response = HttpResponse(made.content, content_type="application/xml")
            response["Content-Disposition"] = f'attachment; filename="{made.record.file_name}"'
            return response
    return _lost_pupil_page(request, case, form)
