"""Referrals of children who may be missing education, from every channel, and their triage."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from cme.core.models import BaseModel
from cme.people.models import Sex
from cme.referrals.codes import DeletionGround


class Referral(BaseModel):
    class Channel(models.TextChoices):
        PUBLIC = "public", "Public referral"
        SCHOOL_NON_ARRIVAL = "school_non_arrival", "School: did not arrive on the agreed start date"
        SCHOOL_NOT_TAKING_PLACE = "school_not_taking_place", "School: will not take up the place"
        SCHOOL_DELETION = "school_deletion", "School: deletion from the admission register"
        ADMISSIONS_WHEREABOUTS = "admissions_whereabouts", "Admissions: whereabouts unknown"
        ADMISSIONS_NOT_COMING = "admissions_not_coming", "Admissions: will not be coming to the school"
        PARTNER = "partner", "Partner agency referral"
        STAFF = "staff", "Received by the CME team"

    class Source(models.TextChoices):
        ONLINE = "online", "Online form"
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        LETTER = "letter", "Letter"
        IN_PERSON = "in_person", "In person"
        OTHER = "other", "Other"

    class Team(models.TextChoices):
        CME = "cme", "Children missing education team"
        ATTENDANCE = "attendance", "Attendance duty team"
        EHE = "ehe", "Elective home education team"
        SCHOOL = "school", "The school"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Decision(models.TextChoices):
        CME = "cme", "Missing education: case opened"
        ON_ROLL = "on_roll", "On a school roll but not attending: sent to attendance duty"
        EHE = "ehe", "Elective home education: sent to the EHE team"
        ALTERNATIVE_PROVISION = "alternative_provision", "In alternative provision: closed"
        NOT_CSA = "not_csa", "Not of compulsory school age: closed"
        OTHER_COUNCIL = "other_council", "Lives in another council's area: forwarded"
        DUPLICATE = "duplicate", "Duplicate: linked"
        DEALT_WITH = "dealt_with", "Dealt with by the team it was sent to"

    reference = models.CharField(max_length=11, unique=True)
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4)
    channel = models.CharField(max_length=30, choices=Channel.choices)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.ONLINE)
    source_detail = models.CharField(max_length=200, blank=True)
    team = models.CharField(max_length=20, choices=Team.choices, default=Team.CME)
    area = models.ForeignKey("areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    urgent = models.BooleanField(default=False)
    urgent_reason = models.TextField(blank=True, max_length=2000)

    # The child, as the referrer describes them.
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100, blank=True)
    other_names = models.CharField(max_length=300, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    age_description = models.CharField(max_length=100, blank=True, help_text="When the date of birth is not known")
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.NOT_KNOWN)
    upn = models.CharField(max_length=13, blank=True, db_index=True, verbose_name="UPN")
    nhs_number = models.CharField(max_length=10, blank=True, verbose_name="NHS number")
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, db_index=True)
    district = models.ForeignKey("areas.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    outside_area = models.BooleanField(default=False, help_text="The postcode is outside the council's area")
    last_school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    last_school_name = models.CharField(max_length=200, blank=True, help_text="A school not in the register")
    date_last_seen = models.DateField(null=True, blank=True)
    date_last_attended = models.DateField(null=True, blank=True)
    agreed_start_date = models.DateField(null=True, blank=True)
    risk_factors = models.JSONField(default=list, blank=True)
    concern = models.TextField(max_length=5000, blank=True)

    # Who made it.
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referrer_organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referrer_anonymous = models.BooleanField(default=False)
    referrer_name = models.CharField(max_length=150, blank=True)
    referrer_relationship = models.CharField(max_length=150, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_phone = models.CharField(max_length=30, blank=True)

    # Triage.
    decision = models.CharField(max_length=30, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(max_length=5000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateTimeField(null=True, blank=True)
    ehe_previously_unsuitable = models.BooleanField(null=True, blank=True)
    forwarded_to = models.CharField(max_length=200, blank=True)
    forwarded_on = models.DateField(null=True, blank=True)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="duplicates")
    case = models.ForeignKey("cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals")
    related_referral = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_on_referrals",
        help_text="The deletion return or admissions task this referral came from",
    )
    # The team last told about this referral, so a re-run of the notification job sends nothing twice.
    notified_team = models.CharField(max_length=20, blank=True)
    notified_on = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_on"]
        indexes = [
            models.Index(fields=["team", "status", "area"], name="referral_queue_idx"),
            models.Index(fields=["date_of_birth", "surname"], name="referral_dob_surname_idx"),
        ]

    def __str__(self) -> str:
        return self.reference


class ReferralPerson(models.Model):
    """A parent, carer or sibling named in a referral."""

    class Kind(models.TextChoices):
        CARER = "carer", "Parent or carer"
        SIBLING = "sibling", "Sibling"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="people")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=150)
    relationship = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(max_length=300, blank=True)
    lives_with_child = models.BooleanField(null=True, blank=True)
    school_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.name


class ContactAttempt(models.Model):
    """One of a school's reasonable enquiries to reach the family before referring."""

    class Method(models.TextChoices):
        PHONE = "phone", "Phone call"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        HOME_VISIT = "home_visit", "Home visit"
        OTHER = "other", "Other"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="contact_attempts")
    method = models.CharField(max_length=20, choices=Method.choices)
    attempted_on = models.DateField()
    outcome = models.CharField(max_length=500)

    class Meta:
        ordering = ["attempted_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} on {self.attempted_on}"


class DeletionReturn(models.Model):
    """The regulation 13(4) deletion return a school sends when it removes a pupil from its register."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="deletion_return")
    ground = models.CharField(max_length=1, choices=DeletionGround.choices)
    date_ground_met = models.DateField()
    date_deleted = models.DateField()
    destination_known = models.BooleanField()
    destination_school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    destination_school_name = models.CharField(max_length=200, blank=True)
    destination_start_date = models.DateField(null=True, blank=True)
    future_address = models.CharField(max_length=300, blank=True)
    future_address_parent_name = models.CharField(max_length=150, blank=True)
    future_address_from = models.DateField(null=True, blank=True)
    joint_enquiries_evidence = models.TextField(max_length=5000, blank=True)
    unable_to_obtain_information = models.TextField(max_length=2000, blank=True)
    safeguarding_context = models.TextField(max_length=5000, blank=True)

    def __str__(self) -> str:
        return f"Deletion return for {self.referral.reference}"


class SchoolTask(BaseModel):
    """Something a school must do, such as recording a leaver's destination (policy 4.7)."""

    class Kind(models.TextChoices):
        RECORD_LEAVER_DESTINATION = "record_leaver_destination", "Record the leaver's destination"

    class Status(models.TextChoices):
        OPEN = "open", "To do"
        DONE = "done", "Done"

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="school_task")
    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="tasks")
    kind = models.CharField(max_length=40, choices=Kind.choices, default=Kind.RECORD_LEAVER_DESTINATION)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    date_removed = models.DateField(null=True, blank=True)
    destination_known = models.BooleanField(null=True, blank=True)
    destination = models.CharField(max_length=300, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_on = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-created_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.referral.reference})"


class PublicSubmission(models.Model):
    """One public referral, kept to limit how many one address can send (a keyed hash, never the address)."""

    client_digest = models.CharField(max_length=64, db_index=True)
    submitted_on = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.client_digest[:8]} at {self.submitted_on}"
