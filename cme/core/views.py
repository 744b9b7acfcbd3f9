"""Pages that belong to no single domain: the footer pages, health checks, error pages. (The home
page is the work list, in cme.worklist.)"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from health_check.views import HealthCheckView

from cme.core.access import public


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
@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches nothing else."""
    return HttpResponse("ok", content_type="text/plain")


class ReadinessView(HealthCheckView):
    """Readiness: the database answers. Always JSON (probes and people get the same answer)."""

    def render_to_response(self, context: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = self.render_to_response_json(kwargs.get("status", 200))
        return response


readyz = public(never_cache(ReadinessView.as_view(checks=["health_check.checks.Database"])))


@public
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
