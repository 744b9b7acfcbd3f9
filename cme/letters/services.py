"""Writing letters: previewing, issuing (render once, keep the bytes) and saving template versions.

The API other apps call (``cme.legal``):

- ``letter_preview(kind=..., context=...) -> bytes``: the PDF the letter would be, stored nowhere;
- ``letter_issue(kind=..., context=..., case=..., issued_by=..., method_of_service=..., served_on=...)``
  renders the PDF once with the current template version, stores its bytes, SHA-256, the version and
  the values used on the case, audits it, and returns the ``IssuedDocument``. Nothing renders it again.

``context`` holds the kind's placeholders (``templates_registry.LETTER_KINDS[kind].placeholders``):
strings, dates (``date`` or ISO text), addresses (text with newlines, or a list of lines) and lists
of strings. cme adds the letterhead, the date, the case reference and the issuing officer itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.core.permissions import Perm
from cme.letters.models import IssuedDocument, LetterTemplate
from cme.letters.rendering import (
    compile_body,
    context_snapshot,
    html_to_pdf,
    letter_layout_context,
    letterhead,
    prepare_context,
    render_body,
    render_letter_html,
)
from cme.letters.templates_registry import LETTER_KINDS, LetterKind, PlaceholderType


def _kind(key: str) -> LetterKind:
    try:
        return LETTER_KINDS[key]
    except KeyError:
        raise ValueError(f"There is no letter kind {key!r}.") from None


def _officer(user: Any) -> dict[str, str]:
    if user is None:
        return {"officer_name": "", "officer_title": ""}
    title = getattr(user, "job_title", "") or (user.get_role_display() if hasattr(user, "get_role_display") else "")
    return {"officer_name": getattr(user, "full_name", "") or str(user), "officer_title": title}


def _automatic(*, case_reference: str, issued_by: Any, on: date) -> dict[str, Any]:
    values = {k: v for k, v in letterhead().items() if k != "council_address_lines"}
    return {**values, "letter_date": on, "case_reference": case_reference, **_officer(issued_by)}


def letter_template_current(*, kind: str) -> LetterTemplate | None:
    """The newest saved version of ``kind``'s template (None before any is saved)."""
    return LetterTemplate.objects.filter(kind=_kind(kind).key).order_by("-version").first()


def _render(
    *, kind: LetterKind, body: str, given: Mapping[str, Any], automatic: Mapping[str, Any]
) -> tuple[str, dict[str, Any]]:
    compiled = compile_body(body, kind=kind)
    values = prepare_context(kind, given, automatic)
    html = render_letter_html(kind=kind, body_html=render_body(compiled, values), values=values)
    return html, values


def letter_preview_html(
    *, kind: str, context: Mapping[str, Any], body: str | None = None, case_reference: str = "", officer: Any = None
) -> str:
    """The letter as HTML. ``body``: unsaved template text to try (the manager's preview)."""
    letter_kind = _kind(kind)
    if body is None:
        current = letter_template_current(kind=kind)
        body = current.body if current is not None else letter_kind.default_body
    html, _ = _render(
        kind=letter_kind,
        body=body,
        given=context,
        automatic=_automatic(case_reference=case_reference, issued_by=officer, on=timezone.localdate()),
    )
    return html


def letter_preview_parts(
    *, kind: str, context: Mapping[str, Any], body: str, case_reference: str = "", officer: Any = None
) -> dict[str, Any]:
    """The parts of the letter ``body`` makes (letterhead, addressee, date, body HTML), for showing
    the letter on a page rather than as a PDF."""
    letter_kind = _kind(kind)
    automatic = _automatic(case_reference=case_reference, issued_by=officer, on=timezone.localdate())
    values = prepare_context(letter_kind, context, automatic)
    body_html = render_body(compile_body(body, kind=letter_kind), values)
    return letter_layout_context(kind=letter_kind, body_html=body_html, values=values)


def letter_preview(
    *, kind: str, context: Mapping[str, Any], body: str | None = None, case_reference: str = "", officer: Any = None
) -> bytes:
    """The PDF the letter would be if issued now (not stored, not audited: nothing is issued)."""
    return html_to_pdf(
        letter_preview_html(kind=kind, context=context, body=body, case_reference=case_reference, officer=officer)
    )


def _check_service_dates(kind: LetterKind, context: Mapping[str, Any], served_on: date | None) -> None:
    if served_on is None:
        return
    values = prepare_context(kind, context, {})
    for placeholder in kind.placeholders:
        if placeholder.type != PlaceholderType.DATE or placeholder.min_days_after_service is None:
            continue
        value = values.get(placeholder.name)
        earliest = served_on + timedelta(days=placeholder.min_days_after_service)
        if value and value < earliest:
            raise ApplicationError(
                f"{placeholder.label} must be on or after {earliest:%-d %B %Y}: at least "
                f"{placeholder.min_days_after_service + 1} days beginning with the day of service.",
                field=placeholder.name,
            )


@transaction.atomic
def letter_issue(
    *,
    kind: str,
    context: Mapping[str, Any],
    case: Any,
    issued_by: Any,
    method_of_service: str = "",
    served_on: date | None = None,
) -> IssuedDocument:
    """Render the letter once with the current template, keep it on ``case`` and audit it."""
    letter_kind = _kind(kind)
    if not issued_by.has_perm(Perm.ISSUE_LEGAL_NOTICES):
        raise PermissionDeniedError("Only officers who may issue statutory notices can issue this letter.")
    if method_of_service and method_of_service not in IssuedDocument.MethodOfService.values:
        raise ValueError(f"Unknown method of service {method_of_service!r}.")
    _check_service_dates(letter_kind, context, served_on)
    template = letter_template_current(kind=kind) or _template_save(
        kind=letter_kind, body=letter_kind.default_body, change_note="The default wording", actor=None
    )
    now = timezone.now()
    html, values = _render(
        kind=letter_kind,
        body=template.body,
        given=context,
        automatic=_automatic(case_reference=case.reference, issued_by=issued_by, on=timezone.localdate(now)),
    )
    pdf = html_to_pdf(html)
    document = IssuedDocument.objects.create(
        case=case,
        kind=letter_kind.key,
        title=letter_kind.title,
        template=template,
        template_version=template.version,
        context=context_snapshot(values),
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        issued_by=issued_by,
        issued_on=now,
        method_of_service=method_of_service,
        served_on=served_on,
        created_by=issued_by,
        modified_by=issued_by,
    )
    audit_record(
        actor=issued_by,
        action=AuditAction.LETTER_ISSUED,
        target=document,
        case_id=str(case.pk),
        data={
            "kind": letter_kind.key,
            "template_version": template.version,
            "sha256": document.sha256,
            "method_of_service": method_of_service,
            "served_on": served_on.isoformat() if served_on else "",
        },
    )
    return document


def issued_document_pdf(*, document: IssuedDocument, user: Any, reason: str = "") -> bytes:
    """The stored bytes of an issued document, exactly as issued; the read is audited.

    The caller has already checked that ``user`` may read the document's case
    (``selectors.issued_document_get_for_user``). ``reason``: the user's own words for opening a
    restricted case's document (kept in the audit event, as for the case's hidden details).
    """
    if document.case.restricted and not reason.strip():
        raise ApplicationError("Give a reason to open a document on a restricted case.", field="reason")
    pdf = bytes(document.pdf)
    if hashlib.sha256(pdf).hexdigest() != document.sha256:
        raise ApplicationError("This document does not match the fingerprint recorded when it was issued.")
    audit_record(
        actor=user,
        action=AuditAction.LETTER_DOWNLOADED,
        target=document,
        case_id=str(document.case_id),
        data={"kind": document.kind, "sha256": document.sha256, **({"reason": reason.strip()} if reason else {})},
    )
    return pdf


def _template_save(*, kind: LetterKind, body: str, change_note: str, actor: Any) -> LetterTemplate:
    compile_body(body, kind=kind)
    newest = LetterTemplate.objects.select_for_update().filter(kind=kind.key).aggregate(n=Max("version"))["n"] or 0
    template = LetterTemplate.objects.create(
        kind=kind.key,
        version=newest + 1,
        body=body,
        change_note=change_note,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.LETTER_TEMPLATE_SAVED,
        target=template,
        data={"kind": kind.key, "version": template.version},
    )
    return template


@transaction.atomic
def letter_template_save(*, kind: str, body: str, change_note: str, actor: Any) -> LetterTemplate:
    """Save ``body`` as the next version of ``kind``'s template (only the CME manager may)."""
    if not actor.has_perm(Perm.MANAGE_LETTER_TEMPLATES):
        raise PermissionDeniedError("Only the CME manager can change letter templates.")
    letter_kind = _kind(kind)
    current = letter_template_current(kind=kind)
    if current is not None and current.body.replace("\r\n", "\n") == body.replace("\r\n", "\n"):
        raise ApplicationError(
            "The template is the same as the current version. Change it before saving.", field="body"
        )
    return _template_save(
        kind=letter_kind, body=body.replace("\r\n", "\n"), change_note=change_note.strip(), actor=actor
    )


@transaction.atomic
def letter_templates_ensure_defaults() -> list[LetterTemplate]:
    """Give every kind without a template its default wording as version 1 (idempotent)."""
    created = []
    for kind in LETTER_KINDS.values():
        if not LetterTemplate.objects.filter(kind=kind.key).exists():
            created.append(
                _template_save(kind=kind, body=kind.default_body, change_note="The default wording", actor=None)
            )
    return created
