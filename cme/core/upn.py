"""Unique Pupil Numbers (UPN): format and the DfE check letter.

A UPN has 13 characters: a check letter, a 3-digit LA number, a 4-digit establishment number, 2 digits
of the year of issue and a 3-digit serial. A *temporary* UPN ends with a letter instead of the last
digit of the serial. Letters come from a 23-letter alphabet without I, O and S.

Check letter: weight characters 2 to 13 by their position (2 … 13), a final letter counting as its
place in the alphabet (A = 0 … Z = 22); take the sum modulo 23 and map it back to the alphabet. This
agrees with python-stdnum's ``stdnum.gb.upn``. Beware the worked example published by MIS vendors: the
check letter of ``?207000016049`` is P (the sum is 266), not Q as they print.

Characters 2 to 4 must be an LA number or a DfE pseudo-LA code (DfE validation rule 1530). This module
only checks that they are 3 digits: there is no authoritative list we can ship and keep current (local
government reorganisations add numbers, and pseudo-LA codes are not published with them; python-stdnum 2.2's
list, for example, lacks 940 to 943, numbers of unitary authorities created since 2021). Refusing a real
child's UPN from a new authority would be worse than accepting an unknown number, and the check letter
catches any single mistyped character and any swap of two neighbouring digits.

Pure functions: no Django, no settings. Sources and vectors: domain.md §6.4, the shared domain
specification.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "UPN_ALPHABET",
    "UPN_LENGTH",
    "is_valid_upn",
    "normalise_upn",
    "upn_check_letter",
    "upn_error",
]

#: The letters a UPN may use, in check-letter order (A = 0 … Z = 22); I, O and S are never used.
UPN_ALPHABET: Final = "ABCDEFGHJKLMNPQRTUVWXYZ"
UPN_LENGTH: Final = 13

_WHITESPACE = re.compile(r"\s+")
_ASCII_DIGITS: Final = frozenset("0123456789")
_LETTERS: Final = frozenset(UPN_ALPHABET)

ERROR_EMPTY: Final = "Enter a UPN"
ERROR_LENGTH: Final = "UPN must be 13 characters"
ERROR_FIRST: Final = "UPN must start with a letter other than I, O or S"
ERROR_MIDDLE: Final = "UPN must be a letter followed by 12 numbers, or by 11 numbers and a letter"
ERROR_LAST: Final = "UPN must end with a number, or a letter other than I, O or S"
ERROR_CHECK_LETTER: Final = "The UPN's check letter is wrong: check it was copied correctly"


def normalise_upn(value: str) -> str:
    """The UPN as stored: spaces (and any other white space) removed, letters upper-cased."""
    return _WHITESPACE.sub("", value).upper()


def _is_digits(text: str) -> bool:
    return all(character in _ASCII_DIGITS for character in text)


def _character_value(character: str) -> int:
    return int(character) if character in _ASCII_DIGITS else UPN_ALPHABET.index(character)


def upn_check_letter(body12: str) -> str:
    """The check letter for the last 12 characters of a UPN (11 digits, then a digit or a letter).

    Raises ``ValueError`` if ``body12`` is not in that form.
    """
    body = body12.upper()
    if (
        len(body) != UPN_LENGTH - 1
        or not _is_digits(body[:-1])
        or not (body[-1] in _ASCII_DIGITS or body[-1] in _LETTERS)
    ):
        raise ValueError("A UPN body is 11 digits followed by a digit or a letter other than I, O or S")
    total = sum(position * _character_value(character) for position, character in enumerate(body, start=2))
    return UPN_ALPHABET[total % len(UPN_ALPHABET)]


def upn_error(value: str) -> str | None:
    """Why ``value`` is not a valid UPN, as a GOV.UK error message; ``None`` if it is valid.

    The value is normalised first (see ``normalise_upn``), so " b801 2000 05001 " is valid.
    """
    upn = normalise_upn(value)
    if not upn:
        return ERROR_EMPTY
    if len(upn) != UPN_LENGTH:
        return ERROR_LENGTH
    first, middle, last = upn[0], upn[1:-1], upn[-1]
    if first not in _LETTERS:
        return ERROR_FIRST
    if not _is_digits(middle):
        return ERROR_MIDDLE
    if not (last in _ASCII_DIGITS or last in _LETTERS):
        return ERROR_LAST
    if upn_check_letter(upn[1:]) != first:
        return ERROR_CHECK_LETTER
    return None


def is_valid_upn(value: str) -> bool:
    """Whether ``value`` is a well-formed UPN (permanent or temporary) with the right check letter.

    The value is normalised first (see ``normalise_upn``); store the normalised form.
    """
    return upn_error(value) is None
