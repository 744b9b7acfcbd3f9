"""Pages that belong to no single domain: home, the footer pages, health checks, error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from health_check.views import HealthCheckView

from cme.core.permissions import Perm


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The work list for council case workers; a plain start page for everyone else."""
    if request.user.has_perm(Perm.VIEW_WORK_LIST):
        return render(request, "core/work_list.html", {"items": []})
    return render(request, "core/start.html")


@login_not_required
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@login_not_required
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@login_not_required
@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.html")


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches nothing else."""
    return HttpResponse("ok", content_type="text/plain")


readyz = login_not_required(never_cache(HealthCheckView.as_view(checks=["health_check.checks.Database"])))


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
