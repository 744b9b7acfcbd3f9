"""Children known to the CME service."""

from __future__ import annotations

from django.db import models

from cme.core.models import BaseModel


class Sex(models.TextChoices):
    FEMALE = "F", "Female"
    MALE = "M", "Male"
    NOT_KNOWN = "U", "Not known"


class Child(BaseModel):
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    other_names = models.CharField(max_length=300, blank=True, help_text="Other or previous names")
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.NOT_KNOWN)
    upn = models.CharField(max_length=13, blank=True, db_index=True, verbose_name="UPN")
    nhs_number = models.CharField(max_length=10, blank=True, verbose_name="NHS number")
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    district = models.ForeignKey("areas.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["surname", "forenames"]
        indexes = [models.Index(fields=["date_of_birth", "surname"], name="child_dob_surname_idx")]

    def __str__(self) -> str:
        return f"{self.forenames} {self.surname}"
