"""``{% case_documents case %}``: a case's issued letters and notices, for the case page."""

from __future__ import annotations

from typing import Any

from django import template

from cme.letters.selectors import case_documents as case_documents_of

register = template.Library()


@register.inclusion_tag("letters/_case_section.html")
def case_documents(case: Any) -> dict[str, Any]:
    return {"case": case, "documents": case_documents_of(case=case)}
