"""Soundex, the phonetic code the surname blocking key uses (no dependency needed).

American Soundex as defined by the US National Archives: first letter kept, consonants coded
1-6, adjacent letters with the same code (also across H and W) coded once, vowels separate
codes, padded or cut to four characters. "ROBERT" and "RUPERT" → "R163"; "SMITH" and "SMYTHE" → "S530".
"""

_CODES = {
    **dict.fromkeys("BFPV", "1"),
    **dict.fromkeys("CGJKQSXZ", "2"),
    **dict.fromkeys("DT", "3"),
    "L": "4",
    **dict.fromkeys("MN", "5"),
    "R": "6",
}


def soundex(name: str) -> str:
    """The Soundex code of a normalised name ("" for a name without letters). Spaces are ignored."""
    letters = [char for char in name.upper() if "A" <= char <= "Z"]
    if not letters:
        return ""
    first = letters[0]
    code = [first]
    previous = _CODES.get(first, "")
    for char in letters[1:]:
        digit = _CODES.get(char, "")
        if digit and digit != previous:
            code.append(digit)
            if len(code) == 4:
                break
        if char not in "HW":
            previous = digit
    return "".join(code).ljust(4, "0")
