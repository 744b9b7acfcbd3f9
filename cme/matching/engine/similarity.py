"""String similarity functions that return exactly what DuckDB's SQL functions of the same name return.

The interactive scorer evaluates the model's comparison levels in Python; these must agree with
DuckDB bit for bit at the thresholds, so they follow the same arithmetic (DuckDB uses the
RapidFuzz formulation of Jaro-Winkler: prefix up to 4, prefix weight 0.1, applied above 0.7, and
its compiled form rounds ``sim + (prefix * 0.1) * (1 - sim)`` once, as a fused multiply-add).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache


def jaro_similarity(s1: str, s2: str) -> float:
    len1, len2 = len(s1), len(s2)
    if not len1 or not len2:
        return 0.0
    if s1 == s2:
        return 1.0
    window = max(max(len1, len2) // 2 - 1, 0)
    flags2 = [False] * len2
    matched1: list[str] = []
    for i, char in enumerate(s1):
        high = min(len2, i + window + 1)
        j = s2.find(char, max(0, i - window), high)
        while j != -1 and flags2[j]:
            j = s2.find(char, j + 1, high)
        if j != -1:
            flags2[j] = True
            matched1.append(char)
    common = len(matched1)
    if not common:
        return 0.0
    matched2 = [s2[j] for j in range(len2) if flags2[j]]
    transpositions = sum(a != b for a, b in zip(matched1, matched2, strict=True)) // 2
    sim = common / len1 + common / len2 + (common - transpositions) / common
    return sim / 3.0


@lru_cache(maxsize=1 << 16)
def jaro_winkler_similarity(s1: str, s2: str) -> float:
    sim = jaro_similarity(s1, s2)
    if sim > 0.7:
        prefix = 0
        for a, b in zip(s1[:4], s2[:4], strict=False):
            if a != b:
                break
            prefix += 1
        if prefix:
            # One rounding, as the fused multiply-add DuckDB's compiled code performs.
            sim = float(Fraction(prefix * 0.1) * Fraction(1.0 - sim) + Fraction(sim))
            sim = min(sim, 1.0)
    return sim


@lru_cache(maxsize=1 << 16)
def within_edits(s1: str, s2: str, limit: int) -> bool:
    """``damerau_levenshtein(s1, s2) <= limit``, deciding most pairs from cheap bounds first."""
    if abs(len(s1) - len(s2)) > limit:
        return False
    if len(s1) == len(s2) and sum(a != b for a, b in zip(s1, s2, strict=True)) <= limit:
        return True  # substitutions alone are within the limit
    # Each edit changes the character counts by at most 2 (a transposition by none).
    if sum(abs(s1.count(char) - s2.count(char)) for char in set(s1) | set(s2)) > 2 * limit:
        return False
    return damerau_levenshtein(s1, s2) <= limit


def damerau_levenshtein(s1: str, s2: str) -> int:
    """Unrestricted Damerau-Levenshtein distance (an exchange of adjacent characters is one edit), as DuckDB."""
    len1, len2 = len(s1), len(s2)
    if not len1 or not len2:
        return max(len1, len2)
    big = len1 + len2
    last_row: dict[str, int] = {}
    table = [[big] * (len2 + 2) for _ in range(len1 + 2)]
    for i in range(len1 + 1):
        table[i + 1][0] = big
        table[i + 1][1] = i
    for j in range(len2 + 1):
        table[0][j + 1] = big
        table[1][j + 1] = j
    for i in range(1, len1 + 1):
        last_col = 0
        for j in range(1, len2 + 1):
            k = last_row.get(s2[j - 1], 0)
            cost = 0 if s1[i - 1] == s2[j - 1] else 1
            table[i + 1][j + 1] = min(
                table[i][j] + cost,
                table[i + 1][j] + 1,
                table[i][j + 1] + 1,
                table[k][last_col] + (i - k - 1) + 1 + (j - last_col - 1),
            )
            if not cost:
                last_col = j
        last_row[s1[i - 1]] = i
    return table[len1 + 1][len2 + 1]
