"""Unique pupil numbers: the vectors of domain.md §6.4 and malformed input."""

import pytest

from cme.core.upn import UPN_ALPHABET, is_valid_upn, normalise_upn, upn_check_letter, upn_error

CHECK_LETTER_WRONG = "The UPN's check letter is wrong: check it was copied correctly"


@pytest.mark.parametrize(
    ("upn", "valid"),
    [
        pytest.param("B801200005001", True, id="python-stdnum doctest"),
        pytest.param("A801200005001", False, id="check letter should be B"),
        pytest.param("P207000016049", True, id="the vendor example, with the right check letter P"),
        pytest.param("Q207000016049", False, id="the vendor example as printed: Q is wrong"),
        pytest.param("R674123101121", True, id="DfE MTC fixture"),
        pytest.param("M80120000500A", True, id="temporary UPN"),
    ],
)
def test_domain_vectors(upn, valid):
    assert is_valid_upn(upn) is valid
    assert upn_error(upn) == (None if valid else CHECK_LETTER_WRONG)


@pytest.mark.parametrize(
    ("body", "letter"),
    [("801200005001", "B"), ("207000016049", "P"), ("674123101121", "R"), ("80120000500A", "M")],
)
def test_check_letter(body, letter):
    assert upn_check_letter(body) == letter


def test_the_vendor_example_sums_to_266():
    # 2x2 + 4x7 + 9x1 + 10x6 + 12x4 + 13x9 = 266; 266 mod 23 = 13, the 14th letter of the alphabet
    assert 266 % 23 == 13
    assert UPN_ALPHABET[13] == "P"
    assert upn_check_letter("207000016049") == "P"


def test_the_alphabet_has_23_letters_without_i_o_or_s():
    assert len(UPN_ALPHABET) == 23
    assert set("IOS").isdisjoint(UPN_ALPHABET)


def test_a_temporary_upn_final_letter_counts_as_its_place_in_the_alphabet():
    # "A" is 0, so a temporary UPN ending in A has the same check letter as one ending in 0
    assert upn_check_letter("80120000500A") == upn_check_letter("801200005000")
    # "Z" is 22: 13 x 22 more than ending in 0
    expected = UPN_ALPHABET[(UPN_ALPHABET.index(upn_check_letter("801200005000")) + 13 * 22) % 23]
    assert upn_check_letter("80120000500Z") == expected


def test_every_single_mistyped_digit_is_caught():
    upn = "B801200005001"
    for position in range(1, 13):
        for digit in "0123456789":
            if digit != upn[position]:
                typo = upn[:position] + digit + upn[position + 1 :]
                assert upn_error(typo) == CHECK_LETTER_WRONG, typo


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [(" b801 2000 05001 ", "B801200005001"), ("m80120000500a", "M80120000500A"), ("B801200005001\t", "B801200005001")],
)
def test_normalise_removes_spaces_and_upper_cases(typed, normalised):
    assert normalise_upn(typed) == normalised
    assert is_valid_upn(typed) is True


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter a UPN"),
        ("   ", "Enter a UPN"),
        ("B80120000500", "UPN must be 13 characters"),
        ("B8012000050011", "UPN must be 13 characters"),
        ("1801200005001", "UPN must start with a letter other than I, O or S"),
        ("I801200005001", "UPN must start with a letter other than I, O or S"),
        ("O801200005001", "UPN must start with a letter other than I, O or S"),
        ("S801200005001", "UPN must start with a letter other than I, O or S"),
        ("B80120000A001", "UPN must be a letter followed by 12 numbers, or by 11 numbers and a letter"),
        ("B801-00005001", "UPN must be a letter followed by 12 numbers, or by 11 numbers and a letter"),
        (
            "B\N{FULLWIDTH DIGIT EIGHT}01200005001",
            "UPN must be a letter followed by 12 numbers, or by 11 numbers and a letter",
        ),
        ("B80120000500I", "UPN must end with a number, or a letter other than I, O or S"),
        ("B80120000500?", "UPN must end with a number, or a letter other than I, O or S"),
        ("A801200005001", CHECK_LETTER_WRONG),
    ],
)
def test_malformed_upns_get_a_specific_message(value, message):
    assert upn_error(value) == message
    assert is_valid_upn(value) is False


@pytest.mark.parametrize("body", ["80120000500", "8012000050011", "80120000500I", "8012000A5001", "80120000500!"])
def test_check_letter_of_a_malformed_body_is_refused(body):
    with pytest.raises(
        ValueError, match="A UPN body is 11 digits followed by a digit or a letter other than I, O or S"
    ):
        upn_check_letter(body)
