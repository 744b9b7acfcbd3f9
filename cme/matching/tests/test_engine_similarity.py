import random

import duckdb

from cme.matching.engine.similarity import damerau_levenshtein, jaro_winkler_similarity, within_edits

WORDS = ["JOHN", "JON", "JONATHAN", "SMITH", "SMYTH", "OLIVER", "OLIVIA", "MARTHA", "MARHTA", "DIXON", "2014-03-07",
         "2014-07-03", "12 HIGH ST ST ALBANS", "AL13AB", "A", "CA", "ABC"]  # fmt: skip


def _mutate(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(len(chars) + 1)
        kind = rng.randrange(4)
        if kind == 0:
            chars.insert(i, rng.choice("ABCDEHIJMNORST0123456789- "))
        elif kind == 1 and len(chars) > 1:
            chars.pop(min(i, len(chars) - 1))
        elif kind == 2 and chars:
            chars[min(i, len(chars) - 1)] = rng.choice("ABCDEHIJMNORST0123456789")
        elif len(chars) > 1:
            j = min(i, len(chars) - 2)
            chars[j], chars[j + 1] = chars[j + 1], chars[j]
    return "".join(chars) or "X"


def test_similarities_equal_duckdb_bit_for_bit():
    rng = random.Random(4)
    pairs = []
    for _ in range(5000):
        a = _mutate(rng, rng.choice(WORDS))
        pairs.append((a, _mutate(rng, rng.choice([a, rng.choice(WORDS)]))))
    pairs.append(("CA", "ABC"))  # true Damerau-Levenshtein 2, restricted edit distance 3
    connection = duckdb.connect()
    connection.execute("CREATE TABLE p (a VARCHAR, b VARCHAR)")
    connection.executemany("INSERT INTO p VALUES (?, ?)", pairs)
    rows = connection.execute("SELECT a, b, jaro_winkler_similarity(a, b), damerau_levenshtein(a, b) FROM p").fetchall()
    wrong = [
        (a, b)
        for a, b, jw, dl in rows
        if jaro_winkler_similarity(a, b) != jw
        or damerau_levenshtein(a, b) != dl
        or within_edits(a, b, 1) != (dl <= 1)
        or within_edits(a, b, 2) != (dl <= 2)
    ]
    assert wrong == []
    assert len(rows) == 5001
