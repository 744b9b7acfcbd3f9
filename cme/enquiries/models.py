"""The enquiries a CME officer makes to find a child (policy 6.3), and enquiries other councils make
of us to find theirs (policy 2.2). docs/enquiries.md explains the checklist and when it is exhausted.

Every case has one checklist: one standard enquiry per ``Check``. Rows are created when the officer
first records something about a check (asked, or not applicable), so a check with no row is "not
started". Cross-border enquiries may go to several councils: the standard cross-border row (no
``other_council``) is the general enquiry, such as the national CME contacts network, and each named
council asked gets its own row with ``other_council`` set.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from cme.core.models import BaseModel
from cme.people.models import Sex


class Check(models.TextChoices):
    """The checks of policy 6.3, in the order the checklist shows them."""

    SYSTEMS = "systems", "Systems interrogation (school rolls, admissions, EHE register)"
    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (NHS)"
    MASH = "mash", "MASH referral (where required)"
    CROSS_BORDER = "cross_border", "Cross-border enquiry with other councils"
    FAMILY_LOCATION = "family_location", "Establishing the family's location (home visit)"
    EDUCATIONAL_PROVISION = "educational_provision", "Confirming educational provision"
    HOUSING = "housing", "Housing"
    BENEFITS = "benefits", "Benefits"
    COUNCIL_TAX = "council_tax", "Council tax"
    LOST_PUPILS = "lost_pupils", "Lost Pupils Database / S2S search"
    BORDER_CONTROL = "border_control", "Information to the social worker for border control"


class Method(models.TextChoices):
    EMAIL = "email", "Email"
    SECURE_EMAIL = "secure_email", "Secure email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    PORTAL = "portal", "Online portal or case system"
    VISIT = "visit", "Visit"
    OTHER = "other", "Other"


class Outcome(models.TextChoices):
    INFORMATION_FOUND = "information_found", "Information found"
    NOTHING_KNOWN = "nothing_known", "Nothing known"
    NO_RESPONSE = "no_response", "No response"


class Enquiry(BaseModel):
    """One enquiry on a case's checklist. Its state is: not started (nothing asked, not marked not
    applicable), waiting (asked, no answer yet; overdue once past ``due_on``), answered (an outcome),
    or not applicable (with a reason). Changed only by the services in cme/enquiries/services.py."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="enquiries")
    check_type = models.CharField(max_length=30, choices=Check.choices, verbose_name="check")
    other_council = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "other_council"},
        help_text="For a cross-border enquiry to one named council; blank on the standard checks",
    )
    asked_whom = models.CharField(max_length=200, blank=True, help_text="Organisation, team or contact asked")
    asked_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    due_on = models.DateField(null=True, blank=True)
    last_chased_on = models.DateField(null=True, blank=True)
    answer = models.TextField(max_length=5000, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    not_applicable = models.BooleanField(default=False)
    not_applicable_reason = models.TextField(max_length=2000, blank=True)
    completed_on = models.DateField(null=True, blank=True, help_text="When it was answered or marked not applicable")
    # Every change bumps the version; a change made from a stale page is refused.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "enquiries"
        constraints = [
            models.UniqueConstraint(
                fields=["case", "check_type"], condition=Q(other_council__isnull=True), name="enquiry_one_per_check"
            ),
            models.UniqueConstraint(
                fields=["case", "other_council"],
                condition=Q(other_council__isnull=False),
                name="enquiry_one_per_other_council",
            ),
            models.CheckConstraint(
                condition=Q(other_council__isnull=True) | Q(check_type="cross_border"),
                name="enquiry_other_council_only_cross_border",
            ),
            models.CheckConstraint(
                condition=Q(not_applicable=False) | Q(outcome=""), name="enquiry_answered_or_not_applicable"
            ),
        ]
        indexes = [models.Index(fields=["due_on"], name="enquiry_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_check_type_display()} ({self.case_id})"

    @property
    def is_asked(self) -> bool:
        return self.asked_on is not None

    @property
    def is_finished(self) -> bool:
        """Answered (any outcome, "no response" included) or not applicable."""
        return self.not_applicable or bool(self.outcome)

    @property
    def is_waiting(self) -> bool:
        return self.is_asked and not self.is_finished


class EnquiryStep(models.Model):
    """One thing done on an enquiry, in order: asked, chased, answered, marked not applicable. The
    enquiry holds where it stands now; these rows are its history (a chase is a step)."""

    class Kind(models.TextChoices):
        ASKED = "asked", "Asked"
        CHASED = "chased", "Chased"
        ANSWERED = "answered", "Answered"
        NOT_APPLICABLE = "not_applicable", "Marked not applicable"

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    on = models.DateField()
    asked_whom = models.CharField(max_length=200, blank=True)
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    due_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    # The answer, the reason it is not applicable, or a note about a chase.
    text = models.TextField(max_length=5000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on}"


class InboundEnquiry(BaseModel):
    """Another council asks us whether we know where their child is (policy 2.2: supporting other
    local authorities to locate their CME children)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ANSWERED = "answered", "Answered"

    class Finding(models.TextChoices):
        ON_ROLL = "on_roll", "Found on roll at a school"
        KNOWN_AT_ADDRESS = "known_at_address", "Known at an address in our area"
        NOT_KNOWN = "not_known", "Not known to us"

    reference = models.CharField(max_length=11, unique=True)
    requesting_council = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "other_council"},
    )
    # Used when the council is not on the organisations list.
    council_name = models.CharField(max_length=200, blank=True)
    la_code = models.CharField(max_length=3, blank=True, verbose_name="LA code")
    contact = models.CharField(max_length=200, blank=True, help_text="Who asked, and how to reply")
    their_reference = models.CharField(max_length=100, blank=True)
    received_on = models.DateField()
    forenames = models.CharField(max_length=100)
    surname = models.CharField(max_length=100)
    other_names = models.CharField(max_length=300, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.NOT_KNOWN)
    upn = models.CharField(max_length=13, blank=True, verbose_name="UPN")
    last_known_address = models.TextField(max_length=1000, blank=True)
    last_known_postcode = models.CharField(max_length=8, blank=True)
    request = models.TextField(max_length=5000, help_text="What they ask us")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    finding = models.CharField(max_length=20, choices=Finding.choices, blank=True)
    school = models.ForeignKey("schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answer = models.TextField(max_length=5000, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_on", "received_on"]
        verbose_name_plural = "inbound enquiries"
        constraints = [
            models.CheckConstraint(
                condition=Q(requesting_council__isnull=False) | ~Q(council_name=""),
                name="inbound_enquiry_names_its_council",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(finding="") & Q(answered_on__isnull=False)),
                name="inbound_enquiry_answer_complete",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="inbound_enquiry_queue_idx")]

    def __str__(self) -> str:
        return self.reference

    @property
    def council(self) -> str:
        """The requesting council's name, from the organisations list when it is on it."""
        if self.requesting_council_id is not None:
            return str(self.requesting_council)
        return self.council_name
