"""Load the postcode lookup and the schools register from data/, skipping what has not changed.

``make run`` calls this on every start, so when the files and tables already match it only reads
two checksums and two row counts.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from cme.areas.selectors import postcode_count, reference_data_is_current
from cme.areas.services import DEFAULT_POSTCODES_FILE, POSTCODES_DATASET, file_sha256
from cme.schools.selectors import school_count
from cme.schools.services import DEFAULT_SCHOOLS_FILE, schools_dataset


class Command(BaseCommand):
    help = "Load the postcode lookup and the schools register from data/ when they have changed. Safe to re-run."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Load both even if nothing seems to have changed.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        force: bool = options["force"]
        la_code: str = settings.CME_LA_CODE
        verbosity: int = options["verbosity"]

        postcodes_current = reference_data_is_current(
            dataset=POSTCODES_DATASET, sha256=file_sha256(DEFAULT_POSTCODES_FILE), table_rows=postcode_count()
        )
        if force or not postcodes_current:
            call_command("load_postcodes", file=DEFAULT_POSTCODES_FILE, stdout=self.stdout, verbosity=verbosity)
        else:
            self.stdout.write(f"Postcode lookup is up to date ({postcode_count():,} postcodes).")

        # A changed postcode lookup can move schools between districts, so re-import them too.
        schools_current = postcodes_current and reference_data_is_current(
            dataset=schools_dataset(la_code),
            sha256=file_sha256(DEFAULT_SCHOOLS_FILE),
            table_rows=school_count(la_code=la_code),
        )
        if force or not schools_current:
            call_command("import_schools", DEFAULT_SCHOOLS_FILE, la=la_code, stdout=self.stdout, verbosity=verbosity)
        else:
            self.stdout.write(f"Schools register is up to date ({school_count(la_code=la_code):,} schools).")
        self.stdout.write(f"Reference data checked in {time.perf_counter() - started:.2f} s.")
