"""Common Transfer Files: structure, round trip, file names, the safety of the parser. Pupils are synthetic."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, datetime

import pytest

from cme.ctf import (
    CtfAddress,
    CtfBuildError,
    CtfFile,
    CtfFormatError,
    CtfHeader,
    CtfPupil,
    Establishment,
    build_ctf,
    ctf_file_name,
    parse_ctf,
)

SOURCE = Establishment(la="919", estab="0000", name="Hertfordshire County Council", academic_year="2026")
LOST = Establishment(la="XXX", estab="XXXX")
ABROAD = Establishment(la="MMM", estab="MMMM")
PUPIL = CtfPupil(
    upn="B801200005001",
    surname="Testchild",
    forename="Sample",
    dob=date(2014, 5, 17),
    sex="F",
    middle_names="Middle",
    address=CtfAddress(lines=("1 Synthetic Road", "Watford"), postcode="WD17 1AA"),
)


def a_file(pupil: CtfPupil = PUPIL, destination: Establishment = LOST) -> CtfFile:
    header = CtfHeader(
        source=SOURCE,
        destination=destination,
        created_at=datetime.fromisoformat("2026-11-27T09:30:05"),
        supplier_id="cme",
    )
    return CtfFile(header=header, pupils=(pupil,))


def test_a_lost_pupil_file_has_the_header_and_pupil_elements_in_order():
    root = ET.fromstring(build_ctf(a_file()))  # noqa: S314 - our own output

    assert root.tag == "CTfile"
    assert [child.tag for child in root] == ["Header", "CTFpupilData"]
    header = root.find("Header")
    assert header is not None
    assert [child.tag for child in header] == [
        "DocumentName",
        "CTFversion",
        "DateTime",
        "DocumentQualifier",
        "SupplierID",
        "SourceSchool",
        "DestSchool",
    ]
    assert header.findtext("DocumentName") == "Common Transfer File"
    assert header.findtext("CTFversion") == "20.0"
    assert header.findtext("DateTime") == "2026-11-27T09:30:05"
    assert header.findtext("DocumentQualifier") == "partial"
    assert (header.findtext("SourceSchool/LEA"), header.findtext("SourceSchool/Estab")) == ("919", "0000")
    assert (header.findtext("DestSchool/LEA"), header.findtext("DestSchool/Estab")) == ("XXX", "XXXX")
    pupils = root.findall("CTFpupilData/Pupil")
    assert len(pupils) == 1
    assert [child.tag for child in pupils[0]] == ["UPN", "Surname", "Forename", "DOB", "Sex", "BasicDetails", "Address"]
    assert pupils[0].findtext("DOB") == "2014-05-17"
    assert pupils[0].findtext("Address/AddressLines/AddressLine2") == "Watford"
    assert pupils[0].findtext("Address/Postcode") == "WD17 1AA"


def test_the_file_starts_with_an_xml_declaration():
    assert build_ctf(a_file()).startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<CTfile>')


def test_moved_abroad_goes_to_mmm():
    root = ET.fromstring(build_ctf(a_file(destination=ABROAD)))  # noqa: S314 - our own output

    assert root.findtext("Header/DestSchool/LEA") == "MMM"
    assert root.findtext("Header/DestSchool/Estab") == "MMMM"


@pytest.mark.parametrize(
    "pupil",
    [
        PUPIL,
        replace(PUPIL, sex="", address=CtfAddress()),
        replace(PUPIL, upn="M80120000500A", former_upn="P207000016049", preferred_forename="Sam", uln="1234567890"),
        replace(
            PUPIL,
            address=CtfAddress(
                paon="1", street="Synthetic Road", town="Watford", uprn="100000000001", postcode="WD17 1AA"
            ),
        ),
    ],
)
def test_what_is_built_reads_back_the_same(pupil):
    ctf = a_file(pupil)

    assert parse_ctf(build_ctf(ctf)) == ctf


@pytest.mark.parametrize(
    ("upn", "sex", "dob", "message"),
    [
        ("", "F", date(2014, 5, 17), "Pupil 1: the UPN is missing or its check letter is wrong"),
        ("A801200005001", "F", date(2014, 5, 17), "Pupil 1: the UPN is missing or its check letter is wrong"),
        ("B801200005001", "U", date(2014, 5, 17), "Pupil 1: sex must be M or F, or left out when not known"),
        ("B801200005001", "F", None, "Pupil 1: the date of birth is needed"),
    ],
)
def test_a_pupil_that_cannot_make_a_valid_file_is_refused(upn, sex, dob, message):
    with pytest.raises(CtfBuildError) as error:
        build_ctf(a_file(replace(PUPIL, upn=upn, sex=sex, dob=dob)))

    assert str(error.value) == message


def test_file_names_follow_the_pattern():
    assert ctf_file_name(source=SOURCE, destination=LOST, sequence=1) == "9190000_CTF_XXXXXXX_001.XML"
    assert ctf_file_name(source=SOURCE, destination=ABROAD, sequence=42) == "9190000_CTF_MMMMMMM_042.XML"
    with pytest.raises(CtfBuildError):
        ctf_file_name(source=SOURCE, destination=LOST, sequence=1000)


SCHOOL_FILE = b"""<?xml version="1.0" encoding="UTF-8"?>
<ctf:CTfile xmlns:ctf="http://www.dcsf.gov.uk/schemas/cbds">
  <ctf:Header>
    <ctf:DocumentName>Common Transfer File</ctf:DocumentName>
    <ctf:CTFversion>18.0</ctf:CTFversion>
    <ctf:DateTime>2026-09-10T14:02:11</ctf:DateTime>
    <ctf:DocumentQualifier>full</ctf:DocumentQualifier>
    <ctf:SourceSchool><ctf:LEA>919</ctf:LEA><ctf:Estab>2001</ctf:Estab><ctf:URN>117500</ctf:URN>
      <ctf:SchoolName>Synthetic Junior School</ctf:SchoolName>
      <ctf:AcademicYear>2026</ctf:AcademicYear></ctf:SourceSchool>
    <ctf:DestSchool><ctf:LEA>919</ctf:LEA><ctf:Estab>0000</ctf:Estab></ctf:DestSchool>
  </ctf:Header>
  <ctf:CTFpupilData>
    <ctf:Pupil>
      <ctf:UPN> r674123101121 </ctf:UPN><ctf:Surname>Example</ctf:Surname><ctf:Forename>Cara</ctf:Forename>
      <ctf:DOB>2015-02-03</ctf:DOB><ctf:Gender>Female</ctf:Gender>
      <ctf:BasicDetails><ctf:FormerUPN>B801200005001</ctf:FormerUPN><ctf:Ethnicity>WBRI</ctf:Ethnicity></ctf:BasicDetails>
      <ctf:Address>
        <ctf:BS7666Address><ctf:PAON>2</ctf:PAON><ctf:Street>Invented Lane</ctf:Street><ctf:Town>Stevenage</ctf:Town>
          <ctf:PostCode>SG1 1AA</ctf:PostCode></ctf:BS7666Address>
      </ctf:Address>
      <ctf:Attendance><ctf:YearData/></ctf:Attendance>
    </ctf:Pupil>
    <ctf:Pupil><ctf:UPN></ctf:UPN><ctf:Surname>Sample</ctf:Surname><ctf:Forename>Ben</ctf:Forename><ctf:DOB>2016-07-01</ctf:DOB><ctf:Sex>M</ctf:Sex></ctf:Pupil>
  </ctf:CTFpupilData>
</ctf:CTfile>
"""


def test_a_schools_namespaced_file_with_gender_and_bs7666_address_is_read():
    ctf = parse_ctf(SCHOOL_FILE)

    assert ctf.header.source == Establishment(
        la="919", estab="2001", urn="117500", name="Synthetic Junior School", academic_year="2026"
    )
    assert ctf.header.ctf_version == "18.0"
    assert ctf.header.created_at == datetime.fromisoformat("2026-09-10T14:02:11")
    first, second = ctf.pupils
    assert (first.upn, first.former_upn, first.forename, first.surname) == (
        "R674123101121",
        "B801200005001",
        "Cara",
        "Example",
    )
    assert (first.dob, first.sex) == (date(2015, 2, 3), "F")
    assert first.address == CtfAddress(paon="2", street="Invented Lane", town="Stevenage", postcode="SG1 1AA")
    assert (second.upn, second.sex, second.address) == ("", "M", CtfAddress())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE CTfile [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><CTfile>&b;</CTfile>',
            "The file declares a document type (DTD), which a Common Transfer File never needs",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE CTfile SYSTEM "file:///etc/passwd"><CTfile/>',
            "The file declares a document type (DTD), which a Common Transfer File never needs",
        ),
        (b"<CTfile><Header>", "The file is not well-formed XML (no element found, line 1)"),
        (b"<Other/>", "The file's root element is Other, not CTfile"),
        (b"<CTfile/>", "The file has no Header"),
    ],
)
def test_unsafe_or_wrong_files_are_refused_with_a_reason(data, message):
    with pytest.raises(CtfFormatError) as error:
        parse_ctf(data)

    assert str(error.value) == message


def test_a_bad_date_of_birth_names_the_pupil():
    data = build_ctf(a_file()).replace(b"2014-05-17", b"17/05/2014")

    with pytest.raises(CtfFormatError) as error:
        parse_ctf(data)

    assert str(error.value) == "Pupil 1: the date of birth “17/05/2014” is not a date (YYYY-MM-DD)"
