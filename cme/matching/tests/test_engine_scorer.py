import math
import random
from dataclasses import replace
from datetime import date

import pytest

from cme.matching.engine import synthetic
from cme.matching.engine.scorer import Bands, Scorer, TermFrequencies

CHILD = synthetic.Record(
    id="a",
    forenames="Robert James",
    surname="Okafor",
    dob=date(2014, 3, 7),
    sex="M",
    postcode="AL1 3AB",
    address="12 Victoria Road, St Albans",
    upn="",
)


@pytest.fixture(scope="module")
def scorer():
    return Scorer.from_model()


def _levels(score):
    return {contribution.field: contribution.level for contribution in score.contributions}


def test_identical_records_are_a_match_with_every_field_explained(scorer):
    score = scorer.score(CHILD, replace(CHILD, id="b"))
    assert score.band == "match"
    assert score.auto_link_allowed
    assert [c.field for c in score.contributions] == [
        "forename", "surname", "dob", "sex", "postcode", "address", "upn", "nhs_number"
    ]  # fmt: skip
    assert _levels(score)["dob"] == "Exact match"
    assert _levels(score)["upn"] == "Null"
    assert math.isclose(score.match_weight, scorer.prior_weight + sum(c.weight for c in score.contributions))
    assert score.probability == pytest.approx(1 / (1 + 2 ** (-score.match_weight)))


def test_day_and_month_swapped_scores_between_exact_and_different(scorer):
    exact = scorer.score(CHILD, replace(CHILD, id="b"))
    swapped = scorer.score(CHILD, replace(CHILD, id="b", dob=date(2014, 7, 3)))
    different = scorer.score(CHILD, replace(CHILD, id="b", dob=date(2011, 11, 25)))
    assert _levels(swapped)["dob"] == "Day and month swapped"
    assert exact.match_weight > swapped.match_weight > different.match_weight
    assert swapped.band == "match"


def test_one_digit_slip_in_the_date_of_birth(scorer):
    score = scorer.score(CHILD, replace(CHILD, id="b", dob=date(2015, 3, 7)))
    assert _levels(score)["dob"] == "One digit different"
    assert score.band == "match"


def test_an_invalid_date_as_written_is_still_compared_digit_by_digit(scorer):
    score = scorer.score(CHILD, replace(CHILD, id="b", dob=None, dob_text="2014-02-37"))
    assert _levels(score)["dob"] == "Two digits different"


def test_nickname_and_other_names(scorer):
    nickname = scorer.score(CHILD, replace(CHILD, id="b", forenames="Bob"))
    assert _levels(nickname)["forename"] == "Same name (nickname)"
    assert nickname.band == "match"
    middle = scorer.score(CHILD, replace(CHILD, id="b", forenames="James"))
    assert _levels(middle)["forename"] == "One of the other record's names"
    previous_surname = scorer.score(CHILD, replace(CHILD, id="b", surname="Mensah", other_names=("Okafor",)))
    assert _levels(previous_surname)["surname"] == "One of the other record's names"
    assert previous_surname.band in {"match", "possible"}


def test_twins_are_never_auto_linked(scorer):
    twin = replace(CHILD, id="b", forenames="Grace", sex="F")
    score = scorer.score(CHILD, twin)
    assert not score.auto_link_allowed
    assert score.band != "match"
    assert "twins" in score.cautions[0]
    brother = scorer.score(CHILD, replace(CHILD, id="b", forenames="Oscar"))
    assert not brother.auto_link_allowed
    assert brother.band != "match"


def test_synthetic_twin_pairs_are_never_auto_linked(scorer):
    rng = random.Random(8)
    auto_links = 0
    for index in range(300):
        child = synthetic.random_child(rng, f"t{index}")
        score = scorer.score(child, synthetic.twin(rng, child, f"u{index}"))
        auto_links += score.band == "match" and score.auto_link_allowed
    assert auto_links == 0


def test_different_children_are_no_match(scorer):
    other = synthetic.Record(
        id="b", forenames="Amelia", surname="Nowak", dob=date(2010, 12, 1), sex="F", postcode="WD17 1AA",
        address="3 Oak Close, Watford",
    )  # fmt: skip
    score = scorer.score(CHILD, other)
    assert score.band == "no_match"
    assert score.probability < 0.001


def test_blank_fields_add_nothing(scorer):
    score = scorer.score(CHILD, synthetic.Record(id="b", forenames="Robert", surname="Okafor"))
    assert {c.field: c.weight for c in score.contributions if c.level == "Null"} == {
        "dob": 0.0, "sex": 0.0, "postcode": 0.0, "address": 0.0, "upn": 0.0, "nhs_number": 0.0
    }  # fmt: skip


def test_bands_come_from_the_thresholds_passed_in():
    strict = Scorer.from_model(bands=Bands(match=0.999999, possible=0.5))
    score = strict.score(CHILD, replace(CHILD, id="b", dob=date(2014, 7, 3), postcode="", address=""))
    assert score.band == "possible"
    assert Bands(match=0.9, possible=0.5).band(0.95) == "match"
    assert Bands(match=0.9, possible=0.5).band(0.5) == "possible"
    assert Bands(match=0.9, possible=0.5).band(0.49) == "no_match"
    with pytest.raises(ValueError, match="Bands need"):
        Bands(match=0.5, possible=0.9)


def test_term_frequencies_make_a_common_surname_weigh_less(scorer):
    tf = TermFrequencies.from_counts({"surname": {"SMITH": 99, "OKAFOR": 1}})
    smith = replace(CHILD, surname="Smith")
    common = scorer.score(smith, replace(smith, id="b"), tf=tf)
    rare = scorer.score(CHILD, replace(CHILD, id="b"), tf=tf)
    weight = {c.field: c.weight for c in common.contributions}["surname"]
    assert weight < {c.field: c.weight for c in rare.contributions}["surname"]
    assert tf.get("surname", "SMITH") == 0.99
    assert tf.get("surname", "JONES") is None


def test_a_model_with_other_comparisons_is_refused(tmp_path):
    model = dict(Scorer.from_model().model)
    model["comparisons"] = [dict(model["comparisons"][0], output_column_name="shoe_size")]
    path = tmp_path / "odd.json"
    path.write_text(__import__("json").dumps(model))
    with pytest.raises(ValueError, match="shoe_size"):
        Scorer.from_model(path)


def test_names_swapped_whole_count_but_a_surname_used_as_the_other_forename_does_not(scorer):
    swapped = scorer.score(CHILD, replace(CHILD, id="b", forenames="Okafor", surname="Robert"))
    assert _levels(swapped)["forename"] == "One of the other record's names"
    shifted = scorer.score(CHILD, replace(CHILD, id="b", forenames="Okafor", surname="Williams"))
    assert _levels(shifted)["forename"] == "All other"
    assert _levels(shifted)["surname"] == "One of the other record's names"


def test_address_parts_a_line_within_the_other_and_the_same_number_and_town(scorer):
    within = scorer.score(CHILD, replace(CHILD, id="b", address="St Albans"))
    assert _levels(within)["address"] == "One address within the other"
    town = scorer.score(CHILD, replace(CHILD, id="b", address="12 Beechwood Gardens, St Albnas"))
    assert _levels(town)["address"] == "Same number, town Jaro-Winkler >= 0.9"
    assert town.contributions[5].weight > 0
    elsewhere = scorer.score(CHILD, replace(CHILD, id="b", address="7 Vicarage Close, Watford"))
    assert _levels(elsewhere)["address"] == "All other"
