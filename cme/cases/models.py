"""CME cases. A case is opened when triage decides a referred child is missing education, and its
status changes only through ``cme.cases.services.case_transition`` (the table in states.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.cases.codes import CaseOutcome, RiskLevel
from cme.cases.states import CaseStatus
from cme.core.models import BaseModel


class Case(BaseModel):
    Status = CaseStatus

    reference = models.CharField(max_length=11, unique=True)
    child = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    area = models.ForeignKey("areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    allocated_on = models.DateTimeField(null=True, blank=True)
    urgent = models.BooleanField(default=False)
    cme_from = models.DateField(help_text="The first day the child was missing education, for the DfE return")
    cme_until = models.DateField(null=True, blank=True)
    # The primary reason the child is missing education, for the DfE return (a coded list kept in cme.returns).
    cme_reason = models.ForeignKey(
        "returns.CmeReason", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Every change bumps the version; a change made from a stale page is refused (services check it).
    version = models.PositiveIntegerField(default=1)

    # Risk (policy 3.4, 6.6, 6.7). risk_level is derived by the service from the factors and concerns.
    risk_factors = models.JSONField(default=list, blank=True)
    significant_concerns = models.BooleanField(default=False)
    concerns = models.TextField(max_length=5000, blank=True)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, default=RiskLevel.STANDARD)
    whereabouts_known = models.BooleanField(default=False)
    # Set when significant concerns and unknown whereabouts first coincide; cleared when a referral to
    # Children's Social Care or MASH is recorded, or the concerns end, or the child's whereabouts become
    # known (policy 6.7; cme/cases/risk.py).
    immediate_referral_due = models.BooleanField(default=False)
    ehe_previously_unsuitable = models.BooleanField(default=False)

    # Restricted cases (e.g. a family fleeing domestic violence): the address and these fields are shown
    # only to a user who gives a reason, which is audited.
    restricted = models.BooleanField(default=False)
    restriction_reason = models.CharField(max_length=500, blank=True)

    # Where the child was found, while the case waits for the school to confirm (state "located").
    located_on = models.DateField(null=True, blank=True)
    located_school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    located_school_name = models.CharField(max_length=200, blank=True, help_text="A school not in the register")
    located_council = models.CharField(max_length=200, blank=True, help_text="Another council's area")
    expected_start_date = models.DateField(null=True, blank=True)
    school_confirmed_on = models.DateField(null=True, blank=True)
    school_confirmed_attendance = models.BooleanField(null=True, blank=True)
    confirmation_note = models.TextField(max_length=2000, blank=True)

    # Why it closed (domain.md §10.2), with its evidence.
    outcome = models.CharField(max_length=30, choices=CaseOutcome.choices, blank=True)
    outcome_evidence = models.TextField(max_length=5000, blank=True)
    outcome_recorded_on = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The provider (other suitable provision) or where the child went (left England).
    outcome_detail = models.CharField(max_length=300, blank=True)
    social_care_reference = models.CharField(max_length=100, blank=True)
    # Not located, or moved abroad: a CTF goes to the Lost Pupils Database (policy 6.5; XXX or MMM destination).
    lost_pupils_database = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_on"]
        indexes = [
            models.Index(fields=["status", "area", "allocated_to"], name="case_queue_idx"),
            models.Index(fields=["risk_level", "status"], name="case_risk_idx"),
        ]

    def __str__(self) -> str:
        return self.reference


class CaseStatusChange(models.Model):
    """One move of a case through its lifecycle: who, when, why. Kept for reporting time in each state."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    changed_on = models.DateTimeField()
    reason = models.TextField(max_length=5000)

    class Meta:
        ordering = ["changed_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status or 'new'} → {self.to_status}"


class CmeInterval(models.Model):
    """A period in which the child on this case was missing education. A case reopened, or returned
    to enquiries after a placement fell through, starts a new interval (for the DfE return)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="cme_intervals")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="cme_interval_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start} to {self.end or 'now'}"


class CaseNote(models.Model):
    """A note on a case's timeline. Notes are never edited or deleted: a correction is another note."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_on = models.DateTimeField()
    text = models.TextField(max_length=10000)

    class Meta:
        ordering = ["written_on", "id"]

    def __str__(self) -> str:
        return f"Note on {self.case_id} at {self.written_on:%Y-%m-%d %H:%M}"


class SafeguardingReferral(models.Model):
    """A referral the CME team made about the child to Children's Social Care, MASH or the police (policy 6.2, 6.7)."""

    class MadeTo(models.TextChoices):
        MASH = "mash", "Multi-Agency Safeguarding Hub (MASH)"
        SOCIAL_CARE = "social_care", "Children's Social Care"
        POLICE = "police", "Police"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safeguarding_referrals")
    made_to = models.CharField(max_length=20, choices=MadeTo.choices)
    made_on = models.DateField()
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=100, help_text="Their reference for the referral")
    reason = models.TextField(max_length=5000)

    class Meta:
        ordering = ["made_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_made_to_display()} {self.reference}"


class CaseTask(BaseModel):
    """Something someone outside the CME team must do for the case, tracked until done, such as the
    allocated social worker contacting counterparts abroad for a child on a plan who left the UK (policy 6.6)."""

    class Kind(models.TextChoices):
        CONTACT_COUNTERPARTS_ABROAD = "contact_counterparts_abroad", "Social worker to contact counterparts abroad"
        SCHOOL_CONFIRMATION = "school_confirmation", "School to confirm the start date and attendance"

    class Status(models.TextChoices):
        OPEN = "open", "To do"
        DONE = "done", "Done"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    assigned_to = models.CharField(max_length=200, help_text="Who must do it, e.g. the allocated social worker")
    details = models.TextField(max_length=5000, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(null=True, blank=True)
    result = models.TextField(max_length=5000, blank=True)

    class Meta:
        ordering = ["status", "due_on"]

    def __str__(self) -> str:
        return self.get_kind_display()
