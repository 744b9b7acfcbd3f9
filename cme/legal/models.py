"""School Attendance Orders and Education Supervision Orders on a case, each with the events that
moved it through its stages (cme/legal/stages.py), and the officers the manager authorised to issue
notices. Written only by cme.legal.services."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.core.models import BaseModel
from cme.legal.stages import EsoStatus, LegalRegime, SaoStatus, ServiceMethod


class SchoolAttendanceOrder(BaseModel):
    """One SAO process for the child on a case, from the notice to satisfy the council to its end."""

    class EsoConclusion(models.TextChoices):
        APPLY_FOR_ESO = "apply_for_eso", "Apply for an Education Supervision Order instead"
        PROSECUTE = "prosecute", "Prosecute: an ESO would not help"

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="school_attendance_orders")
    legal_regime = models.CharField(max_length=10, choices=LegalRegime.choices)
    status = models.CharField(max_length=30, choices=SaoStatus.choices, default=SaoStatus.OPENED)
    opened_on = models.DateField()
    grounds = models.TextField(
        max_length=5000, help_text="Why it appears the child is not receiving suitable education"
    )
    # Who notices are addressed to. The child's record holds no parent, so the order does.
    parent_name = models.CharField(max_length=200)
    parent_address = models.TextField(max_length=500)
    # Deadlines, computed from the day of service (day 1) when each notice is served.
    notice_served_on = models.DateField(null=True, blank=True)
    notice_period_ends = models.DateField(null=True, blank=True)
    intention_served_on = models.DateField(null=True, blank=True)
    intention_period_ends = models.DateField(null=True, blank=True)
    schools_proposed = models.TextField(max_length=2000, blank=True)
    parent_choice = models.CharField(max_length=200, blank=True)
    order_served_on = models.DateField(null=True, blank=True)
    named_school = models.CharField(max_length=200, blank=True)
    eso_conclusion = models.CharField(max_length=20, choices=EsoConclusion.choices, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "-created_on"]

    def __str__(self) -> str:
        return f"School Attendance Order on {self.case_id}"


class EducationSupervisionOrder(BaseModel):
    """One ESO for the child on a case: consultation, application, hearings, the order, its end."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="education_supervision_orders")
    school_attendance_order = models.ForeignKey(
        SchoolAttendanceOrder, null=True, blank=True, on_delete=models.PROTECT, related_name="supervision_orders"
    )
    legal_regime = models.CharField(max_length=10, choices=LegalRegime.choices)
    status = models.CharField(max_length=20, choices=EsoStatus.choices, default=EsoStatus.PREPARING)
    opened_on = models.DateField()
    grounds = models.TextField(max_length=5000, help_text="Why the child is not being properly educated")
    # Who notices are addressed to. The child's record holds no parent, so the order does.
    parent_name = models.CharField(max_length=200)
    parent_address = models.TextField(max_length=500)
    consulted_on = models.DateField(null=True, blank=True)
    applied_on = models.DateField(null=True, blank=True)
    court = models.CharField(max_length=200, blank=True)
    next_hearing_on = models.DateField(null=True, blank=True)
    made_on = models.DateField(null=True, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True, help_text="The last day of the order, extensions included")
    supervisor = models.CharField(max_length=200, blank=True)
    extension_applied_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_on", "-created_on"]

    def __str__(self) -> str:
        return f"Education Supervision Order on {self.case_id}"


class _Event(models.Model):
    """One step taken on an order: what, when, by whom; for a notice, when and how it was served."""

    id = models.BigAutoField(primary_key=True)
    step = models.CharField(max_length=40)
    from_status = models.CharField(max_length=30)
    to_status = models.CharField(max_length=30)
    happened_on = models.DateField(help_text="The day of the decision, service, hearing or check")
    served_on = models.DateField(null=True, blank=True, help_text="The day of service (day 1 of any period)")
    method_of_service = models.CharField(max_length=30, choices=ServiceMethod.choices, blank=True)
    deadline = models.DateField(null=True, blank=True, help_text="The last day of the period this step started")
    school = models.CharField(max_length=200, blank=True)
    details = models.TextField(max_length=5000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    # The notice or order issued with the step, kept on the case by cme.letters.
    document = models.ForeignKey(
        "letters.IssuedDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["recorded_at", "id"]


class SaoEvent(_Event):
    order = models.ForeignKey(SchoolAttendanceOrder, on_delete=models.CASCADE, related_name="events")

    class Meta(_Event.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.step} on {self.happened_on}"


class EsoEvent(_Event):
    order = models.ForeignKey(EducationSupervisionOrder, on_delete=models.CASCADE, related_name="events")

    class Meta(_Event.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.step} on {self.happened_on}"


class LegalAuthorisation(BaseModel):
    """The CME manager's authorisation of a CME officer to issue legal notices and orders. Active until
    revoked; granting and revoking are audited."""

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="legal_authorisations")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField()
    reason = models.CharField(max_length=500)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"], condition=models.Q(revoked_at__isnull=True), name="one_active_legal_authorisation"
            )
        ]

    def __str__(self) -> str:
        return f"Legal authorisation {self.pk}"
