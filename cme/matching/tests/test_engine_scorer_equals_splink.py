"""The interactive scorer reproduces Splink's match weights for the trained model (to 1e-9)."""

import logging
import random
from dataclasses import replace
from datetime import date

import pyarrow as pa
import pytest
from splink import DuckDBAPI, Linker

from cme.matching.engine import synthetic
from cme.matching.engine.comparisons import features
from cme.matching.engine.scorer import Scorer

TF_COLUMNS = ("forename", "surname", "postcode")


@pytest.fixture(scope="module")
def scorer():
    return Scorer.from_model()


@pytest.fixture(scope="module")
def linker(scorer):
    logging.getLogger("splink").setLevel(logging.WARNING)
    rows = [features(synthetic.random_child(random.Random(1), "seed"))]
    return Linker(DuckDBAPI().register(pa.Table.from_pylist(rows)), dict(scorer.model))


def _row(scorer, record, side):
    row = features(record)
    row["unique_id"] = f"{side}-{record.id}"
    for column in TF_COLUMNS:  # hard-coded term frequencies, as score_pair expects
        row[f"tf_{column}"] = scorer.term_frequencies.get(column, row[column])
    return row


def _block(rng, index):
    """Eight records each side: children, copies with a source's slips, twins, strangers, blanks."""
    children = [synthetic.random_child(rng, f"{index}-{i}") for i in range(4)]
    left = [*children, *(synthetic.corrupt(rng, child, f"{index}-c{i}") for i, child in enumerate(children[:3]))]
    left.append(replace(children[0], id=f"{index}-swap", dob=date(2013, 5, 11), forenames="Bob"))
    right = [synthetic.corrupt(rng, child, f"{index}-d{i}") for i, child in enumerate(children)]
    right += [synthetic.twin(rng, children[1], f"{index}-t"), synthetic.random_child(rng, f"{index}-x")]
    right += [replace(children[2], id=f"{index}-blank", dob=None, postcode="", address="", sex="")]
    right.append(replace(children[3], id=f"{index}-bad", dob=None, dob_text="2014-02-30", other_names=("Smith",)))
    return left, right


@pytest.mark.slow
def test_scorer_equals_splink_score_pairs_on_thousands_of_pairs(scorer, linker):
    rng = random.Random(2026)
    compared, worst = 0, 0.0
    levels_seen: set[tuple[str, str]] = set()
    for index in range(40):
        left, right = _block(rng, index)
        left_rows = [_row(scorer, record, "l") for record in left]
        right_rows = [_row(scorer, record, "r") for record in right]
        splink = {
            (row["unique_id_l"], row["unique_id_r"]): row
            for row in linker.inference.score_pairs(left_rows, right_rows).as_record_list()
        }
        for left_row in left_rows:
            for right_row in right_rows:
                expected = splink[(left_row["unique_id"], right_row["unique_id"])]
                score = scorer.score_rows(left_row, right_row)
                worst = max(worst, abs(score.match_weight - expected["match_weight"]))
                assert score.probability == pytest.approx(expected["match_probability"], abs=1e-9)
                levels_seen.update((c.field, c.level) for c in score.contributions)
                compared += 1
    assert compared == 40 * 8 * 8
    assert worst <= 1e-9
    every_level = {(c.spec.name, level.label) for c in scorer.comparisons for level in c.levels}
    assert len(levels_seen) >= len(every_level) - 6  # nearly every level of every comparison was exercised


def test_scorer_equals_splink_score_pair(scorer, linker):
    rng = random.Random(7)
    for index in range(10):
        child = synthetic.random_child(rng, f"p{index}")
        other = synthetic.corrupt(rng, child, f"q{index}") if index % 2 else synthetic.twin(rng, child, f"q{index}")
        left, right = _row(scorer, child, "l"), _row(scorer, other, "r")
        expected = linker.inference.score_pair(left, right).as_record_list()[0]
        assert scorer.score_rows(left, right).match_weight == pytest.approx(expected["match_weight"], abs=1e-9)
