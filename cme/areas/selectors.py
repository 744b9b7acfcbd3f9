"""Reads of areas, districts and the postcode lookup."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from cme.areas.models import District, Postcode, ReferenceDataLoad
from cme.areas.services import postcode_is_valid, postcode_normalise
from cme.core.exceptions import ApplicationError


def district_for_postcode(postcode: str) -> District | None:
    """The district a postcode is in, or None if it is not a postcode in our area (or not a postcode).

    One primary-key lookup: the lookup table is keyed on the normal form of the postcode.
    """
    try:
        normal = postcode_normalise(postcode)
    except ApplicationError:
        return None
    row = Postcode.objects.select_related("district__area").filter(postcode=normal).first()
    return row.district if row else None


def districts_for_postcodes(postcodes: Iterable[str]) -> dict[str, District]:
    """District by normal-form postcode for each of ``postcodes`` that is in our area (one query per 500)."""
    normal = sorted({postcode_normalise(p) for p in postcodes if postcode_is_valid(p)})
    found: dict[str, District] = {}
    for start in range(0, len(normal), 500):
        rows = Postcode.objects.select_related("district").filter(postcode__in=normal[start : start + 500])
        found.update({row.postcode: row.district for row in rows})
    return found


def district_list() -> QuerySet[District]:
    return District.objects.select_related("area").order_by("name")


def postcode_count() -> int:
    return Postcode.objects.count()


def reference_data_is_current(*, dataset: str, sha256: str, table_rows: int) -> bool:
    """True if ``dataset`` was last loaded from a file with this checksum and its table still has the
    number of rows that load left, so loading it again would change nothing."""
    return ReferenceDataLoad.objects.filter(dataset=dataset, sha256=sha256, table_rows=table_rows).exists()
