"""Hertfordshire's two CME areas, its ten districts (ONS codes) and the postcode lookup."""

from __future__ import annotations

from django.db import models


class Area(models.Model):
    """A CME area (West or East); each has its own CME officer and attendance duty team."""

    code = models.SlugField(primary_key=True, max_length=16)
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A local authority district (lower tier), identified by its ONS code, e.g. E07000103."""

    ons_code = models.CharField(primary_key=True, max_length=9)
    name = models.CharField(max_length=60, unique=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="districts")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """One postcode in the council's area, in its normal form ("AL1 1AA"), and its district."""

    postcode = models.CharField(primary_key=True, max_length=8)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="postcodes")

    def __str__(self) -> str:
        return self.postcode


class ReferenceDataLoad(models.Model):
    """The last load of one reference data set (postcodes, schools): which file, its checksum and
    how many rows it gave, so a start-up load can tell that nothing has changed and skip the work."""

    dataset = models.CharField(primary_key=True, max_length=40)
    source_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    file_rows = models.PositiveIntegerField()
    table_rows = models.PositiveIntegerField()
    counts = models.JSONField(default=dict, blank=True)
    loaded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.dataset} from {self.source_name} at {self.loaded_at:%Y-%m-%d %H:%M}"
