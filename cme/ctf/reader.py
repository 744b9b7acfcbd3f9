"""Read a Common Transfer File (domain.md §6.3): ours, and the new-pupil files schools send.

Safety: files come from outside the council, so the parser refuses any document type declaration
(which is where entities are declared: no "billion laughs", no external entities) and any
processing of external DTDs, and refuses files larger than ``MAX_BYTES``. It drives expat directly
and builds the tree itself, so nothing but elements, attributes and text reaches the tree.

Tolerance: namespaced and un-namespaced files are read the same (prefixes are dropped); the pupil's
sex may be in ``Sex`` or, in older files, ``Gender``; the postcode in ``Postcode`` or ``PostCode``
anywhere in the address. Elements cme does not use are ignored.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from typing import Final, NoReturn
from xml.parsers import expat

from cme.core.upn import normalise_upn
from cme.ctf.records import CtfAddress, CtfFile, CtfHeader, CtfPupil, Establishment

MAX_BYTES: Final = 50 * 1024 * 1024
_SEX_CODES: Final = {"M": "M", "F": "F", "MALE": "M", "FEMALE": "F"}


class CtfFormatError(ValueError):
    """The bytes are not a Common Transfer File cme can read; the message says why."""


def _refuse(message: str) -> NoReturn:
    raise CtfFormatError(message)


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _parse_xml(data: bytes) -> ET.Element:
    if len(data) > MAX_BYTES:
        _refuse(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        _refuse("The file declares a document type (DTD), which a Common Transfer File never needs")

    def entity(*_: object) -> None:
        _refuse("The file declares entities, which a Common Transfer File never needs")

    def external(*_: object) -> int:
        _refuse("The file refers to an external entity")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = lambda name, attributes: builder.start(_local(name), attributes)
    parser.EndElementHandler = lambda name: builder.end(_local(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        _refuse(f"The file is not well-formed XML ({expat.ErrorString(error.code)}, line {error.lineno})")
    root: ET.Element = builder.close()
    return root


def _find(parent: ET.Element | None, *path: str) -> ET.Element | None:
    element = parent
    for tag in path:
        if element is None:
            return None
        element = element.find(tag)
    return element


def _text(parent: ET.Element | None, *path: str) -> str:
    element = _find(parent, *path)
    return (element.text or "").strip() if element is not None else ""


def _establishment(header: ET.Element, tag: str) -> Establishment:
    element = header.find(tag)
    if element is None:
        _refuse(f"The header has no {tag}")
    return Establishment(
        la=_text(element, "LEA"),
        estab=_text(element, "Estab"),
        urn=_text(element, "URN"),
        name=_text(element, "SchoolName"),
        academic_year=_text(element, "AcademicYear"),
    )


def _header(root: ET.Element) -> CtfHeader:
    header = root.find("Header")
    if header is None:
        _refuse("The file has no Header")
    stamp = _text(header, "DateTime")
    created_at = None
    if stamp:
        try:
            created_at = datetime.fromisoformat(stamp)
        except ValueError:
            _refuse(f"The header's DateTime “{stamp}” is not a date and time")
    return CtfHeader(
        source=_establishment(header, "SourceSchool"),
        destination=_establishment(header, "DestSchool"),
        created_at=created_at,
        supplier_id=_text(header, "SupplierID"),
        document_qualifier=_text(header, "DocumentQualifier"),
        ctf_version=_text(header, "CTFversion"),
        document_name=_text(header, "DocumentName"),
    )


def _address(pupil: ET.Element) -> CtfAddress:
    element = pupil.find("Address")
    if element is None:
        return CtfAddress()
    parts = element.find("BS7666Address")
    lines_block = element.find("AddressLines")
    lines: tuple[str, ...] = ()
    if lines_block is not None:
        lines = tuple(
            (line.text or "").strip()
            for line in lines_block
            if line.tag.startswith("AddressLine") and (line.text or "").strip()
        )
    postcode = next(
        ((node.text or "").strip() for node in element.iter() if node.tag in {"Postcode", "PostCode"}),
        "",
    )
    return CtfAddress(
        lines=lines,
        saon=_text(parts, "SAON"),
        paon=_text(parts, "PAON"),
        street=_text(parts, "Street"),
        locality=_text(parts, "Locality"),
        town=_text(parts, "Town"),
        administrative_area=_text(parts, "AdministrativeArea"),
        post_town=_text(parts, "PostTown"),
        uprn=_text(parts, "UniquePropertyReferenceNumber"),
        postcode=postcode,
    )


def _pupil(element: ET.Element, position: int) -> CtfPupil:
    dob_text = _text(element, "DOB")
    dob = None
    if dob_text:
        try:
            dob = date.fromisoformat(dob_text)
        except ValueError:
            _refuse(f"Pupil {position}: the date of birth “{dob_text}” is not a date (YYYY-MM-DD)")
    sex_text = (_text(element, "Sex") or _text(element, "Gender")).upper()
    basics = element.find("BasicDetails")
    return CtfPupil(
        upn=normalise_upn(_text(element, "UPN")),
        surname=_text(element, "Surname"),
        forename=_text(element, "Forename"),
        dob=dob,
        sex=_SEX_CODES.get(sex_text, ""),
        former_upn=normalise_upn(_text(basics, "FormerUPN")),
        middle_names=_text(basics, "MiddleNames"),
        preferred_surname=_text(basics, "PreferredSurname"),
        preferred_forename=_text(basics, "PreferredForename"),
        former_surname=_text(basics, "FormerSurname"),
        uln=_text(element, "UniqueLearnerNumber"),
        nc_year_actual=_text(basics, "NCyearActual"),
        address=_address(element),
    )


def parse_ctf(data: bytes) -> CtfFile:
    """The header and pupils of a CTF. Raises ``CtfFormatError`` for anything that is not a CTF cme can
    read safely. UPNs are returned as written (normalised, not checked): the caller decides what an
    invalid one means."""
    root = _parse_xml(data)
    if root.tag != "CTfile":
        _refuse(f"The file's root element is {root.tag}, not CTfile")
    pupil_data = root.find("CTFpupilData")
    pupils = [] if pupil_data is None else pupil_data.findall("Pupil")
    return CtfFile(
        header=_header(root),
        pupils=tuple(_pupil(element, position) for position, element in enumerate(pupils, start=1)),
    )
