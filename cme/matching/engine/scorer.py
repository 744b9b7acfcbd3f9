"""The interactive scorer: reads a trained Splink model (JSON) and scores one pair of records in Python.

It reproduces Splink's match weight for a pair exactly (a test compares it with Splink's
``score_pair`` to 1e-9): the same comparison levels (``comparisons``), the same Bayes factors
(``log2(m / u)``, with m and u clamped at 1e-300), the same term-frequency adjustment
(``weight * (log2(u_exact) - log2(max(tf_l, tf_r)))`` on levels marked for it) and the same prior.
Importing it does not import Splink or DuckDB.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .comparisons import COMPARISONS, Comparison, Row, features
from .records import Record

MODELS_DIR = Path(__file__).resolve().parent / "models"
DEFAULT_MODEL = MODELS_DIR / "child_v2.json"
_M_U_CLAMP_MIN = 1e-300

# Forename levels that may mean "a different child's name" and DOB levels that mean "born the same day".
# A forename found among the other record's names (its middle name or surname) is also a twin's pattern.
_DIFFERENT_FORENAME = {"One of the other record's names", "Jaro-Winkler >= 0.8", "All other"}
_SAME_BIRTHDAY = {"Exact match", "Day and month swapped"}

BAND_MATCH = "match"
BAND_POSSIBLE = "possible"
BAND_NO_MATCH = "no_match"


@dataclass(frozen=True)
class Bands:
    """Probability thresholds: at or above ``match`` a pair is a match, at or above ``possible`` a possible match."""

    match: float = 0.99
    possible: float = 0.8

    def __post_init__(self) -> None:
        if not 0 < self.possible <= self.match < 1:
            raise ValueError("Bands need 0 < possible <= match < 1")

    def band(self, probability: float) -> str:
        if probability >= self.match:
            return BAND_MATCH
        if probability >= self.possible:
            return BAND_POSSIBLE
        return BAND_NO_MATCH


class TermFrequencies:
    """How common each value is, per column: ``{"surname": {"SMITH": 0.012, ...}, ...}`` (relative frequencies).

    Build it from counts with :meth:`from_counts` (the caller counts the values in its own records),
    or use the table that ships with the model (:meth:`Scorer.from_model` loads it). A value absent
    from the table gets no adjustment, as in Splink.
    """

    def __init__(self, tables: Mapping[str, Mapping[str, float]] | None = None) -> None:
        self.tables: dict[str, dict[str, float]] = {col: dict(values) for col, values in (tables or {}).items()}

    @classmethod
    def from_counts(cls, counts: Mapping[str, Mapping[str, int]]) -> TermFrequencies:
        tables: dict[str, dict[str, float]] = {}
        for column, values in counts.items():
            total = sum(values.values())
            tables[column] = {value: count / total for value, count in values.items() if count} if total else {}
        return cls(tables)

    @classmethod
    def from_rows(cls, rows: Iterable[Row], columns: Iterable[str]) -> TermFrequencies:
        """Count the values of ``columns`` in feature rows (see ``comparisons.features``)."""
        counts: dict[str, dict[str, int]] = {column: {} for column in columns}
        for row in rows:
            for column, table in counts.items():
                value = row.get(column)
                if value is not None:
                    table[value] = table.get(value, 0) + 1
        return cls.from_counts(counts)

    def get(self, column: str, value: str | None) -> float | None:
        if value is None:
            return None
        return self.tables.get(column, {}).get(value)

    def to_json(self) -> dict[str, dict[str, float]]:
        return self.tables


class Contribution(NamedTuple):
    """One field's part in a score: the comparison level it reached and its log2 Bayes factor."""

    field: str
    level: str
    weight: float


@dataclass(frozen=True)
class Score:
    match_weight: float
    probability: float
    band: str
    contributions: list[Contribution]
    auto_link_allowed: bool = True
    cautions: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class _ScoredLevel:
    label: str
    weight: float
    tf_column: str | None
    tf_weight: float
    log2_u_exact: float


@dataclass(frozen=True)
class _ModelComparison:
    spec: Comparison
    levels: tuple[_ScoredLevel, ...]


def _level_weight(level: Mapping[str, Any]) -> float:
    if level.get("is_null_level"):
        return 0.0
    m, u = level.get("m_probability"), level.get("u_probability")
    if m is None or u is None:
        raise ValueError(f"Level {level.get('label_for_charts')!r} has no trained m and u probabilities")
    return math.log2(max(m, _M_U_CLAMP_MIN) / max(u, _M_U_CLAMP_MIN))


def _exact_u(levels: list[Mapping[str, Any]], column: str) -> float:
    exact_sql = f'"{column}_l" = "{column}_r"'
    for level in levels:
        if level["sql_condition"].strip() == exact_sql:
            return float(level["u_probability"])
    raise ValueError(f"No exact match level for the term-frequency column {column}")


def _read_comparison(data: Mapping[str, Any]) -> _ModelComparison:
    name = data["output_column_name"]
    spec = COMPARISONS.get(name)
    if spec is None:
        raise ValueError(f"The model compares {name!r}, which this engine does not know")
    levels = data["comparison_levels"]
    if [level["sql_condition"].strip() for level in levels] != [level.sql for level in spec.levels]:
        raise ValueError(f"The model's {name!r} levels differ from this engine's; retrain the model")
    scored = []
    for level in levels:
        tf_column = level.get("tf_adjustment_column")
        scored.append(
            _ScoredLevel(
                label=level.get("label_for_charts", ""),
                weight=_level_weight(level),
                tf_column=tf_column,
                tf_weight=float(level.get("tf_adjustment_weight", 1.0)),
                log2_u_exact=math.log2(_exact_u(levels, tf_column)) if tf_column else 0.0,
            )
        )
    return _ModelComparison(spec, tuple(scored))


def probability_of(match_weight: float) -> float:
    """Splink's formula, stable for large weights of either sign."""
    if match_weight >= 0:
        return 1.0 / (1.0 + 2.0 ** (-match_weight))
    odds = 2.0**match_weight
    return odds / (1.0 + odds)


class Scorer:
    """Scores pairs of records with a trained model. Create with :meth:`from_model`; it is immutable and thread-safe."""

    def __init__(
        self,
        model: Mapping[str, Any],
        *,
        bands: Bands | None = None,
        term_frequencies: TermFrequencies | None = None,
        name: str = "",
    ) -> None:
        self.model = model
        self.name = name
        self.bands = bands or Bands()
        self.term_frequencies = term_frequencies or TermFrequencies()
        prior = float(model["probability_two_random_records_match"])
        self.prior_weight = math.log2(prior / (1 - prior))
        self.comparisons = tuple(_read_comparison(data) for data in model["comparisons"])
        self.fields = tuple(comparison.spec.name for comparison in self.comparisons)

    @classmethod
    def from_model(cls, path_or_default: str | Path | None = None, *, bands: Bands | None = None) -> Scorer:
        """Load a model JSON saved by Splink (the versioned ``models/child_v2.json`` by default).

        The term-frequency table next to it (``<name>.tf.json``), when present, is the default for scoring.
        """
        path = Path(path_or_default) if path_or_default else DEFAULT_MODEL
        model = json.loads(path.read_text(encoding="utf-8"))
        tf_path = path.with_suffix(".tf.json")
        tf = TermFrequencies(json.loads(tf_path.read_text(encoding="utf-8"))) if tf_path.exists() else None
        return cls(model, bands=bands, term_frequencies=tf, name=path.stem)

    def features(self, record: Record) -> Row:
        """The normalised row :meth:`score_rows` reads (compute once per record when scoring it many times)."""
        return features(record, with_blocking_keys=False)

    def score(self, a: Record, b: Record, *, tf: TermFrequencies | None = None) -> Score:
        return self.score_rows(self.features(a), self.features(b), tf=tf)

    def score_rows(self, left: Row, right: Row, *, tf: TermFrequencies | None = None) -> Score:
        """Score two feature rows (use this to score one record against many without re-normalising it)."""
        frequencies = tf if tf is not None else self.term_frequencies
        total = self.prior_weight
        contributions = []
        for comparison in self.comparisons:
            level = comparison.levels[comparison.spec.level_index(left, right)]
            weight = level.weight + self._tf_adjustment(level, left, right, frequencies)
            total += weight
            contributions.append(Contribution(comparison.spec.name, level.label, weight))
        probability = probability_of(total)
        cautions = cautions_for(contributions)
        band = self.bands.band(probability)
        if cautions and band == BAND_MATCH:
            band = BAND_POSSIBLE
        return Score(total, probability, band, contributions, not cautions, cautions)

    @staticmethod
    def _tf_adjustment(level: _ScoredLevel, left: Row, right: Row, frequencies: TermFrequencies) -> float:
        if level.tf_column is None or level.tf_weight == 0:
            return 0.0
        tf_l = frequencies.get(level.tf_column, left[level.tf_column])
        tf_r = frequencies.get(level.tf_column, right[level.tf_column])
        present = [value for value in (tf_l, tf_r) if value is not None]
        if not present:
            return 0.0
        return level.tf_weight * (level.log2_u_exact - math.log2(max(*present, 0.0)))


def cautions_for(contributions: list[Contribution]) -> tuple[str, ...]:
    """Patterns a person must look at even when the probability is high (twins, siblings): never auto-linked."""
    levels = {contribution.field: contribution.level for contribution in contributions}
    cautions = []
    if levels.get("forename") in _DIFFERENT_FORENAME and levels.get("dob") in _SAME_BIRTHDAY:
        cautions.append("Same date of birth but a different forename: possibly twins or siblings")
    if levels.get("sex") == "All other":
        cautions.append("Recorded sex differs")
    return tuple(cautions)
