"""Import the schools register from a DfE school information file or a GIAS establishment extract."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cme.core.exceptions import ApplicationError
from cme.schools.services import DEFAULT_SCHOOLS_FILE, SchoolImportResult, school_import

_MISSING_SHOWN = 20


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Import schools from a DfE school information CSV or a GIAS edubasealldata extract (told apart by "
        "the header). Adds and updates by URN, never deletes. Safe to re-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            nargs="?",
            type=Path,
            default=DEFAULT_SCHOOLS_FILE,
            help=f"Default: data/{DEFAULT_SCHOOLS_FILE.name}",
        )
        parser.add_argument(
            "--la",
            default=settings.CME_LA_CODE,
            help=f"Keep only this local authority's establishments (default {settings.CME_LA_CODE}, CME_LA_CODE).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        la_code: str = str(options["la"]).strip()
        if not (la_code.isdigit() and len(la_code) == 3):
            raise CommandError(f"--la must be a three-digit local authority number, like 919, not {la_code!r}.")
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        started = time.perf_counter()
        try:
            result = school_import(path=path, la_code=la_code)
        except ApplicationError as error:
            raise CommandError(f"{error.message} Nothing was imported.") from error
        self.report(result, path=path, la_code=la_code, seconds=time.perf_counter() - started)

    def report(self, result: SchoolImportResult, *, path: Path, la_code: str, seconds: float) -> None:
        self.stdout.write(
            f"Schools from {path.name} ({result.layout_name}), LA {la_code}: {result.file_rows:,} rows read, "
            f"{result.created:,} added, {result.updated:,} updated, {result.unchanged:,} unchanged, "
            f"in {seconds:.2f} s."
        )
        if result.other_la:
            self.stdout.write(f"Skipped {_count(result.other_la, 'row')} of other local authorities.")
        if result.not_yet_open:
            self.stdout.write(f"Skipped {_count(result.not_yet_open, 'establishment')} proposed to open.")
        if result.without_district:
            self.stdout.write(
                f"{_count(result.without_district, 'school')} with no district: the postcode is not in the lookup."
            )
        if result.missing_urns:
            shown = ", ".join(str(urn) for urn in result.missing_urns[:_MISSING_SHOWN])
            more = (
                f" and {len(result.missing_urns) - _MISSING_SHOWN:,} more"
                if len(result.missing_urns) > _MISSING_SHOWN
                else ""
            )
            self.stdout.write(
                f"{_count(len(result.missing_urns), 'school')} in the register but not in this file, kept: "
                f"URN {shown}{more}."
            )
