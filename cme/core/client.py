"""The network address a request came from, for rate limits and sign-in lockouts."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """``REMOTE_ADDR`` unless the service runs behind trusted proxies.

    With ``CME_TRUSTED_PROXY_COUNT`` set to N, each proxy appends the address it received the request
    from to ``X-Forwarded-For``, so the client is the Nth entry from the right; entries further left were
    written by the client and are not trusted. If the header has fewer entries than that, the request did
    not come through every proxy and ``REMOTE_ADDR`` is used.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "")
    proxies = settings.CME_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return hops[-proxies]
