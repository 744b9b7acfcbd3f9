"""Load the postcode → district lookup from the ONS extract (pcd, laua), by default the copy in data/."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cme.areas.services import DEFAULT_POSTCODES_FILE, postcode_load
from cme.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = "Load the postcode to district lookup (CSV or CSV.gz with columns pcd and laua). Safe to re-run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_POSTCODES_FILE,
            help=f"A refreshed extract to load instead of {DEFAULT_POSTCODES_FILE.name}.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        started = time.perf_counter()
        try:
            result = postcode_load(path=path)
        except ApplicationError as error:
            raise CommandError(f"{error.message} Nothing was loaded.") from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Postcodes from {path.name}: {result.file_rows:,} rows read, {result.loaded:,} in our districts "
            f"({result.created:,} added, {result.updated:,} changed district, {result.unchanged:,} unchanged), "
            f"{result.removed:,} no longer in the file removed, in {seconds:.2f} s."
        )
        if result.skipped:
            by_code = ", ".join(f"{code} {count:,}" for code, count in sorted(result.skipped.items()))
            noun = "postcode" if result.skipped_total == 1 else "postcodes"
            self.stdout.write(f"Skipped {result.skipped_total:,} {noun} in districts that are not ours: {by_code}.")
