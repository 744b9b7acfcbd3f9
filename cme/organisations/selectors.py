"""Reading organisations."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet

from cme.organisations.models import Organisation


def organisation_list_active(*, include_id: uuid.UUID | None = None) -> QuerySet[Organisation]:
    """Organisations people can be added to, by name. ``include_id`` keeps one organisation in the
    list even if it has since been made inactive (a user already belonging to it)."""
    condition = Q(is_active=True)
    if include_id is not None:
        condition |= Q(pk=include_id)
    return Organisation.objects.filter(condition).order_by("name", "kind")
