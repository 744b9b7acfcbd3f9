"""Pages that belong to no single domain: home, the footer pages, health checks, error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from health_check.views import HealthCheckView

from cme.core.access import any_signed_in_user, public
from cme.core.permissions import Perm


@any_signed_in_user
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The work list for council case workers; a plain start page for everyone else."""
    if request.user.has_perm(Perm.VIEW_WORK_LIST):
        return render(request, "core/work_list.html", {"items": []})
    return render(request, "core/start.html")


@public
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@public
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@public
@require_GET
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.html")


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches nothing else."""
    return HttpResponse("ok", content_type="text/plain")


readyz = public(never_cache(HealthCheckView.as_view(checks=["health_check.checks.Database"])))


@public
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
