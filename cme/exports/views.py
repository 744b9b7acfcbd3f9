"""The case list export: a page that says which cases the export will hold (the case list's own
filters, carried from the list) and asks for the format, then either the file (a small export) or a
background job's progress page (a large one)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cme.casework.forms_lists import CaseListForm
from cme.core.access import permission_required
from cme.core.permissions import Perm
from cme.exports.forms import ExportFormatForm, case_list_parameters, describe_case_list_filters
from cme.exports.selectors import case_export_queryset
from cme.exports.services import case_export_now, case_export_start, inline_limit


def attachment(content: bytes, *, file_name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required(Perm.EXPORT_DATA)
@require_http_methods(["GET", "POST"])
def case_export(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    filters_form = CaseListForm(data)
    format_form = ExportFormatForm(request.POST if request.method == "POST" else None)
    today = timezone.localdate()
    count = None
    if filters_form.is_valid():
        filters = filters_form.filters()
        if request.method == "POST" and format_form.is_valid():
            file_format = format_form.chosen_format
            count = case_export_queryset(user=request.user, filters=filters, today=today).count()
            if count > inline_limit():
                job = case_export_start(
                    actor=request.user, filters=filters, file_format=file_format, today=today, expected_rows=count
                )
                return redirect("jobs:detail", job_id=job.pk)
            exported = case_export_now(actor=request.user, filters=filters, file_format=file_format, today=today)
            return attachment(exported.content, file_name=exported.file_name, content_type=exported.content_type)
        count = case_export_queryset(user=request.user, filters=filters, today=today).count()
    return render(
        request,
        "exports/case_export.html",
        {
            "form": format_form,
            "filters_form": filters_form,
            "filters_valid": filters_form.is_valid(),
            "described": describe_case_list_filters(filters_form) if filters_form.is_valid() else [],
            "parameters": case_list_parameters(data),
            "count": count,
            "background": count is not None and count > inline_limit(),
        },
    )
