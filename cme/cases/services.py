"""Opening cases. The case management work (allocation, enquiries, outcomes) builds on this."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from cme.areas.models import Area, District
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.models import Case
from cme.core.exceptions import ApplicationError
from cme.core.references import new_reference
from cme.people.services import child_create


@transaction.atomic
def case_open(
    *,
    actor: Any,
    forenames: str,
    surname: str,
    date_of_birth: date | None,
    cme_from: date,
    area: Area | None,
    other_names: str = "",
    sex: str = "U",
    upn: str = "",
    nhs_number: str = "",
    address_line_1: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
    district: District | None = None,
    urgent: bool = False,
) -> Case:
    """Open a CME case for a child, recording the child."""
    child = child_create(
        actor=actor,
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
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    reference=new_reference("C"),
                    child=child,
                    area=area,
                    urgent=urgent,
                    cme_from=cme_from,
                    created_by=actor,
                    modified_by=actor,
                )
            break
        except IntegrityError:
            continue
    else:
        raise ApplicationError("Could not allocate a case reference; try again")
    audit_record(actor=actor, action=AuditAction.CASE_OPENED, target=case, case_id=str(case.pk))
    return case
