"""Writes to the schools register."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cme.areas.selectors import districts_for_postcodes
from cme.areas.services import file_sha256, reference_data_load_record
from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.schools.models import School
from cme.schools.school_files import LAYOUT_NAMES, SchoolRecord, read_school_file

DEFAULT_SCHOOLS_FILE = Path(settings.BASE_DIR) / "data" / "herts-schools-919-2024-25.csv"

# Every column of the register that an import sets (all but the key and the time stamp).
IMPORTED_FIELDS: tuple[str, ...] = tuple(
    f.attname for f in School._meta.concrete_fields if f.name not in ("urn", "imported_on")
)


def schools_dataset(la_code: str) -> str:
    """The ReferenceDataLoad key for one local authority's schools."""
    return f"schools:{la_code}"


@dataclass
class SchoolImportResult:
    layout: str
    file_rows: int = 0
    other_la: int = 0
    not_yet_open: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    without_district: int = 0
    # Schools of this LA in the register but not in the file: kept, as cases may point at them.
    missing_urns: list[int] = field(default_factory=list)

    @property
    def layout_name(self) -> str:
        return LAYOUT_NAMES[self.layout]

    def as_counts(self) -> dict[str, Any]:
        return {
            "file_rows": self.file_rows,
            "other_la": self.other_la,
            "not_yet_open": self.not_yet_open,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "without_district": self.without_district,
            "missing": len(self.missing_urns),
        }


def _wanted_values(records: list[SchoolRecord]) -> dict[int, dict[str, Any]]:
    districts = districts_for_postcodes(r.values["postcode"] for r in records if r.values["postcode"])
    wanted: dict[int, dict[str, Any]] = {}
    for record in records:
        district = districts.get(record.values["postcode"])
        values = {**record.values, "district_id": district.pk if district else None}
        wanted[record.urn] = {name: values[name] for name in IMPORTED_FIELDS}
    return wanted


@transaction.atomic
def school_import(*, path: Path, la_code: str, actor: Any = None) -> SchoolImportResult:
    """Bring the register into line with a DfE school information file or a GIAS extract.

    Keyed on URN: new schools are added and changed ones updated; a school that is no longer in the
    file is reported in ``missing_urns`` and kept. Only rows of local authority ``la_code`` are read.
    The file is read and checked in full before anything is written, and the whole import is one
    transaction. Importing the same file twice changes nothing the second time.
    """
    school_file = read_school_file(path.read_bytes(), source=path.name, la_code=la_code)
    result = SchoolImportResult(layout=school_file.layout, file_rows=school_file.rows, other_la=school_file.other_la)
    records = [r for r in school_file.records if not r.not_yet_open]
    result.not_yet_open = len(school_file.records) - len(records)
    wanted = _wanted_values(records)
    result.without_district = sum(1 for values in wanted.values() if values["district_id"] is None)

    existing = {school.urn: school for school in School.objects.all()}
    now = timezone.now()
    new: list[School] = []
    changed: list[School] = []
    for urn, values in wanted.items():
        school = existing.get(urn)
        if school is None:
            new.append(School(urn=urn, imported_on=now, **values))
            continue
        if all(getattr(school, name) == value for name, value in values.items()):
            continue
        for name, value in values.items():
            setattr(school, name, value)
        school.imported_on = now
        changed.append(school)
    School.objects.bulk_create(new, batch_size=500)
    School.objects.bulk_update(changed, [*IMPORTED_FIELDS, "imported_on"], batch_size=200)
    result.created, result.updated = len(new), len(changed)
    result.unchanged = len(wanted) - len(new) - len(changed)
    in_file = {r.urn for r in school_file.records}
    result.missing_urns = sorted(
        urn for urn, school in existing.items() if school.la_code == la_code and urn not in in_file
    )

    reference_data_load_record(
        dataset=schools_dataset(la_code),
        source_name=path.name,
        sha256=file_sha256(path),
        file_rows=result.file_rows,
        table_rows=School.objects.filter(la_code=la_code).count(),
        counts=result.as_counts(),
    )
    audit_record(
        actor=actor,
        action=AuditAction.SCHOOLS_IMPORTED,
        object_type="schools.school",
        data={**result.as_counts(), "file": path.name, "layout": result.layout, "la_code": la_code},
    )
    return result
