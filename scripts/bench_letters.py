"""Letter rendering benchmark: prints how long one letter takes to render as a PDF.

For each letter kind: the first render in the process (WeasyPrint loads Pango and the fonts) and the
median and slowest of 20 further renders of the default template with its example values, with the
PDF's size. Renders only (``letter_preview``): nothing is written to the database.

    DJANGO_SETTINGS_MODULE=config.settings.local .venv/bin/python scripts/bench_letters.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from cme.letters.services import letter_preview  # noqa: E402 - after django.setup()
from cme.letters.templates_registry import LETTER_KINDS  # noqa: E402


def _render(key: str) -> tuple[float, int]:
    kind = LETTER_KINDS[key]
    start = time.perf_counter()
    pdf = letter_preview(kind=key, context=kind.sample_context(), body=kind.default_body, case_reference="CME-BENCH")
    return time.perf_counter() - start, len(pdf)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    first, _ = _render("sao_notice_to_satisfy")
    print(f"first render in this process (loads Pango and fonts): {first * 1000:.0f} ms")
    print(f"{'letter':32} {'median ms':>10} {'max ms':>8} {'bytes':>8}")
    for key in LETTER_KINDS:
        timings, size = [], 0
        for _ in range(args.repeat):
            seconds, size = _render(key)
            timings.append(seconds * 1000)
        print(f"{key:32} {statistics.median(timings):10.0f} {max(timings):8.0f} {size:8,}")


if __name__ == "__main__":
    main()
