"""Categories of the DfE return: sex, year group and length of time missing education (docs/dfe-return.md).

The primary reasons for CME are data (``cme.returns.models.CmeReason``) because DfE changes them; the
categories here are fixed by the child's record or by arithmetic. Change ``LENGTH_BANDS`` here if the
collection guide changes its bands: the page, the CSV and the checks all follow it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Sex as the child's record holds it → (code, label) in the return.
SEX_CATEGORIES: Final[tuple[tuple[str, str], ...]] = (("F", "Female"), ("M", "Male"), ("U", "Sex unknown"))

#: Year groups of compulsory school age: Reception (0) to Year 11.
YEAR_GROUPS: Final[tuple[int, ...]] = tuple(range(12))

NOT_RECORDED_CODE: Final = "NOT_RECORDED"
NOT_RECORDED_LABEL: Final = "Not recorded"


def year_group_code(year: int) -> str:
    return "R" if year == 0 else str(year)


def year_group_label(year: int) -> str:
    return "Reception" if year == 0 else f"Year {year}"


@dataclass(frozen=True)
class LengthBand:
    """Children missing education for at least ``from_days`` and fewer than ``below_days`` days (None: no limit)."""

    code: str
    label: str
    from_days: int
    below_days: int | None

    def holds(self, days: int) -> bool:
        return days >= self.from_days and (self.below_days is None or days < self.below_days)


LENGTH_BANDS: Final[tuple[LengthBand, ...]] = (
    LengthBand("LT4W", "Less than 4 weeks", 0, 28),
    LengthBand("4W_LT12W", "4 weeks to less than 12 weeks", 28, 84),
    LengthBand("12W_LT26W", "12 weeks to less than 26 weeks", 84, 182),
    LengthBand("26W_LT52W", "26 weeks to less than 52 weeks", 182, 364),
    LengthBand("52W_PLUS", "52 weeks or more", 364, None),
)


def length_band(days: int) -> LengthBand:
    """The band for a child missing education for ``days`` days (0 on the day they started)."""
    for band in LENGTH_BANDS:
        if band.holds(days):
            return band
    raise ValueError(f"No length band holds {days} days")
