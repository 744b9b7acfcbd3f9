"""Blocking keys: the indexed values a candidate must share with a record to be scored at all.

A pair is a candidate when ANY key of one record equals the same key of the other (and
``dob_swapped`` of one equals ``dob`` of the other). Empty keys never match. The caller stores the
keys as indexed columns and looks candidates up with one indexed query per key, so a duplicate
check never loads every record. Between them the keys find the true pair whenever at least one of
these is intact: the date of birth (or its day/month swap), the postcode, or the surname's sound
together with the birth year or with the forename's initial and the postcode district.
"""

from __future__ import annotations

from .phonetic import soundex
from .records import Record, first_forename, normalise_name, normalise_postcode, postcode_district, swapped_dob

#: Keys compared like for like between two records.
KEY_NAMES = ("dob", "postcode", "surname_phonetic", "birth_year_surname", "name_district")
#: ``dob_swapped`` is matched against the other record's ``dob``.
SWAPPED_KEY = "dob_swapped"


def blocking_keys(record: Record) -> dict[str, str]:
    """The blocking keys of a record; a key that cannot be formed is "".

    - ``dob``: ISO date of birth;
    - ``dob_swapped``: the date of birth with day and month exchanged (matched against ``dob``);
    - ``postcode``: normalised postcode without spaces;
    - ``surname_phonetic``: Soundex of the surname (used with the others, too broad alone at scale);
    - ``birth_year_surname``: birth year and Soundex of the surname ("2014:S530");
    - ``name_district``: forename initial, surname Soundex and postcode district ("J:S530:AL1").
    """
    surname_code = soundex(normalise_name(record.surname))
    forename = first_forename(record.forenames)
    postcode = normalise_postcode(record.postcode)
    district = postcode_district(postcode)
    swapped = swapped_dob(record.dob)
    return {
        "dob": record.dob.isoformat() if record.dob else "",
        "dob_swapped": swapped.isoformat() if swapped else "",
        "postcode": postcode,
        "surname_phonetic": surname_code,
        "birth_year_surname": f"{record.dob.year}:{surname_code}" if record.dob and surname_code else "",
        "name_district": f"{forename[0]}:{surname_code}:{district}" if forename and surname_code and district else "",
    }


def share_a_key(keys_a: dict[str, str], keys_b: dict[str, str], *, use_surname_phonetic: bool = False) -> bool:
    """Whether two records are candidates for each other under the blocking rules."""
    names = KEY_NAMES if use_surname_phonetic else tuple(k for k in KEY_NAMES if k != "surname_phonetic")
    if any(keys_a[name] and keys_a[name] == keys_b[name] for name in names):
        return True
    return bool(
        (keys_a[SWAPPED_KEY] and keys_a[SWAPPED_KEY] == keys_b["dob"])
        or (keys_b[SWAPPED_KEY] and keys_b[SWAPPED_KEY] == keys_a["dob"])
    )
