"""Letter templates for the CME manager (list, change with a preview, versions) and issued documents
(a case's list, and each document's stored PDF) for anyone who may read the case."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cme.audit.events import AuditAction
from cme.audit.services import audit_read
from cme.cases.selectors import case_get_for_user
from cme.core.access import permission_required
from cme.core.exceptions import ApplicationError
from cme.core.permissions import Perm
from cme.letters.forms import RestrictedReasonForm, TemplateForm
from cme.letters.models import IssuedDocument
from cme.letters.rendering import paragraphs_to_html
from cme.letters.selectors import (
    case_documents,
    issued_document_get_for_user,
    letter_template_version,
    letter_template_versions,
    letter_templates_current,
)
from cme.letters.services import (
    issued_document_pdf,
    letter_preview,
    letter_preview_parts,
    letter_template_current,
    letter_template_save,
)
from cme.letters.templates_registry import AUTOMATIC_PLACEHOLDERS, LETTER_KINDS, LetterKind


def _kind_or_404(kind: str) -> LetterKind:
    try:
        return LETTER_KINDS[kind]
    except KeyError:
        raise Http404 from None


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _show_error(form: forms.Form, error: ApplicationError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


# Templates (the CME manager) ---------------------------------------------------------------------


@permission_required(Perm.MANAGE_LETTER_TEMPLATES)
@require_GET
def kinds(request: HttpRequest) -> HttpResponse:
    current = letter_templates_current()
    rows = [(kind, current.get(key)) for key, kind in LETTER_KINDS.items()]
    return render(request, "letters/kinds.html", {"rows": rows})


def _edit_page(
    request: HttpRequest, kind: LetterKind, form: TemplateForm, *, preview: Any = None, status: int = 200
) -> HttpResponse:
    current = letter_template_current(kind=kind.key)
    return render(
        request,
        "letters/template_edit.html",
        {
            "kind": kind,
            "form": form,
            "current": current,
            "preview": preview,
            "automatic": AUTOMATIC_PLACEHOLDERS,
        },
        status=status,
    )


@permission_required(Perm.MANAGE_LETTER_TEMPLATES)
@never_cache
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, kind: str) -> HttpResponse:
    """GET: the current text (or ``?from=<version>``). POST ``action=preview`` shows the letter the
    text makes with example values; ``action=save`` saves it as a new version."""
    letter_kind = _kind_or_404(kind)
    if request.method == "GET":
        start = letter_template_current(kind=kind)
        if request.GET.get("from", "").isdigit():
            start = letter_template_version(kind=kind, version=int(request.GET["from"])) or start
        body = start.body if start is not None else letter_kind.default_body
        return _edit_page(request, letter_kind, TemplateForm(initial={"body": body}))
    form = TemplateForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, letter_kind, form)
    body, note = form.cleaned_data["body"], form.cleaned_data["change_note"]
    try:
        if request.POST.get("action") == "save":
            template = letter_template_save(kind=kind, body=body, change_note=note, actor=request.user)
            messages.success(request, f"{letter_kind.title}: version {template.version} saved")
            return redirect("letters:kinds")
        preview = letter_preview_parts(
            kind=kind,
            context=letter_kind.sample_context(),
            body=body,
            case_reference="CME-EXAMPLE",
            officer=request.user,
        )
    except ApplicationError as error:
        _show_error(form, error)
        return _edit_page(request, letter_kind, form)
    return _edit_page(request, letter_kind, form, preview=preview)


@permission_required(Perm.MANAGE_LETTER_TEMPLATES)
@never_cache
@require_POST
def template_preview_pdf(request: HttpRequest, kind: str) -> HttpResponse:
    """The letter the typed (unsaved) text makes, with example values, as a PDF; errors on the form."""
    letter_kind = _kind_or_404(kind)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            pdf = letter_preview(
                kind=kind,
                context=letter_kind.sample_context(),
                body=form.cleaned_data["body"],
                case_reference="CME-EXAMPLE",
                officer=request.user,
            )
        except ApplicationError as error:
            _show_error(form, error)
        else:
            return _pdf_response(pdf, f"{kind.replace('_', '-')}-preview.pdf")
    return _edit_page(request, letter_kind, form)


@permission_required(Perm.MANAGE_LETTER_TEMPLATES)
@require_GET
def template_versions(request: HttpRequest, kind: str) -> HttpResponse:
    letter_kind = _kind_or_404(kind)
    return render(
        request,
        "letters/template_versions.html",
        {"kind": letter_kind, "versions": letter_template_versions(kind=kind)},
    )


@permission_required(Perm.MANAGE_LETTER_TEMPLATES)
@require_GET
def template_version(request: HttpRequest, kind: str, version: int) -> HttpResponse:
    letter_kind = _kind_or_404(kind)
    template = letter_template_version(kind=kind, version=version)
    if template is None:
        raise Http404
    current = letter_template_current(kind=kind)
    return render(
        request,
        "letters/template_version.html",
        {
            "kind": letter_kind,
            "template": template,
            "is_current": current is not None and current.pk == template.pk,
            "body_html": paragraphs_to_html(_escaped_source(template.body, letter_kind)),
        },
    )


def _escaped_source(body: str, kind: LetterKind) -> str:
    """The template's text as written (placeholders shown, not filled), escaped for a page."""
    return escape(body)


@permission_required(Perm.MANAGE_LETTER_TEMPLATES)
@never_cache
@require_GET
def template_version_pdf(request: HttpRequest, kind: str, version: int) -> HttpResponse:
    letter_kind = _kind_or_404(kind)
    template = letter_template_version(kind=kind, version=version)
    if template is None:
        raise Http404
    pdf = letter_preview(
        kind=kind,
        context=letter_kind.sample_context(),
        body=template.body,
        case_reference="CME-EXAMPLE",
        officer=request.user,
    )
    return _pdf_response(pdf, f"{kind.replace('_', '-')}-v{version}-example.pdf")


# Issued documents --------------------------------------------------------------------------------


@permission_required(Perm.VIEW_CASES)
@never_cache
@require_GET
def case_documents_page(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    audit_read(actor=request.user, target=case, action=AuditAction.CASE_VIEWED, case_id=str(case.pk))
    return render(request, "letters/case_documents.html", {"case": case, "documents": case_documents(case=case)})


@permission_required(Perm.VIEW_LEGAL)
@never_cache
@require_http_methods(["GET", "POST"])
def document_download(request: HttpRequest, document_id: uuid.UUID) -> HttpResponse:
    """The stored PDF, exactly as issued. A restricted case's document holds the address the case
    hides, so it opens only after the user gives a reason, which the audit trail keeps."""
    document = issued_document_get_for_user(user=request.user, document_id=document_id)
    if document is None:
        raise Http404
    reason = ""
    if document.case.restricted:
        form = RestrictedReasonForm(request.POST if request.method == "POST" else None)
        if request.method == "GET" or not form.is_valid():
            return _reason_page(request, document, form)
        reason = form.cleaned_data["reason"]
    elif request.method == "POST":
        return redirect("letters:document_download", document_id=document.pk)
    try:
        pdf = issued_document_pdf(document=document, user=request.user, reason=reason)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("letters:case_documents", case_id=document.case_id)
    return _pdf_response(pdf, document.filename)


def _reason_page(request: HttpRequest, document: IssuedDocument, form: RestrictedReasonForm) -> HttpResponse:
    return render(
        request,
        "letters/document_reason.html",
        {
            "document": document,
            "case": document.case,
            "form": form,
            "action": reverse("letters:document_download", args=[document.pk]),
        },
    )
