"""Each user's choice of non-urgent emails, and the log of every message the service has sent."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.core.access import any_signed_in_user, permission_required
from cme.core.permissions import Perm
from cme.notifications.catalogue import TEMPLATES
from cme.notifications.forms import MessageLogFilterForm, PreferencesForm
from cme.notifications.selectors import message_log as message_log_query
from cme.notifications.selectors import preferences_for
from cme.notifications.services import kinds_for, preferences_update

LOG_PAGE_SIZE = 50


@any_signed_in_user
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    kinds = list(kinds_for(user=request.user))
    current = preferences_for(user=request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST, kinds=kinds)
        if form.is_valid():
            preferences_update(user=request.user, choices=form.choices())
            messages.success(request, "Your email preferences have been saved")
            return redirect("notifications:preferences")
    else:
        form = PreferencesForm(initial={"wanted": [kind.value for kind in kinds if current[kind]]}, kinds=kinds)
    always = sorted(t.name for t in TEMPLATES.values() if t.kind is None)
    return render(request, "notifications/preferences.html", {"form": form, "kinds": kinds, "always": always})


@permission_required(Perm.VIEW_MESSAGE_LOG)
@require_GET
def message_log(request: HttpRequest) -> HttpResponse:
    form = MessageLogFilterForm(request.GET or None)
    page = None
    filters: dict[str, str] = {}
    if not form.is_bound or form.is_valid():
        filters = form.filters() if form.is_bound else {}
        paginator = Paginator(message_log_query(**filters).select_related("recipient"), LOG_PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        audit_record(actor=request.user, action=AuditAction.MESSAGE_LOG_VIEWED, data=dict(filters))
    return render(request, "notifications/message_log.html", {"form": form, "page": page, "filtered": bool(filters)})
