"""Writes for the DfE return (census dates, primary reasons for CME, a case's primary reason) and the
Lost Pupils Database file made from a closed case (policy 6.5). Each is audited with identifiers only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.models import Case
from cme.cases.outcomes import ctf_destination
from cme.cases.states import CaseStatus
from cme.core.exceptions import ApplicationError
from cme.core.school_age import academic_year_of
from cme.core.upn import is_valid_upn, normalise_upn
from cme.ctf import CtfAddress, CtfFile, CtfHeader, CtfPupil, Establishment, build_ctf, ctf_file_name
from cme.returns.models import CensusDate, CmeReason, LostPupilFile, Term

# Months in which each term's census day may fall.
TERM_MONTHS: Final = {Term.AUTUMN: range(9, 13), Term.SPRING: range(1, 5), Term.SUMMER: range(4, 8)}
TERM_MONTH_WORDS: Final = {
    Term.AUTUMN: "September to December",
    Term.SPRING: "January to April",
    Term.SUMMER: "April to July",
}
_CODE = re.compile(r"^[A-Z0-9_]{1,30}$")
SUPPLIER_ID: Final = "cme"


def _long(day: date) -> str:
    return date_format(day, "j F Y")


# Census dates ---------------------------------------------------------------------------------------


@transaction.atomic
def census_date_save(
    *, actor: Any, census_date: date, term: str, return_due: date | None, census: CensusDate | None = None
) -> CensusDate:
    """Add a census date, or change ``census``. One census date per day; the day must fall in its term."""
    if term not in Term.values:
        raise ApplicationError("Select the term", field="term")
    if census_date.month not in TERM_MONTHS[Term(term)]:
        raise ApplicationError(
            f"A census date in the {Term(term).label.lower()} term must be in {TERM_MONTH_WORDS[Term(term)]}",
            field="census_date",
        )
    if return_due is not None and return_due < census_date:
        raise ApplicationError("The return due date must be the same as or after the census date", field="return_due")
    clash = CensusDate.objects.filter(census_date=census_date)
    if census is not None:
        clash = clash.exclude(pk=census.pk)
    if clash.exists():
        raise ApplicationError(f"There is already a census date on {_long(census_date)}", field="census_date")
    if census is None:
        census = CensusDate(created_by=actor)
    census.census_date = census_date
    census.term = term
    census.return_due = return_due
    census.modified_by = actor
    census.save()
    audit_record(
        actor=actor,
        action=AuditAction.CENSUS_DATE_SAVED,
        target=census,
        data={"census_date": census_date.isoformat(), "term": term},
    )
    return census


# Primary reasons for CME ----------------------------------------------------------------------------


@transaction.atomic
def cme_reason_save(
    *, actor: Any, code: str, label: str, position: int, in_use: bool, reason: CmeReason | None = None
) -> CmeReason:
    """Add a primary reason for CME, or change ``reason``. Codes are unique; a reason is retired (not in
    use) rather than deleted, so cases that recorded it keep it."""
    code = code.strip().upper()
    label = label.strip()
    if not _CODE.match(code):
        raise ApplicationError(
            "The code must be up to 30 capital letters, numbers and underscores, as the collection guide gives it",
            field="code",
        )
    if not label:
        raise ApplicationError("Enter the reason", field="label")
    clash = CmeReason.objects.filter(code=code)
    if reason is not None:
        clash = clash.exclude(pk=reason.pk)
    if clash.exists():
        raise ApplicationError(f"There is already a reason with the code {code}", field="code")
    if reason is None:
        reason = CmeReason(created_by=actor)
    reason.code = code
    reason.label = label
    reason.position = position
    reason.in_use = in_use
    reason.modified_by = actor
    reason.save()
    audit_record(
        actor=actor,
        action=AuditAction.CME_REASON_SAVED,
        target=reason,
        data={"code": code, "in_use": in_use},
    )
    return reason


# A case's primary reason ----------------------------------------------------------------------------


@transaction.atomic
def case_cme_reason_set(*, case: Case, actor: Any, reason: CmeReason | None) -> Case:
    """Record the primary reason the case's child is missing education (None clears it). Only a reason in
    use may be chosen; one already recorded and since retired may be kept."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if reason is not None and not reason.in_use and reason.pk != locked.cme_reason_id:
        raise ApplicationError("Select a reason from the list", field="reason")
    locked.cme_reason = reason
    locked.modified_by = actor
    locked.save(update_fields=["cme_reason", "modified_by", "modified_on"])
    audit_record(
        actor=actor,
        action=AuditAction.CASE_CME_REASON_SET,
        target=locked,
        case_id=str(locked.pk),
        data={"reason": reason.code if reason else ""},
    )
    return locked


# Lost Pupils Database file (policy 6.5) -------------------------------------------------------------

NOT_ELIGIBLE: Final = (
    "A Lost Pupils Database file can only be made for a case closed as not located (Lost Pupils Database) "
    "or as left England with confirmation"
)
NO_UPN: Final = "The child has no UPN. Record the UPN on the child's record first: the Lost Pupils Database needs it"
BAD_UPN: Final = (
    "The child's UPN {upn} has the wrong check letter. Correct it on the child's record first: "
    "the Lost Pupils Database cannot match a wrong UPN"
)
NO_DOB: Final = "The child has no date of birth. Record it on the child's record first"


def lost_pupil_file_destination(case: Case) -> Establishment | None:
    """Where a closed case's CTF goes: XXX/XXXX (not located) or MMM/MMMM (moved abroad), or None."""
    if case.status != CaseStatus.CLOSED:
        return None
    code = ctf_destination(outcome=case.outcome, lost_pupils_database=case.lost_pupils_database)
    return Establishment(la=code[:3], estab=code[3:]) if code else None


def lost_pupil_file_problem(case: Case) -> str | None:
    """Why the case's Lost Pupils Database file cannot be made, as a sentence; None when it can."""
    if lost_pupil_file_destination(case) is None:
        return NOT_ELIGIBLE
    child = case.child
    if not child.upn:
        return NO_UPN
    if not is_valid_upn(child.upn):
        return BAD_UPN.format(upn=normalise_upn(child.upn))
    if child.date_of_birth is None:
        return NO_DOB
    return None


def _source() -> Establishment:
    return Establishment(la=settings.CME_LA_CODE, estab=settings.CME_CTF_SOURCE_ESTAB, name=settings.COUNCIL_NAME)


def lost_pupil_ctf(case: Case, *, made_at: datetime) -> CtfFile:
    """The one-pupil CTF for the case's child. A restricted case's file leaves out the address."""
    destination = lost_pupil_file_destination(case)
    assert destination is not None  # noqa: S101 - callers check lost_pupil_file_problem first
    child = case.child
    forename, _, middle = child.forenames.strip().partition(" ")
    address = CtfAddress()
    if not case.restricted:
        address = CtfAddress(
            lines=tuple(line for line in (child.address_line_1, child.address_line_2, child.town) if line),
            postcode=child.postcode,
        )
    local = timezone.localtime(made_at)
    source = _source()
    header = CtfHeader(
        source=Establishment(
            la=source.la, estab=source.estab, name=source.name, academic_year=str(academic_year_of(local.date()))
        ),
        destination=destination,
        created_at=local,
        supplier_id=SUPPLIER_ID,
    )
    pupil = CtfPupil(
        upn=normalise_upn(child.upn),
        surname=child.surname,
        forename=forename,
        middle_names=middle.strip(),
        dob=child.date_of_birth,
        sex=child.sex if child.sex in {"M", "F"} else "",
        address=address,
    )
    return CtfFile(header=header, pupils=(pupil,))


@dataclass(frozen=True)
class MadeFile:
    record: LostPupilFile
    content: bytes


@transaction.atomic
def lost_pupil_file_make(*, case: Case, actor: Any, now: datetime | None = None) -> MadeFile:
    """Make the case's Lost Pupils Database file (one pupil per file) and record that it was made.

    The file names run from 001 to 999 and then start again: S2S needs names unique within an upload."""
    locked = Case.objects.select_for_update().select_related("child").get(pk=case.pk)
    problem = lost_pupil_file_problem(locked)
    if problem is not None:
        raise ApplicationError(problem)
    made_at = now or timezone.now()
    ctf = lost_pupil_ctf(locked, made_at=made_at)
    last = LostPupilFile.objects.select_for_update().order_by("-made_at", "-created_on").first()
    sequence = 1 if last is None else last.sequence % 999 + 1
    name = ctf_file_name(source=ctf.header.source, destination=ctf.header.destination, sequence=sequence)
    content = build_ctf(ctf)
    record = LostPupilFile.objects.create(
        case=locked,
        made_by=actor,
        made_at=made_at,
        file_name=name,
        sequence=sequence,
        destination=ctf.header.destination.laestab,
        created_by=actor,
        modified_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.LOST_PUPIL_FILE_MADE,
        target=record,
        case_id=str(locked.pk),
        data={"file_name": name, "destination": record.destination},
    )
    return MadeFile(record=record, content=content)
