"""Blocking keys: the indexed values a candidate must share with a record to be scored at all.

A pair is a candidate when ANY key of one record equals the same key of the other. Empty keys
never match. The caller stores the
keys as indexed columns and looks candidates up with one indexed query per key, so a duplicate
check never loads every record. Between them the keys find the true pair whenever at least one of
these is intact: the date of birth, the postcode, the sound of the surname with the birth month or
with the birthday (day and month in either order), the sound of forename and surname (in either
order), the house number with the start of the street name (in the same postcode area), the surname
with the house number, the forename and surname initial with the town, or the start of the surname
with the birth year and the town.
"""

from __future__ import annotations

from .phonetic import soundex
from .records import (
    Record,
    address_number,
    address_street,
    address_town,
    dob_string,
    first_forename,
    normalise_address,
    normalise_name,
    normalise_postcode,
    swapped_dob,
)

#: Keys compared like for like between two records.
KEY_NAMES = (
    "dob",
    "postcode",
    "surname_phonetic",
    "birth_month_surname",
    "birthday_surname",
    "names_phonetic",
    "address_key",
    "surname_number",
    "names_town",
    "surname_year_town",
)
#: The date with day and month exchanged, matched against the other record's ``dob``. Returned for
#: callers that look swapped dates up, but not needed: ``birthday_surname`` finds a swap, and a cross
#: lookup of swapped dates doubles the candidates of every check (the engine's own blocking skips it).
SWAPPED_KEY = "dob_swapped"


def blocking_keys(record: Record) -> dict[str, str]:
    """The blocking keys of a record; a key that cannot be formed is "".

    - ``dob``: ISO date of birth (or the digits of an invalid one, as "2014-02-30");
    - ``dob_swapped``: the date of birth with day and month exchanged (see ``SWAPPED_KEY``);
    - ``postcode``: normalised postcode without spaces;
    - ``surname_phonetic``: Soundex of the surname (used with the others, too broad alone at scale);
    - ``birth_month_surname``: birth year and month and Soundex of the surname ("2014-03:S530");
    - ``birthday_surname``: birth year, day and month in increasing order, and Soundex of the surname
      ("2014:03-07:S530"), the same when day and month are swapped;
    - ``names_phonetic``: Soundex of forename and of surname, sorted ("J500:S530"), so a forename and
      surname recorded the wrong way round still meet;
    - ``address_key``: house number, the first three letters of the street and the first two characters
      of the postcode ("12:HIG:AL");
    - ``surname_number``: surname (spaces out) and house number ("SMITH:12"), when the postcode and date
      of birth are both wrong or missing;
    - ``names_town``: first forename, the surname's initial and the town, the last word of the address
      line ("JACK:S:HATFIELD"), when the surname has a slip and the house number is missing or wrong;
    - ``surname_year_town``: the first three letters of the surname, the birth year and the town
      ("SMI:2014:HATFIELD"), when the forename is missing and the date, postcode and street have slips.
    """
    surname = normalise_name(record.surname).replace(" ", "")
    forename = first_forename(record.forenames)
    surname_code = soundex(surname)
    forename_code = soundex(forename)
    postcode = normalise_postcode(record.postcode)
    address = normalise_address(record.address)
    number, street = address_number(address), address_street(address).split()
    town = address_town(address)
    dob = dob_string(record)
    day_month = "-".join(sorted((dob[5:7], dob[8:10])))
    swapped = swapped_dob(record.dob)
    return {
        "dob": dob,
        SWAPPED_KEY: swapped.isoformat() if swapped else "",
        "postcode": postcode,
        "surname_phonetic": surname_code,
        "birth_month_surname": f"{dob[:7]}:{surname_code}" if dob and surname_code else "",
        "birthday_surname": f"{dob[:4]}:{day_month}:{surname_code}" if dob and surname_code else "",
        "names_phonetic": ":".join(sorted((forename_code, surname_code))) if forename_code and surname_code else "",
        "address_key": f"{number}:{street[0][:3]}:{postcode[:2]}" if number and street else "",
        "surname_number": f"{surname}:{number}" if surname and number else "",
        "names_town": f"{forename}:{surname[:1]}:{town}" if forename and surname and town else "",
        "surname_year_town": f"{surname[:3]}:{dob[:4]}:{town}" if surname and dob and town else "",
    }


def share_a_key(keys_a: dict[str, str], keys_b: dict[str, str], *, use_surname_phonetic: bool = False) -> bool:
    """Whether two records are candidates for each other under the blocking rules."""
    names = KEY_NAMES if use_surname_phonetic else tuple(k for k in KEY_NAMES if k != "surname_phonetic")
    return any(keys_a[name] and keys_a[name] == keys_b[name] for name in names)
