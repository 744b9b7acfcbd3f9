"""Writing organisations and team mailboxes. Every change is audited in its own transaction."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.core.exceptions import ApplicationError
from cme.organisations.models import Mailbox, Organisation
from cme.schools.models import School

_LA_CODE = re.compile(r"^[0-9]{3}$")


@transaction.atomic
def organisation_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    school: School | None = None,
    agency_type: str = "",
    la_code: str = "",
) -> Organisation:
    """Add an organisation. What it needs depends on its kind: a school organisation is linked to
    one school of the register, a partner agency has an agency type, another council has its
    3-digit LA code. Details that do not belong to the kind are dropped."""
    if kind not in Organisation.Kind.values:
        raise ApplicationError("Select the kind of organisation", field="kind")
    organisation = Organisation(kind=kind, created_by=actor, modified_by=actor)
    _apply_details(organisation, name=name, school=school, agency_type=agency_type, la_code=la_code)
    organisation.save()
    audit_record(
        actor=actor, action=AuditAction.ORGANISATION_CREATED, target=organisation, data={"kind": organisation.kind}
    )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    school: School | None = None,
    agency_type: str = "",
    la_code: str = "",
    is_active: bool = True,
) -> Organisation:
    """Change an organisation's details or make it (in)active. Its kind never changes: people's
    roles depend on it, so a different kind of organisation is a new organisation."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = _snapshot(organisation)
    _apply_details(organisation, name=name, school=school, agency_type=agency_type, la_code=la_code)
    organisation.is_active = is_active
    changed = sorted(field for field, value in _snapshot(organisation).items() if before[field] != value)
    if not changed:
        return organisation
    organisation.modified_by = actor
    organisation.save()
    audit_record(
        actor=actor,
        action=AuditAction.ORGANISATION_CHANGED,
        target=organisation,
        data={"kind": organisation.kind, "fields": changed},
    )
    return organisation


@transaction.atomic
def mailbox_update(*, actor: Any, key: str, email: str) -> Mailbox:
    """Set the address of a team mailbox, adding the mailbox the first time it is set.

    The old and new addresses go into the audit trail: they are team mailboxes, not people.
    """
    if key not in Mailbox.Key.values:
        raise ApplicationError("Select a team mailbox", field="key")
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ApplicationError(
            "Enter an email address in the correct format, like name@example.com", field="email"
        ) from error
    mailbox = Mailbox.objects.select_for_update().filter(key=key).first()
    old_email = mailbox.email if mailbox else ""
    if mailbox is None:
        mailbox = Mailbox(key=key, created_by=actor)
    elif old_email == email:
        return mailbox
    mailbox.email = email
    mailbox.modified_by = actor
    mailbox.save()
    audit_record(
        actor=actor,
        action=AuditAction.MAILBOX_CHANGED,
        target=mailbox,
        data={"key": key, "old_email": old_email, "new_email": email},
    )
    return mailbox


def _apply_details(
    organisation: Organisation, *, name: str, school: School | None, agency_type: str, la_code: str
) -> None:
    """Check the details against the organisation's kind and set them, clearing the ones the
    kind does not use. Raises ApplicationError naming the field at fault."""
    name = " ".join(name.split())
    if not name:
        raise ApplicationError("Enter the name of the organisation", field="name")
    if len(name) > Organisation._meta.get_field("name").max_length:  # type: ignore[operator]
        raise ApplicationError("Name must be 200 characters or fewer", field="name")
    duplicate = Organisation.objects.filter(kind=organisation.kind, name__iexact=name).exclude(pk=organisation.pk)
    if duplicate.exists():
        raise ApplicationError(
            f"There is already a {organisation.get_kind_display().lower()} called {name}", field="name"
        )

    kind = organisation.kind
    organisation.name = name
    organisation.school = school if kind == Organisation.Kind.SCHOOL else None
    organisation.agency_type = agency_type if kind == Organisation.Kind.PARTNER_AGENCY else ""
    organisation.la_code = la_code.strip() if kind == Organisation.Kind.OTHER_COUNCIL else ""

    if kind == Organisation.Kind.SCHOOL:
        if school is None:
            raise ApplicationError("Enter the URN of the school", field="school")
        if Organisation.objects.filter(school=school).exclude(pk=organisation.pk).exists():
            raise ApplicationError(f"{school.name} already has an organisation", field="school")
    if kind == Organisation.Kind.PARTNER_AGENCY and agency_type not in Organisation.AgencyType.values:
        raise ApplicationError("Select the type of agency", field="agency_type")
    if kind == Organisation.Kind.OTHER_COUNCIL and not _LA_CODE.match(organisation.la_code):
        raise ApplicationError("Enter the council's LA code as 3 digits, like 919", field="la_code")


def _snapshot(organisation: Organisation) -> dict[str, object]:
    return {
        "name": organisation.name,
        "school": organisation.school_id,
        "agency_type": organisation.agency_type,
        "la_code": organisation.la_code,
        "is_active": organisation.is_active,
    }
