"""Display helpers for the audit pages."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_CHUNK = 8


@register.filter
def breakable(value: object) -> SafeString:
    """Let a long unbroken value (a request id, an email address) wrap inside a narrow table
    cell: a line-break opportunity (<wbr>) after every few characters, the text itself escaped."""
    text = str(value)
    chunks = [escape(text[i : i + _CHUNK]) for i in range(0, len(text), _CHUNK)]
    return mark_safe("<wbr>".join(chunks))  # noqa: S308 - every chunk is escaped above
