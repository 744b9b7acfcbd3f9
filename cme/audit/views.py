"""The audit pages: who has looked at one record, and a search of the whole trail.
Looking at either page is itself recorded in the trail."""

from __future__ import annotations

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cme.audit.events import AuditAction, object_type_label
from cme.audit.forms import AuditTrailFilterForm
from cme.audit.selectors import access_log_for, audit_page, audit_trail_search
from cme.audit.services import audit_record
from cme.core.access import permission_required
from cme.core.permissions import Perm

_OBJECT_TYPE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_OBJECT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@permission_required(Perm.VIEW_ACCESS_LOG)
@require_GET
def access_log(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    if not (_OBJECT_TYPE.match(object_type) and _OBJECT_ID.match(object_id)):
        raise Http404
    page = audit_page(
        access_log_for(object_type=object_type, object_id=object_id),
        before=_event_id(request.GET.get("before")),
        after=_event_id(request.GET.get("after")),
    )
    # The record itself is not loaded: the page names it by type and id only, so an auditor
    # learns who read a child's record without reading the record.
    audit_record(actor=request.user, action=AuditAction.ACCESS_LOG_VIEWED, object_type=object_type, object_id=object_id)
    return render(
        request,
        "audit/access_log.html",
        {"page": page, "object_type_label": object_type_label(object_type), "object_id": object_id},
    )


@permission_required(Perm.VIEW_AUDIT_TRAIL)
@require_GET
def trail(request: HttpRequest) -> HttpResponse:
    form = AuditTrailFilterForm(request.GET or None)
    page = None
    filtered = form.is_bound
    if not form.is_bound or form.is_valid():
        filters = form.filters() if form.is_bound else {}
        filtered = bool(filters)
        page = audit_page(
            audit_trail_search(**filters),
            before=_event_id(request.GET.get("before")),
            after=_event_id(request.GET.get("after")),
        )
        audit_record(
            actor=request.user,
            action=AuditAction.AUDIT_TRAIL_SEARCHED,
            data={name: str(value) for name, value in filters.items()},
        )
    return render(
        request,
        "audit/trail.html",
        {
            "form": form,
            "page": page,
            "filtered": filtered,
            "can_view_access_log": request.user.has_perm(Perm.VIEW_ACCESS_LOG),
        },
    )


def _event_id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 19 else None
