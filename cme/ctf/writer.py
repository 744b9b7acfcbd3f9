"""Write a Common Transfer File (domain.md §6.3) and name it (§6.3 "File names")."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Final

from cme.core.upn import is_valid_upn, normalise_upn
from cme.ctf.records import CtfAddress, CtfFile, CtfHeader, CtfPupil, Establishment

_LA = re.compile(r"^(\d{3}|XXX|MMM)$")
_ESTAB = re.compile(r"^(\d{4}|XXXX|MMMM)$")
_SEX: Final = frozenset({"M", "F"})
MAX_ADDRESS_LINES: Final = 5


class CtfBuildError(ValueError):
    """The data cannot make a valid file; the message says what is wrong."""


def _text(parent: ET.Element, tag: str, value: str) -> None:
    if value:
        ET.SubElement(parent, tag).text = value


def _establishment(parent: ET.Element, tag: str, school: Establishment) -> None:
    if not _LA.match(school.la) or not _ESTAB.match(school.estab):
        raise CtfBuildError(f"{tag}: LA must be 3 digits (or XXX, MMM) and establishment 4 digits (or XXXX, MMMM)")
    element = ET.SubElement(parent, tag)
    ET.SubElement(element, "LEA").text = school.la
    ET.SubElement(element, "Estab").text = school.estab
    _text(element, "URN", school.urn)
    _text(element, "SchoolName", school.name)
    _text(element, "AcademicYear", school.academic_year)


def _header(root: ET.Element, header: CtfHeader) -> None:
    if header.created_at is None:
        raise CtfBuildError("The header needs the date and time the file was made")
    if header.document_qualifier not in {"full", "partial"}:
        raise CtfBuildError("The document qualifier must be full or partial")
    element = ET.SubElement(root, "Header")
    ET.SubElement(element, "DocumentName").text = header.document_name
    ET.SubElement(element, "CTFversion").text = header.ctf_version
    ET.SubElement(element, "DateTime").text = header.created_at.replace(tzinfo=None, microsecond=0).isoformat()
    ET.SubElement(element, "DocumentQualifier").text = header.document_qualifier
    _text(element, "SupplierID", header.supplier_id)
    _establishment(element, "SourceSchool", header.source)
    _establishment(element, "DestSchool", header.destination)


def _address(parent: ET.Element, address: CtfAddress) -> None:
    if address.is_empty:
        return
    element = ET.SubElement(parent, "Address")
    bs7666 = (
        address.saon,
        address.paon,
        address.street,
        address.locality,
        address.town,
        address.administrative_area,
        address.post_town,
        address.uprn,
    )
    if any(bs7666):
        parts = ET.SubElement(element, "BS7666Address")
        for tag, value in zip(
            (
                "SAON",
                "PAON",
                "Street",
                "Locality",
                "Town",
                "AdministrativeArea",
                "PostTown",
                "UniquePropertyReferenceNumber",
            ),
            bs7666,
            strict=True,
        ):
            _text(parts, tag, value)
    lines = [line for line in address.lines if line]
    if len(lines) > MAX_ADDRESS_LINES:
        raise CtfBuildError(f"An address has at most {MAX_ADDRESS_LINES} lines")
    if lines:
        block = ET.SubElement(element, "AddressLines")
        for number, line in enumerate(lines, start=1):
            ET.SubElement(block, f"AddressLine{number}").text = line
    _text(element, "Postcode", address.postcode)


def _pupil(parent: ET.Element, pupil: CtfPupil, position: int) -> None:
    upn = normalise_upn(pupil.upn)
    if not is_valid_upn(upn):
        raise CtfBuildError(f"Pupil {position}: the UPN is missing or its check letter is wrong")
    if pupil.former_upn and not is_valid_upn(pupil.former_upn):
        raise CtfBuildError(f"Pupil {position}: the former UPN's check letter is wrong")
    if not pupil.surname.strip() or not pupil.forename.strip():
        raise CtfBuildError(f"Pupil {position}: a surname and a forename are needed")
    if pupil.dob is None:
        raise CtfBuildError(f"Pupil {position}: the date of birth is needed")
    if pupil.sex and pupil.sex not in _SEX:
        raise CtfBuildError(f"Pupil {position}: sex must be M or F, or left out when not known")
    element = ET.SubElement(parent, "Pupil")
    ET.SubElement(element, "UPN").text = upn
    _text(element, "UniqueLearnerNumber", pupil.uln)
    ET.SubElement(element, "Surname").text = pupil.surname.strip()
    ET.SubElement(element, "Forename").text = pupil.forename.strip()
    ET.SubElement(element, "DOB").text = pupil.dob.isoformat()
    _text(element, "Sex", pupil.sex)
    basics = (
        ("FormerUPN", normalise_upn(pupil.former_upn)),
        ("PreferredSurname", pupil.preferred_surname),
        ("PreferredForename", pupil.preferred_forename),
        ("FormerSurname", pupil.former_surname),
        ("MiddleNames", pupil.middle_names),
        ("NCyearActual", pupil.nc_year_actual),
    )
    if any(value for _, value in basics):
        details = ET.SubElement(element, "BasicDetails")
        for tag, value in basics:
            _text(details, tag, value)
    _address(element, pupil.address)


def build_ctf(ctf: CtfFile) -> bytes:
    """The file as UTF-8 XML bytes with an XML declaration. Raises ``CtfBuildError`` when the header or
    a pupil cannot make a valid file (a UPN without its right check letter, a missing date of birth…)."""
    if not ctf.pupils:
        raise CtfBuildError("A file needs at least one pupil")
    root = ET.Element("CTfile")
    _header(root, ctf.header)
    pupils = ET.SubElement(root, "CTFpupilData")
    for position, pupil in enumerate(ctf.pupils, start=1):
        _pupil(pupils, pupil, position)
    ET.indent(root, space="  ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def ctf_file_name(*, source: Establishment, destination: Establishment, sequence: int) -> str:
    """``<SourceLAEstab>_CTF_<DestLAEstab>_<seq>.XML``, e.g. ``9190000_CTF_XXXXXXX_001.XML``."""
    if not 1 <= sequence <= 999:
        raise CtfBuildError("The file's sequence number must be from 1 to 999")
    return f"{source.laestab}_CTF_{destination.laestab}_{sequence:03d}.XML"
