"""Reading the two DfE files that describe schools into plain records (no database writes here).

- The performance-tables "school information" file (one LA: URN, LA, ESTAB, SCHNAME, ... ADMPOL), UTF-8.
- The Get Information about Schools (GIAS) "edubasealldata" extract (all of England: "URN",
  "LA (code)", "EstablishmentName", ...), Windows-1252.

The layout is told from the header line. A value that cannot be read stops the whole file with its
line number, before anything is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cme.areas.services import postcode_normalise
from cme.core.exceptions import ApplicationError
from cme.schools.models import School

DFE = "dfe_school_information"
GIAS = "gias_edubasealldata"
LAYOUT_NAMES = {DFE: "DfE school information", GIAS: "GIAS establishment extract"}

# Status as written in either file (lower case) → the register's status; None: not a school yet.
STATUSES: Mapping[str, str | None] = {
    "open": School.Status.OPEN,
    "open, but proposed to close": School.Status.PROPOSED_TO_CLOSE,
    "closed": School.Status.CLOSED,
    "proposed to open": None,
}

# GIAS "PhaseOfEducation (name)" → phase. "Not applicable" (and blank) fall back to the ages.
GIAS_PHASES: Mapping[str, str] = {
    "nursery": School.Phase.OTHER,
    "primary": School.Phase.PRIMARY,
    "middle deemed primary": School.Phase.PRIMARY,
    "secondary": School.Phase.SECONDARY,
    "middle deemed secondary": School.Phase.SECONDARY,
    "16 plus": School.Phase.POST_16,
    "all-through": School.Phase.ALL_THROUGH,
}


@dataclass
class SchoolRecord:
    """One row of either file, in the register's terms."""

    line: int
    urn: int
    la_code: str
    values: dict[str, Any] = field(default_factory=dict)
    # True for "Proposed to open": the row is read (and checked) but not imported.
    not_yet_open: bool = False


@dataclass
class _Layout:
    key: str
    la_column: str
    # School field → column.
    columns: Mapping[str, str]
    phase: Callable[[Mapping[str, str], int | None, int | None], str]


def _flag(value: str) -> bool:
    return value.strip() == "1"


def _is_special(*descriptions: str) -> bool:
    return any("special" in text.lower() for text in descriptions)


def phase_from_ages(age_low: int | None, age_high: int | None) -> str:
    if age_low is None or age_high is None:
        return School.Phase.OTHER
    if age_low >= 16:
        return School.Phase.POST_16
    if age_high <= 11:
        return School.Phase.PRIMARY
    if age_low >= 11:
        return School.Phase.SECONDARY
    if age_low <= 7 and age_high >= 16:
        return School.Phase.ALL_THROUGH
    return School.Phase.OTHER


def phase_from_dfe(row: Mapping[str, str], age_low: int | None, age_high: int | None) -> str:
    """Special schools are Special whatever their ages; otherwise the DfE's own flags say which
    phases a school teaches (both primary and secondary: All-through); colleges are 16 plus."""
    if _is_special(row["MINORGROUP"], row["SCHOOLTYPE"]):
        return School.Phase.SPECIAL
    primary, secondary, post16 = _flag(row["ISPRIMARY"]), _flag(row["ISSECONDARY"]), _flag(row["ISPOST16"])
    if primary and secondary:
        return School.Phase.ALL_THROUGH
    if primary:
        return School.Phase.PRIMARY
    if secondary:
        return School.Phase.SECONDARY
    if post16:
        return School.Phase.POST_16
    return phase_from_ages(age_low, age_high)


def phase_from_gias(row: Mapping[str, str], age_low: int | None, age_high: int | None) -> str:
    if _is_special(row["EstablishmentTypeGroup (name)"], row["TypeOfEstablishment (name)"]):
        return School.Phase.SPECIAL
    phase = GIAS_PHASES.get(row["PhaseOfEducation (name)"].strip().lower())
    return phase if phase is not None else phase_from_ages(age_low, age_high)


_TEXT_FIELDS = (
    "establishment_number",
    "name",
    "street",
    "locality",
    "address3",
    "town",
    "establishment_type",
    "establishment_group",
    "gender",
    "religious_character",
    "admissions_policy",
)

LAYOUTS: tuple[_Layout, ...] = (
    _Layout(
        key=DFE,
        la_column="LA",
        columns={
            "urn": "URN",
            "establishment_number": "ESTAB",
            "name": "SCHNAME",
            "street": "STREET",
            "locality": "LOCALITY",
            "address3": "ADDRESS3",
            "town": "TOWN",
            "postcode": "POSTCODE",
            "status": "SCHSTATUS",
            "open_date": "OPENDATE",
            "close_date": "CLOSEDATE",
            "establishment_type": "SCHOOLTYPE",
            "establishment_group": "MINORGROUP",
            "age_low": "AGELOW",
            "age_high": "AGEHIGH",
            "gender": "GENDER",
            "religious_character": "RELCHAR",
            "admissions_policy": "ADMPOL",
            "_primary": "ISPRIMARY",
            "_secondary": "ISSECONDARY",
            "_post16": "ISPOST16",
        },
        phase=phase_from_dfe,
    ),
    _Layout(
        key=GIAS,
        la_column="LA (code)",
        columns={
            "urn": "URN",
            "establishment_number": "EstablishmentNumber",
            "name": "EstablishmentName",
            "street": "Street",
            "locality": "Locality",
            "address3": "Address3",
            "town": "Town",
            "postcode": "Postcode",
            "status": "EstablishmentStatus (name)",
            "open_date": "OpenDate",
            "close_date": "CloseDate",
            "establishment_type": "TypeOfEstablishment (name)",
            "establishment_group": "EstablishmentTypeGroup (name)",
            "age_low": "StatutoryLowAge",
            "age_high": "StatutoryHighAge",
            "gender": "Gender (name)",
            "religious_character": "ReligiousCharacter (name)",
            "admissions_policy": "AdmissionsPolicy (name)",
            "_phase": "PhaseOfEducation (name)",
        },
        phase=phase_from_gias,
    ),
)


_MAX_LENGTHS: Mapping[str, int | None] = {
    f.name: f.max_length for f in School._meta.concrete_fields if f.name in _TEXT_FIELDS
}


class _RowError(Exception):
    pass


def decode(data: bytes) -> str:
    """UTF-8 (the DfE file; a byte-order mark is dropped) or else Windows-1252 (GIAS extracts)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def detect_layout(header: list[str], *, source: str) -> _Layout:
    names = set(header)
    for layout in LAYOUTS:
        # A layout is recognised by its URN, LA and name columns; the rest must then all be there.
        if {"URN", layout.la_column, layout.columns["name"]} <= names:
            missing = [column for column in layout.columns.values() if column not in names]
            if missing:
                raise ApplicationError(
                    f"{source}: this looks like a {LAYOUT_NAMES[layout.key]} file but it has no "
                    f"{', '.join(missing)} column{'s' if len(missing) > 1 else ''}."
                )
            return layout
    raise ApplicationError(
        f"{source}: the first line is not a header this import knows. Use the DfE school information file "
        "(URN, LA, ESTAB, SCHNAME, ...) or a GIAS establishment extract (URN, LA (code), EstablishmentName, ...)."
    )


def _date(value: str, column: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    match = re.fullmatch(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})", value)
    try:
        if match is None:
            raise ValueError
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        raise _RowError(f"{column} {value!r} is not a date like 31-08-2025") from None


def _age(value: str, column: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > 99:
        raise _RowError(f"{column} {value!r} is not an age in years")
    return int(value)


def _postcode(value: str, column: str) -> str:
    if not value.strip():
        return ""
    try:
        return postcode_normalise(value)
    except ApplicationError:
        raise _RowError(f"{column} {value!r} is not a postcode") from None


def _record(layout: _Layout, row: Mapping[str, str], line: int) -> SchoolRecord:
    cols = layout.columns
    urn_text = row[cols["urn"]].strip()
    if not urn_text.isdigit():
        raise _RowError(f"URN {urn_text!r} is not a number")
    status_text = row[cols["status"]].strip()
    if status_text.lower() not in STATUSES:
        raise _RowError(f"{cols['status']} {status_text!r} is not a status this import knows")
    status = STATUSES[status_text.lower()]
    age_low, age_high = _age(row[cols["age_low"]], cols["age_low"]), _age(row[cols["age_high"]], cols["age_high"])
    values: dict[str, Any] = {name: row[cols[name]].strip() for name in _TEXT_FIELDS}
    if not values["name"]:
        raise _RowError(f"{cols['name']} is empty")
    for name in _TEXT_FIELDS:
        limit = _MAX_LENGTHS[name]
        if limit is not None and len(values[name]) > limit:
            raise _RowError(f"{cols[name]} is longer than {limit} characters")
    values.update(
        postcode=_postcode(row[cols["postcode"]], cols["postcode"]),
        status=status or School.Status.OPEN,
        open_date=_date(row[cols["open_date"]], cols["open_date"]),
        close_date=_date(row[cols["close_date"]], cols["close_date"]),
        age_low=age_low,
        age_high=age_high,
        phase=layout.phase(row, age_low, age_high),
    )
    la_code = row[layout.la_column].strip()
    values["la_code"] = la_code
    return SchoolRecord(line=line, urn=int(urn_text), la_code=la_code, values=values, not_yet_open=status is None)


@dataclass
class SchoolFile:
    layout: str
    records: list[SchoolRecord]
    # Data rows in the file, and how many of them belong to another local authority (not read further).
    rows: int = 0
    other_la: int = 0


def read_school_file(data: bytes, *, source: str, la_code: str) -> SchoolFile:
    """Every row of local authority ``la_code`` as a record. Raises ApplicationError naming the line."""
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    header = [name.strip() for name in next(reader, [])]
    layout = detect_layout(header, source=source)
    la_at = header.index(layout.la_column)
    result = SchoolFile(layout=layout.key, records=[])
    first_seen: dict[int, int] = {}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        result.rows += 1
        if len(row) > len(header):
            raise ApplicationError(f"{source}, line {line}: it has {len(row)} fields but the header has {len(header)}.")
        if (row[la_at].strip() if la_at < len(row) else "") != la_code:
            result.other_la += 1
            continue
        # Rows may leave out empty fields at the end.
        padded = dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))
        try:
            record = _record(layout, padded, line)
        except _RowError as error:
            raise ApplicationError(f"{source}, line {line}: {error}.") from None
        if record.urn in first_seen:
            raise ApplicationError(
                f"{source}, line {line}: URN {record.urn} is already on line {first_seen[record.urn]}."
            )
        first_seen[record.urn] = line
        result.records.append(record)
    return result
