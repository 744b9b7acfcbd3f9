"""The schools register: every establishment in the council's area, keyed on URN."""

from __future__ import annotations

from django.db import models


class School(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        PROPOSED_TO_CLOSE = "closing", "Open, proposed to close"
        CLOSED = "closed", "Closed"

    class Phase(models.TextChoices):
        PRIMARY = "primary", "Primary"
        SECONDARY = "secondary", "Secondary"
        ALL_THROUGH = "all_through", "All-through"
        SPECIAL = "special", "Special"
        POST_16 = "post16", "16 plus"
        OTHER = "other", "Other"

    urn = models.PositiveIntegerField(primary_key=True, verbose_name="URN")
    la_code = models.CharField(max_length=3, verbose_name="LA code")
    establishment_number = models.CharField(max_length=4, blank=True)
    name = models.CharField(max_length=200, db_index=True)
    street = models.CharField(max_length=200, blank=True)
    locality = models.CharField(max_length=200, blank=True)
    address3 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    district = models.ForeignKey(
        "areas.District", null=True, blank=True, on_delete=models.PROTECT, related_name="schools"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    open_date = models.DateField(null=True, blank=True)
    close_date = models.DateField(null=True, blank=True)
    establishment_type = models.CharField(max_length=120, blank=True)
    establishment_group = models.CharField(max_length=120, blank=True)
    phase = models.CharField(max_length=12, choices=Phase.choices, default=Phase.OTHER)
    age_low = models.PositiveSmallIntegerField(null=True, blank=True)
    age_high = models.PositiveSmallIntegerField(null=True, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    religious_character = models.CharField(max_length=100, blank=True)
    admissions_policy = models.CharField(max_length=50, blank=True)
    imported_on = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.urn})"

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.street, self.locality, self.address3, self.town, self.postcode) if line]

    @property
    def laestab(self) -> str:
        return f"{self.la_code}{self.establishment_number}"
