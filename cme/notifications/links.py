"""Links in messages: every one starts with CME_SITE_URL, the service's own address, never with the
Host of whatever request led to the message."""

from __future__ import annotations

from django.conf import settings


def link_to(path: str) -> str:
    """``path`` (as ``reverse`` gives it) as an absolute address on this service."""
    return f"{str(settings.CME_SITE_URL).rstrip('/')}{path}"
