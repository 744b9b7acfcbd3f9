"""Batch linkage of two lists of records: the engine's blocking keys and the trained model, evaluated
in one SQL statement in in-process DuckDB (the same comparison SQL Splink trained, read from the
model JSON, so a batch score equals the interactive scorer's and Splink's for the same pair).

DuckDB is imported when ``link`` runs, not when this module is imported.
"""

from __future__ import annotations

import math
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
    ("bk_dob_swapped", "bk_dob"),
    ("bk_dob", "bk_dob_swapped"),
    ("bk_postcode", "bk_postcode"),
    ("bk_birth_year_surname", "bk_birth_year_surname"),
    ("bk_name_district", "bk_name_district"),
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


def _weight_sql(scorer: Scorer, model_comparisons: list[dict[str, Any]]) -> list[str]:
    """One SQL expression per comparison: the level's weight plus its term-frequency adjustment."""
    expressions = []
    for comparison, data in zip(scorer.comparisons, model_comparisons, strict=True):
        name = comparison.spec.name
        cases = []
        for level, level_data in zip(comparison.levels, data["comparison_levels"], strict=True):
            condition = level_data["sql_condition"]
            weight = repr(level.weight)
            if level.tf_column and level.tf_weight:
                tf_l, tf_r = f'"tf_{level.tf_column}_l"', f'"tf_{level.tf_column}_r"'
                greatest = f"greatest(coalesce({tf_l}, {tf_r}), coalesce({tf_r}, {tf_l}), 0.0)"
                adjust = (
                    f"CASE WHEN coalesce({tf_l}, {tf_r}) IS NOT NULL THEN "
                    f"{level.tf_weight!r} * ({level.log2_u_exact!r} - log2({greatest})) ELSE 0.0 END"
                )
                weight = f"{weight} + {adjust}"
            if condition.strip().upper() == "ELSE":
                cases.append(f"ELSE {weight} END")
            else:
                cases.append(f"WHEN {condition} THEN {weight}")
        gamma_cases = " ".join(
            f"WHEN {level_data['sql_condition']} THEN {index}"
            for index, level_data in enumerate(data["comparison_levels"])
            if level_data["sql_condition"].strip().upper() != "ELSE"
        )
        else_index = len(data["comparison_levels"]) - 1
        expressions.append(f'CASE {" ".join(cases)} AS "mw_{name}"')
        expressions.append(f'CASE {gamma_cases} ELSE {else_index} END AS "gamma_{name}"')
    return expressions


def _sql(scorer: Scorer, column_names: list[str], threshold_weight: float) -> str:
    # Built from constants and the model's comparison SQL, which Scorer checked equals this engine's own:
    # no value from a record is ever part of the statement (records are registered as tables).
    pairs = " UNION ".join(
        f"SELECT l.unique_id AS uid_l, r.unique_id AS uid_r FROM left_in l JOIN right_in r ON l.{a} = r.{b}"  # noqa: S608
        for a, b in BLOCKING_JOINS
    )
    side_columns = ", ".join(f'l."{c}" AS "{c}_l", r."{c}" AS "{c}_r"' for c in column_names)
    comparisons = ",\n".join(_weight_sql(scorer, scorer.model["comparisons"]))
    names = [comparison.spec.name for comparison in scorer.comparisons]
    total = " + ".join([repr(scorer.prior_weight), *(f'"mw_{name}"' for name in names)])
    return f"""
        WITH pairs AS ({pairs}),
        sides AS (
            SELECT {side_columns} FROM pairs
            JOIN left_in l ON l.unique_id = pairs.uid_l JOIN right_in r ON r.unique_id = pairs.uid_r
        ),
        scored AS (SELECT "unique_id_l", "unique_id_r", {comparisons} FROM sides)
        SELECT "unique_id_l", "unique_id_r", {total} AS match_weight,
            {", ".join(f'"mw_{name}", "gamma_{name}"' for name in names)}
        FROM scored WHERE {total} >= {threshold_weight!r}
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
) -> list[ScoredPair]:
    """Candidate pairs between ``left`` and ``right`` scoring at least ``threshold`` (default: the "possible" band).

    Term frequencies default to those of the two lists together (as Splink computes them for a link).
    Pairs come sorted by descending match weight. Record ids must be unique within each list.
    """
    import duckdb

    scorer = scorer or Scorer.from_model()
    bands = bands or scorer.bands
    left_rows = [features(record) for record in left]
    right_rows = [features(record) for record in right]
    tf_columns = _tf_columns(scorer)
    if tf is None:
        tf = TermFrequencies.from_rows([*left_rows, *right_rows], tf_columns)
    probability = bands.possible if threshold is None else threshold
    threshold_weight = math.log2(probability / (1 - probability))
    connection = duckdb.connect()
    try:
        if threads:
            connection.execute(f"SET threads = {int(threads)}")
        left_table = _table(left_rows, tf_columns, tf)
        right_table = _table(right_rows, tf_columns, tf)
        connection.register("left_in", left_table)
        connection.register("right_in", right_table)
        rows = connection.execute(_sql(scorer, left_table.column_names, threshold_weight)).fetchall()
    finally:
        connection.close()
    return sorted((_pair(scorer, bands, row) for row in rows), key=lambda pair: -pair.match_weight)


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


__all__ = ["BLOCKING_COLUMNS", "ScoredPair", "link"]
