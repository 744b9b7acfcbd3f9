import random
from dataclasses import replace
from datetime import date

import pytest

from cme.matching.engine import batch, synthetic
from cme.matching.engine.comparisons import features
from cme.matching.engine.records import Record
from cme.matching.engine.scorer import Bands, Scorer, TermFrequencies


@pytest.fixture(scope="module")
def scorer():
    return Scorer.from_model()


@pytest.fixture(scope="module")
def files():
    rng = random.Random(31)
    left = synthetic.population(rng, 400, prefix="L")
    copies = synthetic.duplicates(rng, left, 0.5, prefix="R")
    return left, [copy for _, copy in copies], {(original, copy.id) for original, copy in copies}


def test_batch_scores_equal_the_interactive_scorer(scorer, files):
    left, right, _ = files
    pairs = batch.link(left, right, scorer=scorer, threshold=0.01)
    records = {record.id: record for record in [*left, *right]}
    tf = TermFrequencies.from_rows([features(r) for r in [*left, *right]], ["forename", "surname", "postcode"])
    assert len(pairs) > 200
    for pair in pairs:
        score = scorer.score(records[pair.left_id], records[pair.right_id], tf=tf)
        assert pair.match_weight == pytest.approx(score.match_weight, abs=1e-9)
        assert pair.band == score.band
        assert pair.auto_link_allowed == score.auto_link_allowed
        assert [c.level for c in pair.contributions] == [c.level for c in score.contributions]


def test_batch_finds_the_duplicates(scorer, files):
    left, right, truth = files
    pairs = batch.link(left, right, scorer=scorer, one_to_one=True)
    found = {(pair.left_id, pair.right_id) for pair in pairs}
    assert len(found & truth) >= 0.95 * len(truth)
    assert len(found - truth) <= 0.05 * len(found)
    assert [p.match_weight for p in pairs] == sorted((p.match_weight for p in pairs), reverse=True)


def test_one_to_one_keeps_each_records_best_pair(scorer):
    child = Record(
        id="a", forenames="Amy", surname="Khan", dob=date(2014, 3, 7), postcode="AL1 3AB", address="1 Oak Rd"
    )
    copy = replace(child, id="b")
    weaker = replace(child, id="c", forenames="Ann")
    everything = batch.link([child], [copy, weaker], scorer=scorer, threshold=0.01)
    assert [p.right_id for p in everything] == ["b", "c"]
    assert [p.right_id for p in batch.link([child], [copy, weaker], scorer=scorer, one_to_one=True)] == ["b"]


def test_twins_in_a_batch_are_not_auto_linked(scorer):
    rng = random.Random(5)
    children = [synthetic.random_child(rng, f"a{i}") for i in range(100)]
    twins = [synthetic.twin(rng, child, f"b{i}") for i, child in enumerate(children)]
    pairs = batch.link(children, twins, scorer=scorer, bands=Bands(match=0.9, possible=0.5))
    assert not [p for p in pairs if p.band == "match" and p.auto_link_allowed]


def test_empty_inputs(scorer):
    assert batch.link([], [], scorer=scorer) == []
    assert batch.link([Record(id="a", surname="Khan")], [], scorer=scorer) == []
