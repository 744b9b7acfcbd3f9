"""The model's comparisons: each level once as SQL (what Splink trains and DuckDB evaluates in batch)
and once as Python (what the interactive scorer evaluates), kept side by side so they cannot drift.

``features(record)`` turns a :class:`Record` into the flat row both sides read. ``None`` stands for
"not known" everywhere, as SQL NULL does: a comparison with an unknown value on either side is at
its null level and adds nothing to the match weight.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .blocking import blocking_keys
from .nicknames import canonical_forename
from .records import (
    Record,
    address_number,
    address_street,
    address_town,
    dob_string,
    name_tokens,
    normalise_address,
    normalise_identifier,
    normalise_name,
    normalise_postcode,
    normalise_sex,
    postcode_district,
    postcode_sector,
    swapped_dob,
)
from .similarity import jaro_winkler_similarity, within_edits

Row = dict[str, Any]
Predicate = Callable[[Row, Row], bool]

#: Comparisons in model order, with the feature columns each reads.
FIELDS = ("forename", "surname", "dob", "sex", "postcode", "address", "upn", "nhs_number")
#: Blocking-key columns carried in feature rows (for Splink's own predict and for batch blocking).
BLOCKING_COLUMNS = (
    "bk_dob",
    "bk_postcode",
    "bk_birth_month_surname",
    "bk_birthday_surname",
    "bk_names_phonetic",
    "bk_address_key",
    "bk_surname_number",
    "bk_names_town",
    "bk_surname_year_town",
)


def _none_if_blank(value: str) -> str | None:
    return value or None


def features(record: Record, *, with_blocking_keys: bool = True) -> Row:
    """The flat row of normalised values the comparisons read (``None`` where unknown).

    The blocking-key columns (``bk_*``) are left out with ``with_blocking_keys=False`` (scoring does not read them).
    """
    forename_tokens = name_tokens(record.forenames)
    forename = forename_tokens[0] if forename_tokens else ""
    surname = normalise_name(record.surname)
    tokens = set(forename_tokens) | set(surname.split())
    for other in record.other_names:
        tokens.update(name_tokens(other))
    postcode = normalise_postcode(record.postcode)
    address = normalise_address(record.address)
    row: Row = {
        "unique_id": record.id,
        "forename": forename,
        "forename_canon": canonical_forename(forename) if forename else "",
        "names": "|" + "|".join(sorted(tokens)) + "|" if tokens else "",
        "surname": surname,
        "dob": dob_string(record),
        "dob_swapped": swapped.isoformat() if (swapped := swapped_dob(record.dob)) else "",
        "sex": normalise_sex(record.sex),
        "postcode": postcode,
        "postcode_sector": postcode_sector(postcode),
        "postcode_district": postcode_district(postcode),
        "address": address,
        "address_number": address_number(address),
        "address_street": address_street(address),
        "address_town": address_town(address),
        "upn": normalise_identifier(record.upn),
        "nhs_number": normalise_identifier(record.nhs_number),
    }
    if with_blocking_keys:
        keys = blocking_keys(record)
        for name in BLOCKING_COLUMNS:
            row[name] = keys[name.removeprefix("bk_")]
    return {key: _none_if_blank(value) for key, value in row.items()}


@dataclass(frozen=True)
class Level:
    label: str
    sql: str
    test: Predicate | None = None  # None for the null and "all other" levels
    is_null: bool = False
    tf_column: str | None = None

    def as_splink(self) -> dict[str, Any]:
        level: dict[str, Any] = {"sql_condition": self.sql, "label_for_charts": self.label}
        if self.is_null:
            level["is_null_level"] = True
        if self.tf_column:
            level["tf_adjustment_column"] = self.tf_column
            level["tf_adjustment_weight"] = 1.0
        return level


@dataclass(frozen=True)
class Comparison:
    name: str
    description: str
    levels: tuple[Level, ...]

    def as_splink(self) -> dict[str, Any]:
        return {
            "output_column_name": self.name,
            "comparison_description": self.description,
            "comparison_levels": [level.as_splink() for level in self.levels],
        }

    def level_index(self, left: Row, right: Row) -> int:
        """Index of the first level whose condition holds, as SQL's CASE WHEN picks it."""
        for index, level in enumerate(self.levels):
            if level.is_null:
                if left[self.name] is None or right[self.name] is None:
                    return index
            elif level.test is None or level.test(left, right):
                return index
        raise AssertionError(f"{self.name}: no level matched")  # pragma: no cover - the last level is ELSE


# --- level builders: SQL text and the Python equivalent with SQL's NULL semantics --------------------


def _q(column: str, side: str) -> str:
    return f'"{column}_{side}"'


def null_level(column: str) -> Level:
    return Level("Null", f"{_q(column, 'l')} IS NULL OR {_q(column, 'r')} IS NULL", is_null=True)


def exact(column: str, label: str = "Exact match", *, tf: bool = False) -> Level:
    def test(left: Row, right: Row) -> bool:
        return left[column] is not None and left[column] == right[column]

    return Level(label, f"{_q(column, 'l')} = {_q(column, 'r')}", test, tf_column=column if tf else None)


def jaro_winkler(column: str, threshold: float) -> Level:
    def test(left: Row, right: Row) -> bool:
        a, b = left[column], right[column]
        return a is not None and b is not None and jaro_winkler_similarity(a, b) >= threshold

    sql = f"jaro_winkler_similarity({_q(column, 'l')}, {_q(column, 'r')}) >= {threshold}"
    return Level(f"Jaro-Winkler >= {threshold}", sql, test)


def edits(column: str, distance: int, label: str) -> Level:
    def test(left: Row, right: Row) -> bool:
        a, b = left[column], right[column]
        return a is not None and b is not None and within_edits(a, b, distance)

    return Level(label, f"damerau_levenshtein({_q(column, 'l')}, {_q(column, 'r')}) <= {distance}", test)


def in_other_names(column: str, label: str) -> Level:
    """The value is one of the other record's names (forenames, surname, other or previous names)."""

    def test(left: Row, right: Row) -> bool:
        return any(
            a is not None and names is not None and f"|{a}|" in names
            for a, names in ((left[column], right["names"]), (right[column], left["names"]))
        )

    sql = (
        f"instr(\"names_r\", '|' || {_q(column, 'l')} || '|') > 0"
        f" OR instr(\"names_l\", '|' || {_q(column, 'r')} || '|') > 0"
    )
    return Level(label, sql, test)


def forename_in_other_names(label: str) -> Level:
    """The forename is one of the other record's names, but not only its surname: a forename found as
    the other record's surname counts when the two names are swapped whole (JOHN SMITH / SMITH JOHN), not
    when one record's surname is the other's forename (RACHEL RYAN / RYAN WILLIAM), which the surname
    comparison already weighs."""

    def test(left: Row, right: Row) -> bool:
        return any(
            a["forename"] is not None
            and b["names"] is not None
            and f"|{a['forename']}|" in b["names"]
            and (a["forename"] != b["surname"] or (a["surname"] is not None and a["surname"] == b["forename"]))
            for a, b in ((left, right), (right, left))
        )

    sql = (
        "(instr(\"names_r\", '|' || \"forename_l\" || '|') > 0"
        ' AND ("forename_l" IS DISTINCT FROM "surname_r" OR "surname_l" = "forename_r"))'
        " OR (instr(\"names_l\", '|' || \"forename_r\" || '|') > 0"
        ' AND ("forename_r" IS DISTINCT FROM "surname_l" OR "surname_r" = "forename_l"))'
    )
    return Level(label, sql, test)


def swapped_dob_level() -> Level:
    def test(left: Row, right: Row) -> bool:
        return (left["dob_swapped"] is not None and left["dob_swapped"] == right["dob"]) or (
            right["dob_swapped"] is not None and right["dob_swapped"] == left["dob"]
        )

    return Level("Day and month swapped", '"dob_swapped_l" = "dob_r" OR "dob_l" = "dob_swapped_r"', test)


def address_number_and_street(threshold: float) -> Level:
    def test(left: Row, right: Row) -> bool:
        a, b = left["address_street"], right["address_street"]
        return (
            left["address_number"] is not None
            and left["address_number"] == right["address_number"]
            and a is not None
            and b is not None
            and jaro_winkler_similarity(a, b) >= threshold
        )

    sql = (
        f'"address_number_l" = "address_number_r" AND '
        f'jaro_winkler_similarity("address_street_l", "address_street_r") >= {threshold}'
    )
    return Level(f"Same number, street Jaro-Winkler >= {threshold}", sql, test)


def address_number_and_words(words: int) -> Level:
    """Same house number and at least ``words`` words in common (the number counts as one)."""

    def test(left: Row, right: Row) -> bool:
        a, b = left["address"], right["address"]
        return (
            left["address_number"] is not None
            and left["address_number"] == right["address_number"]
            and len(set(a.split(" ")) & set(b.split(" "))) >= words
        )

    sql = (
        '"address_number_l" = "address_number_r" AND '
        f"len(list_intersect(string_split(\"address_l\", ' '), string_split(\"address_r\", ' '))) >= {words}"
    )
    return Level(f"Same number, {words} words in common", sql, test)


def address_within_other(words: int) -> Level:
    """Every word of the shorter address (at least ``words`` different words) is in the other one: a
    line with the house number or street left out, or its parts written in another order."""

    def test(left: Row, right: Row) -> bool:
        a, b = set(left["address"].split(" ")), set(right["address"].split(" "))
        shorter = min(len(a), len(b))
        return shorter >= words and len(a & b) == shorter

    split_l, split_r = "string_split(\"address_l\", ' ')", "string_split(\"address_r\", ' ')"
    shorter = f"least(len(list_distinct({split_l})), len(list_distinct({split_r})))"
    sql = f"{shorter} >= {words} AND len(list_intersect({split_l}, {split_r})) = {shorter}"
    return Level("One address within the other", sql, test)


def address_number_and_town(threshold: float) -> Level:
    """Same house number, and the last word (the town or locality) Jaro-Winkler >= ``threshold``."""

    def test(left: Row, right: Row) -> bool:
        a, b = left["address_town"], right["address_town"]
        return (
            left["address_number"] is not None
            and left["address_number"] == right["address_number"]
            and a is not None
            and b is not None
            and jaro_winkler_similarity(a, b) >= threshold
        )

    sql = (
        f'"address_number_l" = "address_number_r" AND '
        f'jaro_winkler_similarity("address_town_l", "address_town_r") >= {threshold}'
    )
    return Level(f"Same number, town Jaro-Winkler >= {threshold}", sql, test)


ELSE = Level("All other", "ELSE")


def _build() -> dict[str, Comparison]:
    comparisons = [
        Comparison(
            "forename",
            "First forename, with nicknames and other names",
            (
                null_level("forename"),
                exact("forename", tf=True),
                jaro_winkler("forename", 0.92),
                exact("forename_canon", "Same name (nickname)"),
                forename_in_other_names("One of the other record's names"),
                jaro_winkler("forename", 0.8),
                ELSE,
            ),
        ),
        Comparison(
            "surname",
            "Surname, with previous surnames",
            (
                null_level("surname"),
                exact("surname", tf=True),
                jaro_winkler("surname", 0.92),
                in_other_names("surname", "One of the other record's names"),
                jaro_winkler("surname", 0.8),
                ELSE,
            ),
        ),
        Comparison(
            "dob",
            "Date of birth",
            (
                null_level("dob"),
                exact("dob"),
                swapped_dob_level(),
                edits("dob", 1, "One digit different"),
                edits("dob", 2, "Two digits different"),
                ELSE,
            ),
        ),
        Comparison("sex", "Sex", (null_level("sex"), exact("sex"), ELSE)),
        Comparison(
            "postcode",
            "Postcode",
            (
                null_level("postcode"),
                exact("postcode", tf=True),
                edits("postcode", 1, "One character different"),
                exact("postcode_sector", "Same sector"),
                exact("postcode_district", "Same district"),
                ELSE,
            ),
        ),
        Comparison(
            "address",
            "Address",
            (
                null_level("address"),
                exact("address"),
                jaro_winkler("address", 0.92),
                address_number_and_street(0.85),
                address_number_and_words(3),
                jaro_winkler("address", 0.8),
                address_within_other(2),
                address_number_and_town(0.9),
                ELSE,
            ),
        ),
        Comparison("upn", "Unique pupil number", (null_level("upn"), exact("upn"), ELSE)),
        Comparison("nhs_number", "NHS number", (null_level("nhs_number"), exact("nhs_number"), ELSE)),
    ]
    return {comparison.name: comparison for comparison in comparisons}


COMPARISONS: dict[str, Comparison] = _build()

#: Blocking rules for Splink's own predict (the same candidates as the engine's blocking keys).
SPLINK_BLOCKING_RULES = (
    "l.bk_dob = r.bk_dob",
    "l.bk_postcode = r.bk_postcode",
    "l.bk_birth_month_surname = r.bk_birth_month_surname",
    "l.bk_birthday_surname = r.bk_birthday_surname",
    "l.bk_names_phonetic = r.bk_names_phonetic",
    "l.bk_address_key = r.bk_address_key",
    "l.bk_surname_number = r.bk_surname_number",
    "l.bk_names_town = r.bk_names_town",
    "l.bk_surname_year_town = r.bk_surname_year_town",
)


def splink_settings(
    *, fields: tuple[str, ...] = FIELDS, link_type: str = "dedupe_only", prior: float = 0.0001
) -> dict[str, Any]:
    """Splink settings (a plain dict: building it needs no Splink) for the given fields."""
    return {
        "link_type": link_type,
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "comparisons": [COMPARISONS[name].as_splink() for name in fields],
        "blocking_rules_to_generate_predictions": [
            {"blocking_rule": rule, "sql_dialect": "duckdb"} for rule in SPLINK_BLOCKING_RULES
        ],
        "retain_intermediate_calculation_columns": False,
        "retain_matching_columns": False,
    }
