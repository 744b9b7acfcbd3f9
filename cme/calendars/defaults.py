"""Synthetic term dates shaped like Hertfordshire's (six half-terms, a week off at each half-term, two
weeks at Christmas and Easter). ``make run`` seeds them for the demo; a council records its own."""

from __future__ import annotations

from datetime import date
from typing import Final

DEFAULT_TERM_DATES: Final[dict[int, tuple[tuple[date, date], ...]]] = {
    2025: (
        (date(2025, 9, 3), date(2025, 10, 24)),
        (date(2025, 11, 3), date(2025, 12, 19)),
        (date(2026, 1, 5), date(2026, 2, 13)),
        (date(2026, 2, 23), date(2026, 3, 27)),
        (date(2026, 4, 13), date(2026, 5, 22)),
        (date(2026, 6, 1), date(2026, 7, 22)),
    ),
    2026: (
        (date(2026, 9, 3), date(2026, 10, 23)),
        (date(2026, 11, 2), date(2026, 12, 18)),
        (date(2027, 1, 5), date(2027, 2, 12)),
        (date(2027, 2, 22), date(2027, 3, 25)),
        (date(2027, 4, 12), date(2027, 5, 28)),
        (date(2027, 6, 7), date(2027, 7, 21)),
    ),
    2027: (
        (date(2027, 9, 2), date(2027, 10, 22)),
        (date(2027, 11, 1), date(2027, 12, 17)),
        (date(2028, 1, 4), date(2028, 2, 11)),
        (date(2028, 2, 21), date(2028, 4, 7)),
        (date(2028, 4, 24), date(2028, 5, 26)),
        (date(2028, 6, 5), date(2028, 7, 21)),
    ),
}
