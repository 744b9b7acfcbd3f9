"""Batch linkage of two lists of records: the engine's blocking keys and the trained model, evaluated
in one SQL statement in in-process DuckDB (the same comparison SQL Splink trained, read from the
model JSON, so a batch score equals the interactive scorer's and Splink's for the same pair).

DuckDB is imported when ``link`` runs, not when this module is imported.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .comparisons import BLOCKING_COLUMNS, Row, features
from .records import Record
from .scorer import (
    BAND_MATCH,
    BAND_POSSIBLE,
    Bands,
    Contribution,
    Scorer,
    TermFrequencies,
    cautions_for,
    probability_of,
)

#: (left key column, right key column): a pair is a candidate when any of these are equal.
BLOCKING_JOINS = (
    ("bk_dob", "bk_dob"),
    ("bk_postcode", "bk_postcode"),
    ("bk_birth_month_surname", "bk_birth_month_surname"),
    ("bk_birthday_surname", "bk_birthday_surname"),
    ("bk_names_phonetic", "bk_names_phonetic"),
    ("bk_address_key", "bk_address_key"),
    ("bk_surname_number", "bk_surname_number"),
    ("bk_names_town", "bk_names_town"),
    ("bk_surname_year_town", "bk_surname_year_town"),
)


@dataclass(frozen=True)
class ScoredPair:
    left_id: str
    right_id: str
    match_weight: float
    probability: float
    band: str
    contributions: list[Contribution]
    auto_link_allowed: bool
    cautions: tuple[str, ...] = ()


def _tf_columns(scorer: Scorer) -> list[str]:
    columns = []
    for comparison in scorer.comparisons:
        for level in comparison.levels:
            if level.tf_column and level.tf_column not in columns:
                columns.append(level.tf_column)
    return columns


def _table(rows: list[Row], tf_columns: list[str], tf: TermFrequencies) -> Any:
    import pyarrow as pa

    columns = list(rows[0]) if rows else list(features(Record(id="")).keys())
    data: dict[str, list[Any]] = {column: [row[column] for row in rows] for column in columns}
    for column in tf_columns:
        data[f"tf_{column}"] = [tf.get(column, row[column]) for row in rows]
    schema = pa.schema(
        [(column, pa.string()) for column in columns] + [(f"tf_{column}", pa.float64()) for column in tf_columns]
    )
    return pa.table(data, schema=schema)


def _gamma_sql(data: dict[str, Any]) -> str:
    """The index of the first level whose condition holds (the model's own SQL, in the model's order)."""
    levels = data["comparison_levels"]
    cases = " ".join(
        f"WHEN {level['sql_condition']} THEN {index}"
        for index, level in enumerate(levels)
        if level["sql_condition"].strip().upper() != "ELSE"
    )
    return f'CASE {cases} ELSE {len(levels) - 1} END AS "gamma_{data["output_column_name"]}"'


def _weight_sql(comparison: Any) -> str:
    """The weight of the level reached, plus its term-frequency adjustment (Splink's formula)."""
    name = comparison.spec.name
    cases = []
    for index, level in enumerate(comparison.levels):
        weight = repr(level.weight)
        if level.tf_column and level.tf_weight:
            tf_l, tf_r = f'"tf_{level.tf_column}_l"', f'"tf_{level.tf_column}_r"'
            greatest = f"greatest(coalesce({tf_l}, {tf_r}), coalesce({tf_r}, {tf_l}), 0.0)"
            weight += (
                f" + CASE WHEN coalesce({tf_l}, {tf_r}) IS NOT NULL THEN "
                f"{level.tf_weight!r} * ({level.log2_u_exact!r} - log2({greatest})) ELSE 0.0 END"
            )
        cases.append(f"WHEN {index} THEN {weight}")
    return f'CASE "gamma_{name}" {" ".join(cases)} END AS "mw_{name}"'


def _sql(scorer: Scorer, column_names: list[str], threshold_weight: float) -> str:
    # Built from constants and the model's comparison SQL, which Scorer checked equals this engine's own:
    # no value from a record is ever part of the statement (records are registered as tables).
    pairs = " UNION ".join(
        f"SELECT l.unique_id AS uid_l, r.unique_id AS uid_r FROM left_in l JOIN right_in r ON l.{a} = r.{b}"  # noqa: S608
        for a, b in BLOCKING_JOINS
    )
    side_columns = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in column_names)
    names = [comparison.spec.name for comparison in scorer.comparisons]
    tf_columns = ", ".join(f'"{c}_l", "{c}_r"' for c in column_names if c.startswith("tf_"))
    gammas = ", ".join(_gamma_sql(data) for data in scorer.model["comparisons"])
    weights = ", ".join(_weight_sql(comparison) for comparison in scorer.comparisons)
    total = " + ".join([repr(scorer.prior_weight), *(f'"mw_{name}"' for name in names)])
    tf_select = f", {tf_columns}" if tf_columns else ""
    return f"""
        WITH pairs AS ({pairs}),
        sides AS (
            SELECT {side_columns} FROM pairs
            JOIN left_in l ON l.unique_id = pairs.uid_l JOIN right_in r ON r.unique_id = pairs.uid_r
        ),
        gammas AS (SELECT "unique_id_l", "unique_id_r"{tf_select}, {gammas} FROM sides),
        weights AS (SELECT *, {weights} FROM gammas)
        SELECT "unique_id_l", "unique_id_r", {total} AS match_weight,
            {", ".join(f'"mw_{name}", "gamma_{name}"' for name in names)}
        FROM weights WHERE {total} >= {threshold_weight!r}
    """  # noqa: S608


def link(
    left: Iterable[Record],
    right: Iterable[Record],
    *,
    scorer: Scorer | None = None,
    bands: Bands | None = None,
    tf: TermFrequencies | None = None,
    threshold: float | None = None,
    threads: int | None = None,
    one_to_one: bool = False,
    timings: dict[str, float] | None = None,
) -> list[ScoredPair]:
    """Candidate pairs between ``left`` and ``right`` scoring at least ``threshold`` (default: the "possible" band).

    Term frequencies default to those of the two lists together (as Splink computes them for a link).
    Pairs come sorted by descending match weight. Record ids must be unique within each list.

    ``one_to_one``: when each list holds every child at most once (a roll against the register,
    two deduplicated files), keep for each record only its best pair: pairs are taken by descending
    weight and a pair is dropped when either record is already paired.

    ``timings``, when given, receives the seconds spent normalising ("normalise") and blocking and
    scoring ("blocking_scoring").
    """
    import duckdb

    started = time.perf_counter()
    scorer = scorer or Scorer.from_model()
    bands = bands or scorer.bands
    left_rows = [features(record) for record in left]
    right_rows = [features(record) for record in right]
    tf_columns = _tf_columns(scorer)
    if tf is None:
        tf = TermFrequencies.from_rows([*left_rows, *right_rows], tf_columns)
    probability = bands.possible if threshold is None else threshold
    threshold_weight = math.log2(probability / (1 - probability))
    left_table = _table(left_rows, tf_columns, tf)
    right_table = _table(right_rows, tf_columns, tf)
    normalised = time.perf_counter()
    connection = duckdb.connect()
    try:
        if threads:
            connection.execute(f"SET threads = {int(threads)}")
        # Native tables join faster than scans of the Arrow tables; row order does not matter here.
        connection.execute("SET preserve_insertion_order = false")
        connection.register("left_arrow", left_table)
        connection.register("right_arrow", right_table)
        connection.execute("CREATE TEMP TABLE left_in AS SELECT * FROM left_arrow")
        connection.execute("CREATE TEMP TABLE right_in AS SELECT * FROM right_arrow")
        columns = [name for name in left_table.column_names if not name.startswith("bk_")]
        rows = connection.execute(_sql(scorer, columns, threshold_weight)).fetchall()
    finally:
        connection.close()
    pairs = sorted((_pair(scorer, bands, row) for row in rows), key=lambda pair: -pair.match_weight)
    if timings is not None:
        timings["normalise"] = normalised - started
        timings["blocking_scoring"] = time.perf_counter() - normalised
    return best_pairs(pairs) if one_to_one else pairs


def best_pairs(pairs: list[ScoredPair]) -> list[ScoredPair]:
    """Greedy one-to-one assignment of pairs sorted by descending weight."""
    left_taken: set[str] = set()
    right_taken: set[str] = set()
    kept = []
    for pair in pairs:
        if pair.left_id in left_taken or pair.right_id in right_taken:
            continue
        left_taken.add(pair.left_id)
        right_taken.add(pair.right_id)
        kept.append(pair)
    return kept


def _pair(scorer: Scorer, bands: Bands, row: tuple[Any, ...]) -> ScoredPair:
    left_id, right_id, weight, *parts = row
    contributions = [
        Contribution(comparison.spec.name, comparison.levels[parts[2 * i + 1]].label, parts[2 * i])
        for i, comparison in enumerate(scorer.comparisons)
    ]
    cautions = cautions_for(contributions)
    probability = probability_of(weight)
    band = bands.band(probability)
    if cautions and band == BAND_MATCH:
        band = BAND_POSSIBLE
    return ScoredPair(left_id, right_id, weight, probability, band, contributions, not cautions, cautions)


__all__ = ["BLOCKING_COLUMNS", "ScoredPair", "best_pairs", "link"]
