"""Link two CSV files of children: ``python manage.py match_files LEFT.csv RIGHT.csv --out OUT.csv``.

Input columns: ``id,forename,surname,dob,sex,postcode,address,upn`` (every one but ``id`` may be
blank; ``nhs_number`` and ``other_names``, separated by ";", are read when present; other columns
are ignored). Dates as 2014-03-07, 07/03/2014 or 20140307. Output: ``left_id,right_id,probability,band``,
one row per candidate pair at or above the "possible" threshold, best first.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cme.matching.engine import batch
from cme.matching.engine.records import Record, parse_dob
from cme.matching.engine.scorer import Bands, Scorer

REQUIRED_COLUMNS = ("id", "forename", "surname", "dob", "sex", "postcode", "address", "upn")


def read_records(path: Path) -> list[Record]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = [column.strip().lower() for column in reader.fieldnames or []]
            missing = [column for column in REQUIRED_COLUMNS if column not in columns]
            if missing:
                raise CommandError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not UTF-8 text") from error
    records, seen = [], set()
    for line, row in enumerate(rows, start=2):
        identifier = row["id"]
        if not identifier:
            raise CommandError(f"{path}, line {line}: the id is blank")
        if identifier in seen:
            raise CommandError(f"{path}, line {line}: the id {identifier!r} appears twice")
        seen.add(identifier)
        records.append(_record(row))
    return records


def _record(row: dict[str, Any]) -> Record:
    dob = parse_dob(row["dob"])
    return Record(
        id=row["id"],
        forenames=row["forename"],
        surname=row["surname"],
        dob=dob,
        dob_text="" if dob else row["dob"],
        sex=row["sex"],
        postcode=row["postcode"],
        address=row["address"],
        upn=row["upn"],
        nhs_number=row.get("nhs_number", ""),
        other_names=tuple(name.strip() for name in row.get("other_names", "").split(";") if name.strip()),
    )


class Command(BaseCommand):
    help = "Link two CSV files of children and write the candidate pairs with their probability and band."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left", type=Path, help="CSV: id,forename,surname,dob,sex,postcode,address,upn")
        parser.add_argument("right", type=Path, help="CSV with the same columns")
        parser.add_argument("--out", type=Path, required=True, help="CSV to write: left_id,right_id,probability,band")
        parser.add_argument(
            "--match", type=float, default=Bands.match, help="probability for 'match' (default %(default)s)"
        )
        parser.add_argument(
            "--possible", type=float, default=Bands.possible, help="probability for 'possible' (default %(default)s)"
        )
        parser.add_argument("--model", type=Path, default=None, help="model JSON (default: the versioned child model)")
        parser.add_argument(
            "--one-to-one",
            action="store_true",
            help="each child appears at most once per file: keep each one's best pair",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            bands = Bands(match=options["match"], possible=options["possible"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        left, right = read_records(options["left"]), read_records(options["right"])
        scorer = Scorer.from_model(options["model"], bands=bands)
        pairs = batch.link(left, right, scorer=scorer, bands=bands, one_to_one=options["one_to_one"])
        with options["out"].open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["left_id", "right_id", "probability", "band"])
            for pair in pairs:
                writer.writerow([pair.left_id, pair.right_id, f"{pair.probability:.6f}", pair.band])
        self.stdout.write(
            f"{len(left):,} x {len(right):,} records: {len(pairs):,} pair(s) at or above {bands.possible}"
            f" written to {options['out']}"
        )
