"""NHS numbers: ten digits, the last a modulus 11 check digit (NHS Data Dictionary, "NHS Number").

Multiply the first nine digits by 10, 9, … 2 and add them up; the check digit is 11 minus the remainder
of that sum divided by 11, where 11 becomes 0 and 10 means the number is not valid.

Pure functions: no Django, no settings.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["NHS_NUMBER_LENGTH", "is_valid_nhs_number", "nhs_number_error", "normalise_nhs_number"]

NHS_NUMBER_LENGTH: Final = 10

ERROR_FORMAT: Final = "NHS number must be 10 numbers, like 943 476 5919"
ERROR_CHECK_DIGIT: Final = "The NHS number is not valid: check it was copied correctly"

_SEPARATORS = re.compile(r"[\s-]+")


def normalise_nhs_number(value: str) -> str:
    """The NHS number as stored: spaces and hyphens removed ("943 476 5919" → "9434765919")."""
    return _SEPARATORS.sub("", value)


def _check_digit(first_nine: str) -> int | None:
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_number_error(value: str) -> str | None:
    """Why ``value`` is not a valid NHS number, as a GOV.UK error message; ``None`` if it is valid.

    The value is normalised first (see ``normalise_nhs_number``).
    """
    number = normalise_nhs_number(value)
    if len(number) != NHS_NUMBER_LENGTH or not (number.isascii() and number.isdigit()):
        return ERROR_FORMAT
    if _check_digit(number[:9]) != int(number[9]):
        return ERROR_CHECK_DIGIT
    return None


def is_valid_nhs_number(value: str) -> bool:
    """Whether ``value`` is ten digits (spaces and hyphens ignored) with the right modulus 11 check digit."""
    return nhs_number_error(value) is None
