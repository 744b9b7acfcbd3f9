"""Term dates per academic year (kept by the CME manager) and paused clocks on cases."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from cme.core.models import BaseModel

# The six half-terms of an English school year, in order: (field prefix, name).
HALF_TERMS: tuple[tuple[str, str], ...] = (
    ("autumn_1", "Autumn term, first half"),
    ("autumn_2", "Autumn term, second half"),
    ("spring_1", "Spring term, first half"),
    ("spring_2", "Spring term, second half"),
    ("summer_1", "Summer term, first half"),
    ("summer_2", "Summer term, second half"),
)


class TermDates(BaseModel):
    """The first and last day of each half-term of one academic year in the council's maintained schools.
    School days are the working days inside a half-term; everything between is a holiday."""

    # The calendar year the academic year starts in: 2026 is the 2026 to 2027 school year.
    academic_year = models.PositiveSmallIntegerField(unique=True)
    autumn_1_first = models.DateField()
    autumn_1_last = models.DateField()
    autumn_2_first = models.DateField()
    autumn_2_last = models.DateField()
    spring_1_first = models.DateField()
    spring_1_last = models.DateField()
    spring_2_first = models.DateField()
    spring_2_last = models.DateField()
    summer_1_first = models.DateField()
    summer_1_last = models.DateField()
    summer_2_first = models.DateField()
    summer_2_last = models.DateField()

    class Meta:
        ordering = ["-academic_year"]
        verbose_name_plural = "term dates"

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.academic_year} to {self.academic_year + 1}"

    def half_terms(self) -> list[tuple[str, date, date]]:
        return [
            (name, getattr(self, f"{prefix}_first"), getattr(self, f"{prefix}_last")) for prefix, name in HALF_TERMS
        ]


class ClockPause(BaseModel):
    """A case's clock stopped while the team waits on someone else (another council, the Home Office, a
    court). The paused days do not count towards the clock's due date; an open pause has no due date."""

    class Clock(models.TextChoices):
        ENQUIRIES = "enquiries", "Completing the council's enquiries"
        REVIEW = "review", "Reviewing the case"
        SCHOOL_CONFIRMATION = "school_confirmation", "School confirming the child's attendance"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="clock_pauses")
    clock = models.CharField(max_length=30, choices=Clock.choices)
    paused_on = models.DateField()
    reason = models.TextField(max_length=2000)
    paused_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The first day that counts again; blank while paused.
    resumed_on = models.DateField(null=True, blank=True)
    resume_reason = models.TextField(max_length=2000, blank=True)
    resumed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["paused_on", "created_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "clock"], condition=models.Q(resumed_on__isnull=True), name="clock_one_open_pause"
            ),
            models.CheckConstraint(
                condition=models.Q(resumed_on__isnull=True) | models.Q(resumed_on__gte=models.F("paused_on")),
                name="clock_resumes_after_pause",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_clock_display()} paused on {self.paused_on}"

    @property
    def span(self) -> tuple[date, date | None]:
        return (self.paused_on, self.resumed_on)


class CaseReview(BaseModel):
    """A periodic review of an open case (the review cycle of the policy values): it restarts the case's
    review clock. The manager's review of a child not located (policy 6.4) is a case status instead."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="periodic_reviews")
    reviewed_on = models.DateField()
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    summary = models.TextField(max_length=5000)

    class Meta:
        ordering = ["reviewed_on", "created_on"]

    def __str__(self) -> str:
        return f"Review on {self.reviewed_on}"
