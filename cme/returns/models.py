"""The DfE termly return (census dates, primary reasons for CME) and the Lost Pupils Database files made
from closed cases. See docs/dfe-return.md and docs/ctf.md."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.core.models import BaseModel


class Term(models.TextChoices):
    AUTUMN = "autumn", "Autumn"
    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"


class CensusDate(BaseModel):
    """One census day of the DfE "Elective home education and children missing education" collection.
    DfE publishes them each year; the CME manager enters them."""

    census_date = models.DateField(unique=True)
    term = models.CharField(max_length=10, choices=Term.choices)
    return_due = models.DateField(null=True, blank=True, help_text="When the return must reach DfE")

    class Meta:
        ordering = ["-census_date"]

    def __str__(self) -> str:
        return f"{self.get_term_display()} census, {self.census_date:%-d %B %Y}"


class CmeReason(BaseModel):
    """A primary reason for a child missing education, as coded in the DfE collection. DfE changes the
    list (five reasons were added in autumn 2025), so it is data the CME manager keeps up to date. A
    reason no longer collected is retired, not deleted: cases that recorded it keep it."""

    code = models.CharField(max_length=30, unique=True, help_text="The code the collection uses")
    label = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0, help_text="Order in lists, smallest first")
    in_use = models.BooleanField(default=True, help_text="Offered when recording a case's reason")

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label


class LostPupilFile(BaseModel):
    """A Common Transfer File made for the Lost Pupils Database from a closed case (policy 6.5). The file
    itself is not kept: it holds the child's details and is made again on demand; this row records who
    made it, when, and the name and sequence it carried."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="lost_pupil_files")
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField()
    file_name = models.CharField(max_length=40)
    sequence = models.PositiveIntegerField()
    destination = models.CharField(max_length=7)

    class Meta:
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return self.file_name
