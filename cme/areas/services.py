"""Writes to the reference data of areas: the postcode lookup and the record of each reference load.

``postcode_normalise`` lives here too: every service that stores a postcode calls it first, so the
lookup and the stored postcodes always agree on one form ("AL1 1AA").
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cme.areas.models import District, Postcode, ReferenceDataLoad
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.core.exceptions import ApplicationError

POSTCODE_ERROR = "Enter a real postcode, like AL1 2AB"
POSTCODES_DATASET = "postcodes"
DEFAULT_POSTCODES_FILE = Path(settings.BASE_DIR) / "data" / "herts-postcodes-district.csv.gz"

# Outward code (area letter(s), district digit(s), optional letter) then the inward code (a digit and
# two letters, never C, I, K, M, O or V). The same shape as the ONS Postcode Directory's postcodes.
_POSTCODE_RE = re.compile(r"^([A-PR-UWYZ][A-HK-Y]?[0-9][A-Z0-9]?)([0-9][ABD-HJLNP-UW-Z]{2})$")
_WRITE_BATCH = 2000


def postcode_normalise(raw: str) -> str:
    """``" al11aa "`` → ``"AL1 1AA"``. Raises ApplicationError if it is not a UK postcode."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    match = _POSTCODE_RE.match(compact)
    if match is None:
        raise ApplicationError(POSTCODE_ERROR, field="postcode")
    return f"{match.group(1)} {match.group(2)}"


def postcode_is_valid(raw: str) -> bool:
    try:
        postcode_normalise(raw)
    except ApplicationError:
        return False
    return True


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class PostcodeLoadResult:
    file_rows: int = 0
    loaded: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    # Rows of the file whose district is not one of ours, by district code.
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def as_counts(self) -> dict[str, Any]:
        return {
            "file_rows": self.file_rows,
            "loaded": self.loaded,
            "created": self.created,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": self.skipped_total,
        }


def _open_text(path: Path) -> IO[str]:
    """The file as text, whether or not it is gzipped (told by its first two bytes, not its name)."""
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    raw = gzip.open(path, "rb") if gzipped else path.open("rb")  # noqa: SIM115 (closed with the wrapper)
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _read_postcode_rows(path: Path) -> Iterator[tuple[int, str, str]]:
    """(line number, pcd, laua) for each data row; checks the header first."""
    with _open_text(path) as text:
        reader = csv.reader(text)
        header = [name.strip().lower() for name in next(reader, [])]
        if "pcd" not in header or "laua" not in header:
            raise ApplicationError(
                f"{path.name}: the first line must name the columns pcd and laua (it has: {', '.join(header)})."
            )
        pcd_at, laua_at = header.index("pcd"), header.index("laua")
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) <= max(pcd_at, laua_at):
                raise ApplicationError(f"{path.name}, line {reader.line_num}: expected a postcode and a district code.")
            yield reader.line_num, row[pcd_at], row[laua_at].strip().upper()


def _wanted_postcodes(path: Path, result: PostcodeLoadResult) -> dict[str, str]:
    ours = set(District.objects.values_list("ons_code", flat=True))
    wanted: dict[str, str] = {}
    for line, pcd, laua in _read_postcode_rows(path):
        result.file_rows += 1
        try:
            postcode = postcode_normalise(pcd)
        except ApplicationError:
            raise ApplicationError(f"{path.name}, line {line}: {pcd!r} is not a postcode.") from None
        if laua not in ours:
            result.skipped[laua or "(blank)"] += 1
            continue
        if wanted.get(postcode, laua) != laua:
            raise ApplicationError(f"{path.name}, line {line}: {postcode} is listed again with another district.")
        wanted[postcode] = laua
    return wanted


def _chunks(items: list[str], size: int = _WRITE_BATCH) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def postcode_load(*, path: Path, actor: Any = None) -> PostcodeLoadResult:
    """Make the postcode lookup match ``path`` (CSV, optionally gzipped, columns pcd and laua).

    Postcodes of districts that are not ours are counted and skipped. Postcodes no longer in the
    file are removed (nothing refers to a lookup row). Re-running with the same file changes
    nothing. The whole load is one transaction: an error anywhere leaves the table as it was.
    """
    result = PostcodeLoadResult()
    wanted = _wanted_postcodes(path, result)
    result.loaded = len(wanted)
    existing = dict(Postcode.objects.values_list("postcode", "district_id"))

    new = [Postcode(postcode=code, district_id=laua) for code, laua in wanted.items() if code not in existing]
    Postcode.objects.bulk_create(new, batch_size=_WRITE_BATCH)
    result.created = len(new)

    moved: dict[str, list[str]] = {}
    for code, laua in wanted.items():
        if code in existing and existing[code] != laua:
            moved.setdefault(laua, []).append(code)
    for laua, codes in moved.items():
        for chunk in _chunks(codes):
            Postcode.objects.filter(postcode__in=chunk).update(district_id=laua)
    result.updated = sum(len(codes) for codes in moved.values())

    gone = sorted(existing.keys() - wanted.keys())
    for chunk in _chunks(gone):
        Postcode.objects.filter(postcode__in=chunk).delete()
    result.removed = len(gone)
    result.unchanged = result.loaded - result.created - result.updated

    reference_data_load_record(
        dataset=POSTCODES_DATASET,
        source_name=path.name,
        sha256=file_sha256(path),
        file_rows=result.file_rows,
        table_rows=Postcode.objects.count(),
        counts=result.as_counts(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.POSTCODES_LOADED,
        object_type="areas.postcode",
        data={**result.as_counts(), "file": path.name},
    )
    return result


def reference_data_load_record(
    *, dataset: str, source_name: str, sha256: str, file_rows: int, table_rows: int, counts: dict[str, Any]
) -> ReferenceDataLoad:
    """Remember what was last loaded for ``dataset``. Call inside the load's own transaction."""
    load, _ = ReferenceDataLoad.objects.update_or_create(
        dataset=dataset,
        defaults={
            "source_name": source_name,
            "sha256": sha256,
            "file_rows": file_rows,
            "table_rows": table_rows,
            "counts": counts,
            "loaded_at": timezone.now(),
        },
    )
    return load
