from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from cme.core.navigation import navigation_for


def service(request: HttpRequest) -> dict[str, object]:
    return {
        "service_name": settings.SERVICE_NAME,
        "council_name": settings.COUNCIL_NAME,
        "navigation": navigation_for(user=getattr(request, "user", None), path=request.path),
    }
