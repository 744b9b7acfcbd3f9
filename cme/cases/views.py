"""Case pages. This issue shows a case's essentials; case management (allocation, enquiries,
outcomes) builds on this page."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cme.audit.events import AuditAction
from cme.audit.services import audit_read
from cme.cases.selectors import case_get_for_user, case_referrals, child_school_age
from cme.core.access import permission_required
from cme.core.permissions import Perm


@permission_required(Perm.VIEW_CASES)
@require_GET
def case_detail(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = case_get_for_user(user=request.user, case_id=case_id)
    if case is None:
        raise Http404
    audit_read(actor=request.user, target=case, action=AuditAction.CASE_VIEWED, case_id=str(case.pk))
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "child": case.child,
            "school_age": child_school_age(date_of_birth=case.child.date_of_birth, on=timezone.localdate()),
            "referrals": case_referrals(case),
            "can_view_access_log": request.user.has_perm(Perm.VIEW_ACCESS_LOG),
        },
    )
