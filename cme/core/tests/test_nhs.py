"""NHS number check digit (modulus 11)."""

import pytest

from cme.core.nhs import is_valid_nhs_number, nhs_number_error, normalise_nhs_number


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "4010232137", "0000000000"])
def test_numbers_with_the_right_check_digit_are_valid(number):
    assert is_valid_nhs_number(number)
    assert nhs_number_error(number) is None


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("9434765918", "The NHS number is not valid: check it was copied correctly"),
        ("9434765910", "The NHS number is not valid: check it was copied correctly"),
        # 100000001: the weighted sum is 12, leaving 1, so the check digit would be 10: never valid
        ("1000000010", "The NHS number is not valid: check it was copied correctly"),
        ("943476591", "NHS number must be 10 numbers, like 943 476 5919"),
        ("94347659199", "NHS number must be 10 numbers, like 943 476 5919"),
        ("94347659A9", "NHS number must be 10 numbers, like 943 476 5919"),
        (
            "\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19",
            "NHS number must be 10 numbers, like 943 476 5919",
        ),
    ],
)
def test_wrong_numbers_are_refused_with_a_reason(number, message):
    assert not is_valid_nhs_number(number)
    assert nhs_number_error(number) == message


def test_normalising_removes_spaces_and_hyphens():
    assert normalise_nhs_number(" 943 476-5919 ") == "9434765919"
