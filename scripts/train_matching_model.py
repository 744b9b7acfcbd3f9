"""Train the versioned child-matching model on synthetic children and save it.

    .venv/bin/python scripts/train_matching_model.py [--out cme/matching/engine/models/child_v2.json]

The training data is generated (cme.matching.engine.synthetic): no real person's data is used.
Its seed is fixed, so the same code trains the same model.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cme.matching.engine import synthetic, training
from cme.matching.engine.scorer import DEFAULT_MODEL


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--children", type=int, default=30000)
    parser.add_argument("--duplicate-share", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    rng = random.Random(args.seed)  # noqa: S311 - synthetic data, not security
    children = synthetic.population(rng, args.children)
    copies = synthetic.duplicates(rng, children, args.duplicate_share)
    rows = training.feature_rows(children)
    for row in rows:
        row["cluster"] = row["unique_id"]
    for original_id, copy in copies:
        row = training.features(copy)
        row["cluster"] = original_id
        rows.append(row)
    model, tf, timings = training.train([rows], label_column="cluster", seed=args.seed)
    training.save(model, tf, args.out)
    print(f"Trained on {len(rows):,} synthetic records in {timings['train_seconds']:.1f} s → {args.out}")


if __name__ == "__main__":
    main()
