"""What a Common Transfer File holds: its header and its pupils (domain.md §6.3).

Plain dataclasses, so a file can be built from a case (the Lost Pupils Database file) or read from a
school's new-pupil file for record matching, without Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final

#: The CTF version written in the header. Readers accept any version.
CTF_VERSION: Final = "20.0"
DOCUMENT_NAME: Final = "Common Transfer File"

#: Destination codes (domain.md §6.2): an unknown destination ("lost" file, held in the Lost Pupils
#: Database) and a pupil who moved abroad, leaving the English system.
LOST_LA: Final = "XXX"
LOST_ESTAB: Final = "XXXX"
ABROAD_LA: Final = "MMM"
ABROAD_ESTAB: Final = "MMMM"


@dataclass(frozen=True)
class Establishment:
    """A school or council in a header: ``SourceSchool`` or ``DestSchool``."""

    la: str
    estab: str
    urn: str = ""
    name: str = ""
    academic_year: str = ""

    @property
    def laestab(self) -> str:
        """The seven-character LA + establishment code, e.g. ``9192001`` or ``XXXXXXX``."""
        return f"{self.la}{self.estab}"


@dataclass(frozen=True)
class CtfHeader:
    source: Establishment
    destination: Establishment
    created_at: datetime | None  # required to write; a file read without one gives None
    supplier_id: str = ""
    document_qualifier: str = "partial"  # "full" or "partial"
    ctf_version: str = CTF_VERSION
    document_name: str = DOCUMENT_NAME


@dataclass(frozen=True)
class CtfAddress:
    """A pupil's address: BS7666 parts or free address lines, and the postcode."""

    lines: tuple[str, ...] = ()
    saon: str = ""
    paon: str = ""
    street: str = ""
    locality: str = ""
    town: str = ""
    administrative_area: str = ""
    post_town: str = ""
    uprn: str = ""
    postcode: str = ""

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.lines,
                self.saon,
                self.paon,
                self.street,
                self.locality,
                self.town,
                self.administrative_area,
                self.post_town,
                self.uprn,
                self.postcode,
            )
        )


@dataclass(frozen=True)
class CtfPupil:
    """The pupil elements cme writes and reads. ``sex`` is ``M``, ``F`` or ``""`` when not given."""

    upn: str
    surname: str
    forename: str
    dob: date | None
    sex: str = ""
    former_upn: str = ""
    middle_names: str = ""
    preferred_surname: str = ""
    preferred_forename: str = ""
    former_surname: str = ""
    uln: str = ""
    nc_year_actual: str = ""
    address: CtfAddress = field(default_factory=CtfAddress)


@dataclass(frozen=True)
class CtfFile:
    header: CtfHeader
    pupils: tuple[CtfPupil, ...]
