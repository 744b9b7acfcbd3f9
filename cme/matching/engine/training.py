"""Training with Splink on in-process DuckDB (scripts and benchmarks only; never imported at request time).

u probabilities from random pairs; m probabilities either counted from labelled pairs (synthetic
training data, where the truth is known) or, unsupervised, by expectation maximisation in two
blocked sessions (pairs sharing forename and surname train the other fields; pairs sharing a date
of birth train the names), the prior from pairs agreeing on name and date
of birth. The result is Splink's own model JSON, which both ``Scorer`` and ``batch`` read.

For national-scale training or linkage, pass a Spark session: ``train(..., spark=session)`` uses
``splink.backends.spark.SparkAPI`` with Splink's similarity jar; nothing else changes.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from .comparisons import FIELDS, Row, features, splink_settings
from .records import Record
from .scorer import TermFrequencies

#: Columns whose term frequencies ship with a model (postcode frequencies belong to the caller's own records).
TF_COLUMNS = ("forename", "surname")
PRIOR_RULES = (
    "l.forename = r.forename and l.surname = r.surname and l.dob = r.dob",
    "l.surname = r.surname and l.dob = r.dob and l.postcode = r.postcode",
)
EM_BLOCKS = ("l.forename = r.forename and l.surname = r.surname", "l.bk_dob = r.bk_dob")


def feature_rows(records: list[Record]) -> list[Row]:
    return [features(record) for record in records]


def _db_api(spark: Any = None) -> Any:
    if spark is not None:
        from splink.backends.spark import SparkAPI

        return SparkAPI(spark_session=spark)
    from splink import DuckDBAPI

    return DuckDBAPI()


def make_linker(tables: list[list[Row]], settings: dict[str, Any] | str, *, spark: Any = None) -> Any:
    """A Splink linker over feature rows (one table to deduplicate, two to link)."""
    import pyarrow as pa
    from splink import Linker

    logging.getLogger("splink").setLevel(logging.WARNING)
    db_api = _db_api(spark)
    registered = [
        db_api.register(pa.Table.from_pylist(rows), dataset_display_name=f"input_{index}")
        for index, rows in enumerate(tables)
    ]
    return Linker(registered if len(registered) > 1 else registered[0], settings)


def train(
    tables: list[list[Row]],
    *,
    fields: tuple[str, ...] = FIELDS,
    recall: float = 0.8,
    max_pairs: float = 2e6,
    seed: int = 1,
    label_column: str | None = None,
    spark: Any = None,
) -> tuple[dict[str, Any], TermFrequencies, dict[str, float]]:
    """Train a model on feature rows; returns (Splink model dict, term frequencies, timings in seconds).

    With ``label_column`` (rows of one child share its value: synthetic data only) m probabilities are
    counted from the labelled true pairs instead of estimated by expectation maximisation.
    """
    started = time.perf_counter()
    link_type = "link_only" if len(tables) > 1 else "dedupe_only"
    linker = make_linker(tables, splink_settings(fields=fields, link_type=link_type), spark=spark)
    linker.training.estimate_probability_two_random_records_match(list(PRIOR_RULES), recall=recall)
    linker.training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    if label_column:
        linker.training.estimate_m_from_label_column(label_column)
    else:
        for rule in EM_BLOCKS:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True
            )
    model = linker.misc.save_model_to_json()
    _floor_unobserved(model)
    all_rows = [row for rows in tables for row in rows]
    tf = TermFrequencies.from_rows(all_rows, [column for column in TF_COLUMNS if column in fields])
    return model, tf, {"train_seconds": time.perf_counter() - started}


def _floor_unobserved(model: dict[str, Any]) -> None:
    """Give levels never observed (among true pairs for m, among random pairs for u) half the smallest
    trained probability of their comparison, rather than none: the level keeps a finite weight."""
    for comparison in model["comparisons"]:
        levels = [level for level in comparison["comparison_levels"] if not level.get("is_null_level")]
        for key in ("m_probability", "u_probability"):
            trained = [level[key] for level in levels if level.get(key)]
            floor = min(trained) / 2 if trained else 0.01
            for level in levels:
                if not level.get(key):
                    level[key] = floor


def save(model: dict[str, Any], tf: TermFrequencies, path: Path) -> None:
    """Write the model JSON and its term-frequency table (``<name>.tf.json``) next to it."""
    path.write_text(json.dumps(model, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tf_tables = {column: dict(sorted(values.items())) for column, values in tf.to_json().items()}
    path.with_suffix(".tf.json").write_text(json.dumps(tf_tables, indent=1, sort_keys=True) + "\n", encoding="utf-8")
