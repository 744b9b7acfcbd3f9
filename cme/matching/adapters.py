"""Rows of the service ↔ the engine's ``Record``. The engine normalises free text itself; these only
pick the fields and say what each source calls them."""

from __future__ import annotations

import re
from typing import Any

from cme.matching.engine.records import Record
from cme.matching.models import MatchableRecord, RollReturnPupil
from cme.people.models import Child

_NAME_SPLIT = re.compile(r"[,;/]+")


def _sex(value: str) -> str:
    return value if value in ("M", "F") else ""


def _other_names(value: str) -> tuple[str, ...]:
    """ "Smith, Jones; Ann" → ("Smith", "Jones", "Ann"): each other or previous name on its own."""
    return tuple(part.strip() for part in _NAME_SPLIT.split(value or "") if part.strip())


def _address(*parts: str) -> str:
    return ", ".join(part.strip() for part in parts if part and part.strip())


def _record_from_person(person: Any) -> Record:
    """A child on a case and the child a referral describes name their fields alike."""
    return Record(
        id=str(person.pk),
        forenames=person.forenames,
        surname=person.surname,
        dob=person.date_of_birth,
        sex=_sex(person.sex),
        postcode=person.postcode,
        address=_address(person.address_line_1, person.address_line_2, person.town),
        upn=person.upn,
        nhs_number=person.nhs_number,
        other_names=_other_names(person.other_names),
    )


def record_from_child(child: Child) -> Record:
    return _record_from_person(child)


def record_from_referral(referral: Any) -> Record:
    """The child a referral describes (``cme.referrals.models.Referral``, passed in by the referrals app)."""
    return _record_from_person(referral)


def record_from_inbound_enquiry(inbound: Any) -> Record:
    """The child another council asks about (``cme.enquiries.models.InboundEnquiry``)."""
    return Record(
        id=str(inbound.pk),
        forenames=inbound.forenames,
        surname=inbound.surname,
        dob=inbound.date_of_birth,
        sex=_sex(inbound.sex),
        postcode=inbound.last_known_postcode,
        address=" ".join(inbound.last_known_address.split()),
        upn=inbound.upn,
        other_names=_other_names(inbound.other_names),
    )


def record_from_pupil(pupil: RollReturnPupil) -> Record:
    return Record(
        id=str(pupil.pk),
        forenames=pupil.forenames,
        surname=pupil.surname,
        dob=pupil.date_of_birth,
        sex=_sex(pupil.sex),
        postcode=pupil.postcode,
        address=pupil.address,
        upn=pupil.upn,
        other_names=_other_names(pupil.other_names),
    )


def record_from_index(row: MatchableRecord) -> Record:
    """An index row as a record; its id is the index row's id."""
    return Record(
        id=str(row.pk),
        forenames=row.forenames,
        surname=row.surname,
        dob=row.date_of_birth,
        sex=row.sex,
        postcode=row.postcode,
        address=row.address,
        upn=row.upn,
        nhs_number=row.nhs_number,
        other_names=tuple(row.other_names.split("|")) if row.other_names else (),
    )


def index_values(record: Record) -> dict[str, Any]:
    """The index row's fields for ``record``."""
    return {
        "forenames": record.forenames[:100],
        "other_names": "|".join(record.other_names)[:300],
        "surname": record.surname[:100],
        "date_of_birth": record.dob,
        "sex": record.sex,
        "postcode": record.postcode[:8],
        "address": record.address[:500],
        "upn": "".join(record.upn.split()).upper()[:13],
        "nhs_number": "".join(record.nhs_number.split())[:10],
    }
