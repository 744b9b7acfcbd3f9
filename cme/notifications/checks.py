"""`manage.py check`: with GOV.UK Notify switched on, every email must have a Notify template id."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from cme.notifications.catalogue import TEMPLATES


@register()
def notify_templates_configured(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not settings.NOTIFY_API_KEY:
        return []
    missing = sorted(key for key in TEMPLATES if not settings.NOTIFY_TEMPLATE_IDS.get(key))
    return [
        Error(
            f"NOTIFY_API_KEY is set but there is no GOV.UK Notify template id for '{key}'",
            hint=f"Set NOTIFY_TEMPLATE_{key.upper()} to the id of a Notify template made of ((subject)) and ((body)).",
            id="notifications.E001",
        )
        for key in missing
    ]
