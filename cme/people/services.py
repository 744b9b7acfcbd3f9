"""Writes to children's records."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from cme.areas.models import District
from cme.people.models import Child


@transaction.atomic
def child_create(
    *,
    actor: Any,
    forenames: str,
    surname: str,
    other_names: str = "",
    date_of_birth: date | None = None,
    sex: str = "U",
    upn: str = "",
    nhs_number: str = "",
    address_line_1: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
    district: District | None = None,
) -> Child:
    """Record a child. The caller audits the action that made the record (opening a case)."""
    return Child.objects.create(
        forenames=forenames,
        surname=surname,
        other_names=other_names,
        date_of_birth=date_of_birth,
        sex=sex,
        upn=upn,
        nhs_number=nhs_number,
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        town=town,
        postcode=postcode,
        district=district,
        created_by=actor,
        modified_by=actor,
    )
