"""The record the engine compares, and the normalisation every comparison and blocking key uses."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

_NON_LETTERS = re.compile(r"[^A-Z ]+")
_NON_ALNUM = re.compile(r"[^A-Z0-9 ]+")
_SPACES = re.compile(r"\s+")
_POSTCODE_CHARS = re.compile(r"[^A-Z0-9]")
_ADDRESS_NUMBER = re.compile(r"\b(\d+[A-Z]?)\b")
_DIGITS = re.compile(r"\D")

# Words that vary between sources without changing the address.
_ADDRESS_WORDS = {
    "ROAD": "RD",
    "STREET": "ST",
    "AVENUE": "AVE",
    "AV": "AVE",
    "CLOSE": "CL",
    "DRIVE": "DR",
    "LANE": "LN",
    "PLACE": "PL",
    "COURT": "CT",
    "CRESCENT": "CRES",
    "GARDENS": "GDNS",
    "TERRACE": "TER",
    "FLAT": "",
    "APARTMENT": "",
}
# The last word of a line without a town ("12 HIGH ST").
_STREET_TYPES = {word for word in _ADDRESS_WORDS.values() if word} | {"WAY", "MEWS", "WALK", "ROW", "SQ", "GROVE"}


@dataclass(frozen=True)
class Record:
    """One child as the engine sees it. Free text is normalised by the engine, not by the caller.

    ``other_names`` holds other and previous names (forenames or surnames, one name or several
    words each). ``sex`` is "M", "F" or "". Blank strings and ``None`` mean "not known".
    """

    id: str
    forenames: str = ""
    surname: str = ""
    dob: date | None = None
    sex: str = ""
    postcode: str = ""
    address: str = ""
    upn: str = ""
    nhs_number: str = ""
    other_names: tuple[str, ...] = field(default=())
    #: The date of birth as written, when it is not a valid date ("2014-02-30"): still compared digit by digit.
    dob_text: str = ""


def _ascii_upper(value: str | None) -> str:
    if not value:
        return ""
    if value.isascii():
        return value.upper()
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return text.upper()


def normalise_name(value: str | None) -> str:
    """Upper case ASCII letters, hyphens and apostrophes as spaces, single spaces: "O'Neil-Smith" → "O NEIL SMITH"."""
    text = _NON_LETTERS.sub(" ", _ascii_upper(value).replace("'", "").replace("\u2019", ""))
    return _SPACES.sub(" ", text).strip()


def name_tokens(value: str | None) -> list[str]:
    return normalise_name(value).split()


def first_forename(forenames: str | None) -> str:
    tokens = name_tokens(forenames)
    return tokens[0] if tokens else ""


def normalise_postcode(value: str | None) -> str:
    """Upper case, no spaces: " al1 3ab " → "AL13AB"."""
    return _POSTCODE_CHARS.sub("", _ascii_upper(value))


def postcode_sector(postcode: str) -> str:
    """Outward code and first inward digit ("AL13AB" → "AL13"); "" when too short to be a UK postcode."""
    return postcode[:-2] if len(postcode) >= 5 else ""


def postcode_district(postcode: str) -> str:
    """Outward code ("AL13AB" → "AL1"); "" when too short to be a UK postcode."""
    return postcode[:-3] if len(postcode) >= 5 else ""


def normalise_address(value: str | None) -> str:
    """Upper case, punctuation removed, common street words abbreviated, single spaces."""
    text = _NON_ALNUM.sub(" ", _ascii_upper(value))
    words = [_ADDRESS_WORDS.get(word, word) for word in text.split()]
    return " ".join(word for word in words if word)


def address_number(address: str) -> str:
    """The first house or flat number in a normalised address ("" when none)."""
    match = _ADDRESS_NUMBER.search(address)
    return match.group(1) if match else ""


def address_street(address: str) -> str:
    """The normalised address without its numbers."""
    return " ".join(word for word in address.split() if not word[0].isdigit())


def address_town(address: str) -> str:
    """The last word of a normalised address that is not a number: the town or locality of an address
    line written in the usual order ("12 HIGH ST HATFIELD" → "HATFIELD"); "" when there is none, or
    when the line ends with the street ("12 HIGH ST")."""
    words = address_street(address).split()
    return words[-1] if words and words[-1] not in _STREET_TYPES else ""


def normalise_identifier(value: str | None) -> str:
    """UPN or NHS number without spaces or punctuation, upper case."""
    return _POSTCODE_CHARS.sub("", _ascii_upper(value))


def normalise_sex(value: str | None) -> str:
    text = _ascii_upper(value).strip()
    if text in {"M", "MALE", "BOY"}:
        return "M"
    if text in {"F", "FEMALE", "GIRL"}:
        return "F"
    return ""


def parse_dob(value: str | date | None) -> date | None:
    """A date from "2014-03-07", "07/03/2014", "7-3-2014" or "20140307"; ``None`` when blank or invalid."""
    if isinstance(value, date):
        return value
    text = (value or "").strip()
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            year, month, day = (int(part) for part in text.split("-"))
        elif re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", text):
            day, month, year = (int(part) for part in re.split(r"[/.-]", text))
        elif re.fullmatch(r"\d{8}", text):
            year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
        else:
            return None
        return date(year, month, day)
    except ValueError:
        return None


def dob_string(record: Record) -> str:
    """The date of birth as "YYYY-MM-DD" (from ``dob``, else from a ``dob_text`` with the digits of a date)."""
    if record.dob is not None:
        return record.dob.isoformat()
    text = (record.dob_text or "").strip()
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = match.groups()
    elif match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text):
        day, month, year = match.groups()
    else:
        return ""
    return f"{year}-{int(month):02d}-{int(day):02d}"


def swapped_dob(dob: date | None) -> date | None:
    """The date with day and month exchanged, when that is a different valid date."""
    if dob is None or dob.day == dob.month or dob.day > 12:
        return None
    return date(dob.year, dob.day, dob.month)
