"""Reading for record matching: candidates for one record (blocked in the database, scored by the
engine), the review queue, suggestions on a case, roll returns and merges."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from cme.cases.models import Case
from cme.cases.states import CaseStatus
from cme.matching.adapters import record_from_index
from cme.matching.engine.blocking import KEY_NAMES, SWAPPED_KEY, blocking_keys
from cme.matching.engine.records import Record
from cme.matching.engine.scorer import Bands, Score, Scorer
from cme.matching.models import ChildMerge, MatchableRecord, MatchKey, MatchRun, MatchSuggestion, RollReturn
from cme.policy.selectors import policy_values

Source = MatchableRecord.Source

# The referrals app's open status; matching sits below it and reads its rows through the index's FK.
_REFERRAL_OPEN = "open"
# At most this many blocked rows are scored for one record (a common date of birth in a big index).
CANDIDATE_LIMIT = 500
# At most this many records are read from the blocking keys (before open ones are picked out).
BLOCK_LIMIT = 5000

FIELD_LABELS: dict[str, str] = {
    "forename": "First name",
    "surname": "Surname",
    "dob": "Date of birth",
    "sex": "Sex",
    "postcode": "Postcode",
    "address": "Address",
    "upn": "UPN",
    "nhs_number": "NHS number",
}


@lru_cache(maxsize=4)
def matching_scorer(bands: Bands) -> Scorer:
    """The trained model with ``bands``, read once per process (and per change of thresholds)."""
    return Scorer.from_model(bands=bands)


def matching_bands(*, on: date | None = None) -> Bands:
    """The thresholds in force: policy values ``matching_match_threshold`` and
    ``matching_possible_threshold`` (per cent) as match probabilities."""
    values = policy_values(on=on)  # one query for both
    match = values["matching_match_threshold"] / 100
    possible = values["matching_possible_threshold"] / 100
    return Bands(match=match, possible=min(possible, match))


# Officers read each comparison level in words.
_LEVEL_WORDS: dict[str, str] = {
    "Null": "not known on one record",
    "Exact match": "the same",
    "Jaro-Winkler >= 0.92": "very similar spelling",
    "Jaro-Winkler >= 0.8": "somewhat similar spelling",
    "All other": "different",
    "Same name (nickname)": "the same name (one is a short form of the other)",
    "One of the other record's names": "one of the other record's other or previous names",
    "Same number, street Jaro-Winkler >= 0.85": "same house number, similar street",
}


def level_in_words(level: str) -> str:
    if level in _LEVEL_WORDS:
        return _LEVEL_WORDS[level]
    return level[:1].lower() + level[1:]


@dataclass(frozen=True)
class Contribution:
    """One field's part in a score: its comparison level and its weight (log2 Bayes factor)."""

    field: str
    level: str
    weight: float

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field.replace("_", " ").capitalize())

    @property
    def direction(self) -> str:
        if self.weight >= 0.5:
            return "for"
        if self.weight <= -0.5:
            return "against"
        return "neutral"

    @property
    def words(self) -> str:
        return level_in_words(self.level)

    @property
    def description(self) -> str:
        return f"{self.label}: {self.words}"


def contributions_of(raw: Iterable[Any]) -> tuple[Contribution, ...]:
    """Contributions from the engine's tuples or from a suggestion's stored JSON."""
    found = []
    for item in raw:
        if isinstance(item, dict):
            found.append(Contribution(str(item["field"]), str(item["level"]), float(item["weight"])))
        else:
            field, level, weight = item
            found.append(Contribution(str(field), str(level), float(weight)))
    return tuple(found)


def contributions_json(score: Score) -> list[dict[str, Any]]:
    return [
        {"field": c.field, "level": c.level, "weight": round(c.weight, 3)}
        for c in contributions_of(score.contributions)
    ]


@dataclass(frozen=True)
class FoundMatch:
    """An indexed record that may be the same child as the one looked for, with why."""

    row: MatchableRecord
    probability: float
    match_weight: float
    band: str
    contributions: tuple[Contribution, ...]
    auto_link_allowed: bool
    cautions: tuple[str, ...]
    case_id: uuid.UUID | None
    case_reference: str

    @property
    def reasons(self) -> tuple[str, ...]:
        """The fields that point to the same child, strongest first."""
        ordered = sorted((c for c in self.contributions if c.direction == "for"), key=lambda c: -c.weight)
        return tuple(c.description for c in ordered)

    @property
    def against(self) -> tuple[str, ...]:
        ordered = sorted((c for c in self.contributions if c.direction == "against"), key=lambda c: c.weight)
        return tuple(c.description for c in ordered)

    @property
    def percent(self) -> int:
        return round(self.probability * 100)


def _blocked(record: Record) -> QuerySet[MatchableRecord]:
    """Records sharing a blocking key with ``record`` (through the (name, value) index of ``MatchKey``),
    or its UPN or NHS number. The phonetic surname alone is too broad to block on (the engine's rule)."""
    keys = blocking_keys(record)
    conditions = Q()
    for name in KEY_NAMES:
        if keys.get(name) and name != "surname_phonetic":
            conditions |= Q(name=name, value=keys[name])
    if keys.get(SWAPPED_KEY):
        conditions |= Q(name="dob", value=keys[SWAPPED_KEY])
    if keys.get("dob"):
        conditions |= Q(name=SWAPPED_KEY, value=keys["dob"])
    identifiers = Q()
    upn = "".join(record.upn.split()).upper()
    if upn:
        identifiers |= Q(upn=upn)
    nhs = "".join(record.nhs_number.split())
    if nhs:
        identifiers |= Q(nhs_number=nhs)
    if not conditions and not identifiers:
        return MatchableRecord.objects.none()
    # The keys first, on their own: one index search per key. Asked inside the main query, SQLite
    # prefers to walk every record of a source and test each against the keys.
    ids = (
        list(MatchKey.objects.filter(conditions).values_list("record_id", flat=True).distinct()[:BLOCK_LIMIT])
        if conditions
        else []
    )
    return MatchableRecord.objects.filter(Q(pk__in=ids) | identifiers, active=True)


def _open_cases_of_child() -> QuerySet[Case]:
    return Case.objects.filter(child=OuterRef("child")).exclude(status=CaseStatus.CLOSED).order_by("-created_on")


def _with_open_case(rows: QuerySet[MatchableRecord]) -> QuerySet[MatchableRecord]:
    open_cases = _open_cases_of_child()
    return rows.annotate(
        open_case_id=Subquery(open_cases.values("id")[:1]),
        open_case_reference=Subquery(open_cases.values("reference")[:1]),
    )


def score_rows(
    record: Record, rows: Iterable[MatchableRecord], *, bands: Bands, keep_no_match: bool = False
) -> list[FoundMatch]:
    """Score ``rows`` against ``record``; those below the possible-match threshold are left out."""
    scorer = matching_scorer(bands)
    probe = scorer.features(record)
    found = []
    for row in rows:
        score = scorer.score_rows(probe, scorer.features(record_from_index(row)))
        band = score.band
        if band == MatchSuggestion.Band.NO_MATCH and not keep_no_match:
            continue
        found.append(
            FoundMatch(
                row=row,
                probability=score.probability,
                match_weight=score.match_weight,
                band=band,
                contributions=contributions_of(score.contributions),
                auto_link_allowed=score.auto_link_allowed,
                cautions=tuple(score.cautions),
                case_id=getattr(row, "open_case_id", None),
                case_reference=getattr(row, "open_case_reference", None) or "",
            )
        )
    return sorted(found, key=lambda f: (-f.probability, str(f.row.pk)))


def candidate_rows(
    *, record: Record, exclude_referral_id: Any = None, exclude_case_id: Any = None
) -> QuerySet[MatchableRecord]:
    """The active indexed records sharing a blocking key with ``record``, each child with its newest
    open case. Driven by the primary key: which are open is decided on the rows read (``open_candidates``),
    since a condition on the source lets SQLite walk every record of that source instead."""
    rows = _with_open_case(_blocked(record))
    if exclude_referral_id is not None:
        rows = rows.exclude(referral_id=exclude_referral_id)
    if exclude_case_id is not None:
        rows = rows.exclude(child__cases__id=exclude_case_id)
    return rows.select_related("referral", "roll_pupil__roll_return__school")


def _is_open(row: MatchableRecord, *, include_roll_pupils: bool) -> bool:
    if row.source == Source.REFERRAL:
        return row.referral is not None and row.referral.status == _REFERRAL_OPEN
    if row.source == Source.CHILD:
        return getattr(row, "open_case_id", None) is not None
    return include_roll_pupils and row.source == Source.ROLL_PUPIL


def open_candidates(
    *,
    record: Record,
    exclude_referral_id: Any = None,
    exclude_case_id: Any = None,
    include_roll_pupils: bool = False,
) -> list[MatchableRecord]:
    """The candidates that are open referrals, children on open cases, or (when asked) pupils on roll
    returns, at most ``CANDIDATE_LIMIT``."""
    rows = candidate_rows(record=record, exclude_referral_id=exclude_referral_id, exclude_case_id=exclude_case_id)
    return [row for row in rows if _is_open(row, include_roll_pupils=include_roll_pupils)][:CANDIDATE_LIMIT]


def matching_find_open(
    *,
    record: Record,
    exclude_referral_id: Any = None,
    exclude_case_id: Any = None,
    include_roll_pupils: bool = False,
    bands: Bands | None = None,
) -> list[FoundMatch]:
    """Open referrals and children on open cases that may be the child ``record`` describes (and, when
    asked, pupils on schools' roll returns), each scored with its reasons, most likely first.

    Two indexed queries for the candidates (the keys, then the records), whatever the size of the index."""
    bands = bands or matching_bands()
    rows = open_candidates(
        record=record,
        exclude_referral_id=exclude_referral_id,
        exclude_case_id=exclude_case_id,
        include_roll_pupils=include_roll_pupils,
    )
    return score_rows(record, rows, bands=bands)


# The review queue and suggestions


def matching_suggestion_queue(*, status: str = MatchSuggestion.Status.PENDING) -> QuerySet[MatchSuggestion]:
    """Suggestions for officers to decide: matches before possible matches, most likely first."""
    suggestions = MatchSuggestion.objects.select_related(
        "run",
        "case",
        "case__child",
        "subject",
        "subject__roll_pupil__roll_return__school",
        "subject__child",
        "candidate",
        "decided_by",
    )
    if status:
        suggestions = suggestions.filter(status=status)
    return suggestions.order_by("band", "-probability", "created_on")


def matching_suggestion_get(*, suggestion_id: uuid.UUID) -> MatchSuggestion | None:
    return matching_suggestion_queue(status="").filter(pk=suggestion_id).first()


def matching_suggestions_for_case(case: Case) -> list[MatchSuggestion]:
    """What the case page shows about its child, in one query: pending suggestions (pupils on roll
    returns, "possibly located", and other records of the same child), and accepted ones that merged
    two records (``merge_id``, ``merge_undone_on`` annotated)."""
    merges = ChildMerge.objects.filter(suggestion=OuterRef("pk")).order_by("-merged_on")
    return list(
        matching_suggestion_queue(status="")
        .filter(case__child_id=case.child_id)
        .filter(Q(status=MatchSuggestion.Status.PENDING) | Exists(merges))
        .annotate(merge_id=Subquery(merges.values("pk")[:1]), merge_undone_on=Subquery(merges.values("undone_on")[:1]))
    )


def matching_pending_count() -> int:
    return MatchSuggestion.objects.filter(status=MatchSuggestion.Status.PENDING).count()


def roll_returns_recent(*, limit: int = 20) -> QuerySet[RollReturn]:
    return RollReturn.objects.select_related("school", "uploaded_by", "match_run").order_by("-uploaded_on")[:limit]


def roll_return_get(*, roll_return_id: uuid.UUID) -> RollReturn | None:
    return RollReturn.objects.select_related("school", "uploaded_by", "match_run").filter(pk=roll_return_id).first()


def match_runs_recent(*, kind: str, limit: int = 5) -> QuerySet[MatchRun]:
    return MatchRun.objects.filter(kind=kind).select_related("started_by").order_by("-started_on")[:limit]


def child_merge_get(*, merge_id: uuid.UUID) -> ChildMerge | None:
    return ChildMerge.objects.select_related("kept", "merged", "merged_by", "undone_by").filter(pk=merge_id).first()
