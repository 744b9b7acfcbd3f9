from datetime import date

import pytest

from cme.matching.engine.blocking import blocking_keys, share_a_key
from cme.matching.engine.nicknames import canonical_forename
from cme.matching.engine.phonetic import soundex
from cme.matching.engine.records import (
    Record,
    address_number,
    address_town,
    dob_string,
    normalise_address,
    normalise_name,
    normalise_postcode,
    normalise_sex,
    parse_dob,
    postcode_district,
    postcode_sector,
    swapped_dob,
)


def test_normalise_name_removes_accents_punctuation_and_case():
    assert normalise_name("  Zoë O'Neil-Smith ") == "ZOE ONEIL SMITH"
    assert normalise_name(None) == ""


def test_normalise_postcode_and_its_parts():
    assert normalise_postcode(" al1 3ab ") == "AL13AB"
    assert postcode_sector("AL13AB") == "AL13"
    assert postcode_district("AL13AB") == "AL1"
    assert postcode_district("2614") == ""


def test_normalise_address_abbreviates_street_words():
    assert normalise_address("Flat 2, 14 High Street, St Albans") == "2 14 HIGH ST ST ALBANS"
    assert address_number("14 HIGH ST") == "14"


def test_normalise_sex():
    assert [normalise_sex(v) for v in ("m", "Female", "", "x")] == ["M", "F", "", ""]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2014-03-07", date(2014, 3, 7)),
        ("07/03/2014", date(2014, 3, 7)),
        ("7.3.2014", date(2014, 3, 7)),
        ("20140307", date(2014, 3, 7)),
        ("2014-02-30", None),
        ("", None),
        ("soon", None),
    ],
)
def test_parse_dob(text, expected):
    assert parse_dob(text) == expected


def test_dob_string_keeps_the_digits_of_an_invalid_date():
    assert dob_string(Record(id="1", dob=date(2014, 3, 7))) == "2014-03-07"
    assert dob_string(Record(id="1", dob_text="30/02/2014")) == "2014-02-30"
    assert dob_string(Record(id="1", dob_text="20140230")) == "2014-02-30"
    assert dob_string(Record(id="1")) == ""


def test_swapped_dob():
    assert swapped_dob(date(2014, 3, 7)) == date(2014, 7, 3)
    assert swapped_dob(date(2014, 3, 3)) is None
    assert swapped_dob(date(2014, 3, 13)) is None


@pytest.mark.parametrize(
    ("name", "code"),
    [("ROBERT", "R163"), ("RUPERT", "R163"), ("SMITH", "S530"), ("SMYTHE", "S530"), ("ASHCRAFT", "A261"),
     ("TYMCZAK", "T522"), ("PFISTER", "P236"), ("LEE", "L000"), ("", "")],
)  # fmt: skip
def test_soundex(name, code):
    assert soundex(name) == code


def test_nicknames_map_to_one_canonical_name():
    assert canonical_forename("BOB") == "ROBERT"
    assert canonical_forename("ROBERT") == "ROBERT"
    assert canonical_forename("ZEBEDEE") == "ZEBEDEE"


def test_blocking_keys():
    record = Record(
        id="1", forenames="Jack Oliver", surname="Smith", dob=date(2014, 3, 7), postcode="al1 3ab", address="12 High St"
    )
    assert blocking_keys(record) == {
        "dob": "2014-03-07",
        "dob_swapped": "2014-07-03",
        "postcode": "AL13AB",
        "surname_phonetic": "S530",
        "birth_month_surname": "2014-03:S530",
        "birthday_surname": "2014:03-07:S530",
        "names_phonetic": "J200:S530",
        "address_key": "12:HIG:AL",
        "surname_number": "SMITH:12",
        "names_town": "",
        "surname_year_town": "",
    }


def test_town_keys_read_the_last_word_of_the_address_line():
    record = Record(id="1", forenames="Jack", surname="Smith", dob=date(2014, 3, 7), address="12 High Street, Hatfield")
    keys = blocking_keys(record)
    assert (keys["names_town"], keys["surname_year_town"]) == ("JACK:S:HATFIELD", "SMI:2014:HATFIELD")
    assert address_town(normalise_address("12 High Street, Hatfield")) == "HATFIELD"
    assert address_town(normalise_address("12 High Street")) == ""
    assert address_town(normalise_address("12")) == ""


def test_blocking_keys_of_an_empty_record_are_blank():
    assert set(blocking_keys(Record(id="1")).values()) == {""}


def test_share_a_key_matches_a_swapped_date_of_birth_and_names_in_either_order():
    a = Record(id="1", forenames="Amy", surname="Khan", dob=date(2014, 3, 7))
    swapped = Record(id="2", surname="Kahn", dob=date(2014, 7, 3))
    reversed_names = Record(id="3", forenames="Khan", surname="Amy")
    other = Record(id="4", forenames="Zed", surname="Brown", dob=date(2015, 1, 1))
    assert share_a_key(blocking_keys(a), blocking_keys(swapped))
    assert share_a_key(blocking_keys(a), blocking_keys(reversed_names))
    assert not share_a_key(blocking_keys(a), blocking_keys(other))
