"""Record matching in the service: an index of the people we can match, runs of the matcher, the
suggestions they make and the officers' decisions, school roll returns, and reversible merges.

The scoring itself is ``cme.matching.engine`` (pure Python, no Django); this app feeds it rows and
keeps what it says.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cme.core.models import BaseModel


class MatchableRecord(BaseModel):
    """One person the matcher can find: a child on a case, the child a referral describes, or a pupil
    on a school's roll return, with the fields of the engine's ``Record``.

    Its blocking keys are ``MatchKey`` rows, indexed by name and value, so that a duplicate check
    reads only the records sharing one. Kept current by the services that create or change those
    records (``matching_index_*``); ``manage.py rebuild_match_index`` fills it from scratch."""

    class Source(models.TextChoices):
        CHILD = "child", "Child on a case"
        REFERRAL = "referral", "Referral"
        ROLL_PUPIL = "roll_pupil", "Pupil on a school's roll return"

    source = models.CharField(max_length=20, choices=Source.choices)
    source_id = models.UUIDField()
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.CASCADE, related_name="match_records"
    )
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.CASCADE, related_name="match_records"
    )
    roll_pupil = models.ForeignKey(
        "matching.RollReturnPupil", null=True, blank=True, on_delete=models.CASCADE, related_name="match_records"
    )
    # False once the child's record was merged into another one (restored by undoing the merge).
    active = models.BooleanField(default=True)

    forenames = models.CharField(max_length=100, blank=True)
    other_names = models.CharField(max_length=300, blank=True, help_text="Other or previous names, separated by |")
    surname = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True, help_text="M, F or blank when not known")
    postcode = models.CharField(max_length=8, blank=True)
    address = models.CharField(max_length=500, blank=True)
    upn = models.CharField(max_length=13, blank=True)
    nhs_number = models.CharField(max_length=10, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="match_record_source_unique")]
        indexes = [
            models.Index(fields=["upn"], name="match_upn_idx"),
            models.Index(fields=["nhs_number"], name="match_nhs_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.source_id}"


class MatchKey(models.Model):
    """One blocking key of an indexed record (``cme.matching.engine.blocking.blocking_keys``): its name
    ("dob", "postcode", "birth_year_surname"...) and value. A record's candidates are the records sharing
    a key, found through the (name, value) index whatever the engine's set of keys."""

    record = models.ForeignKey(MatchableRecord, on_delete=models.CASCADE, related_name="keys")
    name = models.CharField(max_length=30)
    value = models.CharField(max_length=60)

    class Meta:
        indexes = [models.Index(fields=["name", "value"], name="match_key_idx")]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class RollReturn(BaseModel):
    """A school's roll or new-pupil return (regulation 13, domain.md §3.4), uploaded as CSV or CTF.
    Its pupils are matched against the children on open cases in a background job."""

    class Kind(models.TextChoices):
        NEW_PUPILS = "new_pupils", "New pupils (admissions since the last return)"
        ROLL = "roll", "Whole roll"

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        CTF = "ctf", "Common transfer file (CTF)"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting to be matched"
        MATCHED = "matched", "Matched"
        FAILED = "failed", "Could not be matched"

    school = models.ForeignKey("schools.School", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEW_PUPILS)
    file_format = models.CharField(max_length=5, choices=Format.choices)
    file_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_on = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    pupil_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_on"]

    def __str__(self) -> str:
        return f"Roll return {self.file_name}"


class RollReturnPupil(BaseModel):
    """One pupil listed on a roll return, as the school gave them."""

    roll_return = models.ForeignKey(RollReturn, on_delete=models.CASCADE, related_name="pupils")
    row_number = models.PositiveIntegerField()
    pupil_reference = models.CharField(max_length=50, blank=True, help_text="The school's id for the pupil")
    forenames = models.CharField(max_length=100)
    other_names = models.CharField(max_length=300, blank=True)
    surname = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    address = models.CharField(max_length=500, blank=True)
    upn = models.CharField(max_length=13, blank=True)

    class Meta:
        ordering = ["row_number"]

    def __str__(self) -> str:
        return f"Row {self.row_number} of {self.roll_return_id}"


class MatchRun(BaseModel):
    """One run of the matcher over a batch: a roll return against open cases, or every child on a
    case against each other (to find duplicate records). The thresholds it used are kept with it."""

    class Kind(models.TextChoices):
        ROLL_RETURN = "roll_return", "School roll return against open cases"
        CHILD_DUPLICATES = "child_duplicates", "Children on cases against each other"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    roll_return = models.OneToOneField(
        RollReturn, null=True, blank=True, on_delete=models.CASCADE, related_name="match_run"
    )
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_on = models.DateTimeField()
    finished_on = models.DateTimeField(null=True, blank=True)
    match_threshold = models.FloatField(help_text="Match probability at or above which a pair is a match")
    possible_threshold = models.FloatField(help_text="Match probability at or above which a pair is a possible match")
    records_compared = models.PositiveIntegerField(default=0)
    pairs_scored = models.PositiveIntegerField(default=0)
    suggestions_made = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.started_on:%Y-%m-%d %H:%M}"


class MatchSuggestion(BaseModel):
    """A pair the matcher thinks may be the same child, with why, waiting for an officer's decision.

    ``subject`` is the record that was looked for (a roll-return pupil, or one child on a case) and
    ``candidate`` the one it may be (a child on an open case). Nothing is linked without a decision."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted: the same child"
        REJECTED = "rejected", "Rejected: not the same child"

    class Band(models.TextChoices):
        MATCH = "match", "Match"
        POSSIBLE = "possible", "Possible match"
        NO_MATCH = "no_match", "No match"

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="suggestions")
    subject = models.ForeignKey(MatchableRecord, on_delete=models.CASCADE, related_name="suggestions_as_subject")
    candidate = models.ForeignKey(MatchableRecord, on_delete=models.CASCADE, related_name="suggestions_as_candidate")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="match_suggestions")
    match_weight = models.FloatField()
    probability = models.FloatField()
    band = models.CharField(max_length=10, choices=Band.choices)
    # [{"field": "dob", "level": "exact", "weight": 6.2}, ...]: each field's part in the score.
    contributions = models.JSONField(default=list)
    auto_link_allowed = models.BooleanField(
        default=True, help_text="False when the pair looks like twins or siblings: never linked without care"
    )
    # What a person must look at even when the probability is high ("possibly twins or siblings").
    cautions = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-probability", "created_on"]
        constraints = [
            models.UniqueConstraint(fields=["run", "subject", "candidate"], name="match_suggestion_pair_unique")
        ]
        indexes = [models.Index(fields=["status", "band"], name="match_suggestion_queue_idx")]

    def __str__(self) -> str:
        return f"Suggestion {self.pk} ({self.band})"


class ChildMerge(BaseModel):
    """Two records of the same child made one: the merged child's cases moved to the kept child, and
    blanks in the kept record filled from the merged one. What moved is kept, so undoing restores it."""

    kept = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey("people.Child", on_delete=models.PROTECT, related_name="merges_merged")
    suggestion = models.ForeignKey(
        MatchSuggestion, null=True, blank=True, on_delete=models.PROTECT, related_name="merges"
    )
    reason = models.TextField(max_length=2000)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    merged_on = models.DateTimeField()
    moved_case_ids = models.JSONField(default=list)
    # {field: the kept child's value before the merge filled it}
    filled_fields = models.JSONField(default=dict)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_on = models.DateTimeField(null=True, blank=True)
    undo_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-merged_on"]

    def __str__(self) -> str:
        return f"Merge of {self.merged_id} into {self.kept_id}"
