"""Reading a school's roll or new-pupil return: CSV (the columns ``match_files`` reads) or a Common
Transfer File. Every problem is reported with its row, so the school can correct the file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from cme.core.exceptions import ApplicationError
from cme.ctf import CtfFormatError, parse_ctf
from cme.matching.engine.records import normalise_sex, parse_dob

MAX_PUPILS = 5000
MAX_FILE_BYTES = 5 * 1024 * 1024

# Column names accepted for each field (lower case; spaces and hyphens read as underscores).
_COLUMNS: dict[str, tuple[str, ...]] = {
    "pupil_reference": ("id", "pupil_id", "reference", "admission_number"),
    "forenames": ("forename", "forenames", "first_name", "given_name", "legal_forename"),
    "other_names": ("other_names", "middle_names", "preferred_forename", "former_surname"),
    "surname": ("surname", "last_name", "family_name", "legal_surname"),
    "date_of_birth": ("dob", "date_of_birth", "birth_date"),
    "sex": ("sex", "gender"),
    "postcode": ("postcode", "post_code"),
    "address": ("address", "address_line_1", "address1"),
    "upn": ("upn",),
    "school_urn": ("urn", "school_urn"),
}
_REQUIRED = ("forenames", "surname", "date_of_birth")


@dataclass(frozen=True)
class PupilRow:
    row_number: int
    pupil_reference: str
    forenames: str
    surname: str
    other_names: str
    date_of_birth: date | None
    sex: str
    postcode: str
    address: str
    upn: str


def _header_key(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _columns(fieldnames: list[str] | None) -> dict[str, str]:
    """Which header names the file uses for each field."""
    headers = {_header_key(name): name for name in (fieldnames or [])}
    columns: dict[str, str] = {}
    for field, names in _COLUMNS.items():
        found = next((headers[name] for name in names if name in headers), None)
        if found is not None:
            columns[field] = found
    missing = [field for field in _REQUIRED if field not in columns]
    if missing:
        wanted = {"forenames": "forename", "surname": "surname", "date_of_birth": "dob"}
        raise ApplicationError(
            "The file must have a header row with the columns " + ", ".join(wanted[m] for m in missing),
            field="file",
        )
    return columns


def _csv_row(number: int, values: dict[str, str], *, school_urn: int, problems: list[str]) -> PupilRow:
    urn = values.get("school_urn", "")
    if urn and urn != str(school_urn):
        problems.append(f"row {number}: the URN {urn} is not the selected school's")
    dob = parse_dob(values.get("date_of_birth", ""))
    if values.get("date_of_birth") and dob is None:
        problems.append(f"row {number}: the date of birth is not a date")
    if not values.get("forenames") or not values.get("surname"):
        problems.append(f"row {number}: the forename and surname are needed")
    return PupilRow(
        row_number=number,
        pupil_reference=values.get("pupil_reference", "")[:50],
        forenames=values.get("forenames", "")[:100],
        surname=values.get("surname", "")[:100],
        other_names=values.get("other_names", "")[:300],
        date_of_birth=dob,
        sex=normalise_sex(values.get("sex", "")),
        postcode=values.get("postcode", "")[:8],
        address=values.get("address", "")[:500],
        upn="".join(values.get("upn", "").split()).upper()[:13],
    )


def read_roll_csv(content: bytes, *, school_urn: int) -> list[PupilRow]:
    """Pupils from a CSV with a header row. Needs forename, surname and dob columns; id, sex, postcode,
    address, upn and urn are read when present (a URN must be the selected school's)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApplicationError("The file must be a CSV file saved as UTF-8", field="file") from None
    reader = csv.DictReader(io.StringIO(text))
    columns = _columns(list(reader.fieldnames or []))
    rows: list[PupilRow] = []
    problems: list[str] = []
    for number, raw in enumerate(reader, start=2):
        values = {field: str(raw.get(column) or "").strip() for field, column in columns.items()}
        if not any(values.values()):
            continue
        rows.append(_csv_row(number, values, school_urn=school_urn, problems=problems))
        if len(rows) > MAX_PUPILS:
            raise ApplicationError(f"A return can list at most {MAX_PUPILS:,} pupils", field="file")
    if problems:
        shown = "; ".join(problems[:5])
        more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise ApplicationError(f"Correct the file and upload it again: {shown}{more}", field="file")
    if not rows:
        raise ApplicationError("The file lists no pupils", field="file")
    return rows


def read_roll_ctf(content: bytes, *, school_urn: int) -> list[PupilRow]:
    """Pupils from a Common Transfer File (domain.md §6.3). A URN in its header must be the selected school's."""
    try:
        ctf = parse_ctf(content)
    except CtfFormatError as error:
        raise ApplicationError(f"The file is not a common transfer file cme can read: {error}", field="file") from None
    urn = ctf.header.source.urn.strip()
    if urn and urn != str(school_urn):
        raise ApplicationError(f"The file comes from the school with URN {urn}, not the selected school", field="file")
    rows = []
    for number, pupil in enumerate(ctf.pupils, start=1):
        address = pupil.address
        lines = address.lines or tuple(
            part for part in (address.saon, address.paon, address.street, address.locality, address.town) if part
        )
        other = " ".join(n for n in (pupil.middle_names, pupil.preferred_forename, pupil.former_surname) if n)
        rows.append(
            PupilRow(
                row_number=number,
                pupil_reference="",
                forenames=pupil.forename[:100],
                surname=pupil.surname[:100],
                other_names=other.replace(" ", ", ")[:300] if other else "",
                date_of_birth=pupil.dob,
                sex=pupil.sex if pupil.sex in ("M", "F") else "",
                postcode=address.postcode[:8],
                address=", ".join(lines)[:500],
                upn=pupil.upn[:13],
            )
        )
    if not rows:
        raise ApplicationError("The file lists no pupils", field="file")
    if len(rows) > MAX_PUPILS:
        raise ApplicationError(f"A return can list at most {MAX_PUPILS:,} pupils", field="file")
    return rows
