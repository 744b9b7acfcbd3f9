"""Organisations whose people use cme, and the team mailboxes the service writes to."""

from __future__ import annotations

from django.db import models

from cme.core.models import BaseModel


class Organisation(BaseModel):
    class Kind(models.TextChoices):
        COUNCIL_TEAM = "council_team", "Council team"
        SCHOOL = "school", "School"
        PARTNER_AGENCY = "partner_agency", "Partner agency"
        OTHER_COUNCIL = "other_council", "Other council"

    class AgencyType(models.TextChoices):
        SOCIAL_CARE = "social_care", "Children's social care"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        HOUSING = "housing", "Housing"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    school = models.OneToOneField(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="organisation"
    )
    agency_type = models.CharField(max_length=20, choices=AgencyType.choices, blank=True)
    la_code = models.CharField(max_length=3, blank=True, verbose_name="LA code")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organisation_unique_name_per_kind"),
            models.CheckConstraint(
                condition=~models.Q(kind="school") | models.Q(school__isnull=False),
                name="organisation_school_has_urn",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="partner_agency") | ~models.Q(agency_type=""),
                name="organisation_partner_has_agency_type",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Mailbox(BaseModel):
    """A team mailbox, such as the CME inbox or an area's attendance duty team.

    The key is what code asks for ("cme", "attendance_west"); the address is data the CME manager
    edits, so no address is ever written into code.
    """

    class Key(models.TextChoices):
        CME = "cme", "Children missing education team"
        ATTENDANCE_WEST = "attendance_west", "Attendance duty team, West"
        ATTENDANCE_EAST = "attendance_east", "Attendance duty team, East"
        ADMISSIONS = "admissions", "School admissions"
        EHE = "ehe", "Elective home education team"

    key = models.CharField(max_length=30, choices=Key.choices, unique=True)
    email = models.EmailField()

    class Meta:
        ordering = ["key"]
        verbose_name_plural = "mailboxes"

    def __str__(self) -> str:
        return self.get_key_display()
