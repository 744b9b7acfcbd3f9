"""Writes for record matching: keeping the index current, roll returns and their batch runs,
officers' decisions on suggestions, and reversible merges of two records of the same child."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Exists, Field, OuterRef
from django.utils import timezone

from cme.audit.events import AuditAction
from cme.audit.services import audit_record
from cme.cases.models import Case
from cme.cases.services.notes import case_note_add
from cme.cases.states import CaseStatus
from cme.core.exceptions import ApplicationError
from cme.matching.adapters import (
    index_values,
    record_from_child,
    record_from_index,
    record_from_pupil,
    record_from_referral,
)
from cme.matching.engine.blocking import KEY_NAMES, SWAPPED_KEY, blocking_keys
from cme.matching.engine.records import Record
from cme.matching.engine.scorer import Bands
from cme.matching.models import (
    ChildMerge,
    MatchableRecord,
    MatchKey,
    MatchRun,
    MatchSuggestion,
    RollReturn,
    RollReturnPupil,
)
from cme.matching.roll_files import MAX_FILE_BYTES, PupilRow, read_roll_csv, read_roll_ctf
from cme.matching.selectors import contributions_json, matching_bands, matching_scorer
from cme.people.models import Child
from cme.schools.models import School

Source = MatchableRecord.Source
Band = MatchSuggestion.Band

# The index ------------------------------------------------------------------------------------------


def _keys(row: MatchableRecord, record: Record) -> list[MatchKey]:
    return [
        MatchKey(record=row, name=name[:30], value=value[:60]) for name, value in blocking_keys(record).items() if value
    ]


def _index(*, source: str, source_id: Any, record: Record, **links: Any) -> MatchableRecord:
    row, _created = MatchableRecord.objects.update_or_create(
        source=source, source_id=source_id, defaults={**index_values(record), **links}
    )
    MatchKey.objects.filter(record=row).delete()
    MatchKey.objects.bulk_create(_keys(row, record))
    return row


def matching_index_child(*, child: Child) -> MatchableRecord:
    """Index (or re-index) a child on a case. Call it whenever a child is recorded or changed."""
    return _index(source=Source.CHILD, source_id=child.pk, record=record_from_child(child), child=child)


def matching_index_referral(*, referral: Any) -> MatchableRecord:
    """Index (or re-index) the child a referral describes (``cme.referrals.models.Referral``)."""
    return _index(
        source=Source.REFERRAL, source_id=referral.pk, record=record_from_referral(referral), referral=referral
    )


def _index_pupils(pupils: Sequence[RollReturnPupil]) -> list[MatchableRecord]:
    records = [record_from_pupil(pupil) for pupil in pupils]
    rows = MatchableRecord.objects.bulk_create(
        [
            MatchableRecord(source=Source.ROLL_PUPIL, source_id=pupil.pk, roll_pupil=pupil, **index_values(record))
            for pupil, record in zip(pupils, records, strict=True)
        ],
        batch_size=500,
    )
    keys = [key for row, record in zip(rows, records, strict=True) for key in _keys(row, record)]
    MatchKey.objects.bulk_create(keys, batch_size=1000)
    return rows


@transaction.atomic
def matching_index_rebuild(*, actor: Any = None) -> dict[str, int]:
    """Fill the index afresh from every child, referral and roll-return pupil (``rebuild_match_index``).
    Rows of merged children stay inactive."""
    merged_ids = set(ChildMerge.objects.filter(undone_on__isnull=True).values_list("merged_id", flat=True))
    counts = {"children": 0, "referrals": 0, "pupils": 0}
    for child in Child.objects.iterator(chunk_size=500):
        row = matching_index_child(child=child)
        if child.pk in merged_ids and row.active:
            MatchableRecord.objects.filter(pk=row.pk).update(active=False)
        counts["children"] += 1
    # Referrals sit above matching in the layers: read through the app registry, never imported.
    referral_model = apps.get_model("referrals", "Referral")
    for referral in referral_model.objects.iterator(chunk_size=500):
        matching_index_referral(referral=referral)
        counts["referrals"] += 1
    indexed_pupils = MatchableRecord.objects.filter(roll_pupil=OuterRef("pk"))
    missing = list(RollReturnPupil.objects.filter(~Exists(indexed_pupils)))
    _index_pupils(missing)
    counts["pupils"] = RollReturnPupil.objects.count()
    audit_record(actor=actor, action=AuditAction.MATCH_INDEX_REBUILT, data=counts)
    return counts


# Roll returns ---------------------------------------------------------------------------------------


@transaction.atomic
def roll_return_upload(*, actor: Any, school: School, kind: str, file_name: str, content: bytes) -> RollReturn:
    """Record a school's roll or new-pupil return and queue it to be matched against open cases."""
    if kind not in RollReturn.Kind.values:
        raise ApplicationError("Select what the file holds", field="kind")
    if not content:
        raise ApplicationError("The selected file is empty", field="file")
    if len(content) > MAX_FILE_BYTES:
        raise ApplicationError("The file must be smaller than 5 MB", field="file")
    lowered = file_name.lower()
    if lowered.endswith(".csv"):
        file_format, rows = RollReturn.Format.CSV, read_roll_csv(content, school_urn=school.urn)
    elif lowered.endswith(".xml") or content.lstrip()[:5] == b"<?xml":
        file_format, rows = RollReturn.Format.CTF, read_roll_ctf(content, school_urn=school.urn)
    else:
        raise ApplicationError("The selected file must be a CSV or a common transfer file (XML)", field="file")
    now = timezone.now()
    roll_return = RollReturn.objects.create(
        school=school,
        kind=kind,
        file_format=file_format,
        file_name=file_name[:200],
        uploaded_by=actor,
        uploaded_on=now,
        pupil_count=len(rows),
        created_by=actor,
        modified_by=actor,
    )
    pupils = RollReturnPupil.objects.bulk_create([_pupil(roll_return, row) for row in rows], batch_size=500)
    _index_pupils(pupils)
    bands = matching_bands()
    run = MatchRun.objects.create(
        kind=MatchRun.Kind.ROLL_RETURN,
        roll_return=roll_return,
        started_by=actor,
        started_on=now,
        match_threshold=bands.match,
        possible_threshold=bands.possible,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.ROLL_RETURN_UPLOADED,
        target=roll_return,
        data={"school_urn": school.urn, "pupils": len(rows), "format": file_format, "run": str(run.pk)},
    )
    _enqueue_after_commit("match_roll_return", run)
    return roll_return


def _pupil(roll_return: RollReturn, row: PupilRow) -> RollReturnPupil:
    return RollReturnPupil(
        roll_return=roll_return,
        row_number=row.row_number,
        pupil_reference=row.pupil_reference,
        forenames=row.forenames,
        other_names=row.other_names,
        surname=row.surname,
        date_of_birth=row.date_of_birth,
        sex=row.sex,
        postcode=row.postcode,
        address=row.address,
        upn=row.upn,
    )


def _enqueue_after_commit(task_name: str, run: MatchRun) -> None:
    from cme.matching import tasks  # tasks import this module

    run_id = str(run.pk)
    job = getattr(tasks, task_name)
    transaction.on_commit(lambda: job.enqueue(run_id=run_id))


def _open_case_children() -> dict[uuid.UUID, tuple[MatchableRecord, Case]]:
    """Index rows of the children on open cases, each with its newest open case."""
    open_cases = Case.objects.exclude(status=CaseStatus.CLOSED).order_by("created_on")
    case_of_child = {case.child_id: case for case in open_cases}
    rows = MatchableRecord.objects.filter(source=Source.CHILD, active=True, child_id__in=list(case_of_child))
    return {row.pk: (row, case_of_child[row.child_id]) for row in rows if row.child_id is not None}


_NOT_LOOKED_UP = ("surname_phonetic", SWAPPED_KEY)


def _candidate_pairs(left: list[Record], right: list[Record]) -> set[tuple[int, int]]:
    """Pairs (left index, right index) sharing a blocking key (the engine's rules, in memory), or a
    UPN or NHS number."""
    by_key: dict[tuple[str, str], list[int]] = {}

    def keys_of(record: Record) -> dict[str, str]:
        keys = {name: value for name, value in blocking_keys(record).items() if name in KEY_NAMES}
        keys.update(upn="".join(record.upn.split()).upper(), nhs_number="".join(record.nhs_number.split()))
        keys[SWAPPED_KEY] = blocking_keys(record).get(SWAPPED_KEY, "")
        return keys

    for j, record in enumerate(right):
        for name, value in keys_of(record).items():
            if value and name != "surname_phonetic":
                by_key.setdefault((name, value), []).append(j)
    pairs: set[tuple[int, int]] = set()
    for i, record in enumerate(left):
        keys = keys_of(record)
        lookups = [
            (name, value) for name, value in keys.items() if value and name not in ("surname_phonetic", SWAPPED_KEY)
        ]
        if keys.get(SWAPPED_KEY):
            lookups.append(("dob", keys[SWAPPED_KEY]))
        if keys.get("dob"):
            lookups.append((SWAPPED_KEY, keys["dob"]))
        for key in lookups:
            pairs.update((i, j) for j in by_key.get(key, ()))
    return pairs


def _suggest(
    *,
    run: MatchRun,
    bands: Bands,
    left: Iterable[MatchableRecord],
    right: dict[uuid.UUID, tuple[MatchableRecord, Case]],
    same_list: bool = False,
) -> MatchRun:
    """Score every blocked pair between ``left`` and the children on open cases (``right``) and keep
    each match or possible match as a suggestion on the child's case."""
    left_rows = list(left)
    right_rows = [row for row, _case in right.values()]
    scorer = matching_scorer(bands)
    left_records = [record_from_index(row) for row in left_rows]
    right_records = [record_from_index(row) for row in right_rows]
    left_features = [scorer.features(record) for record in left_records]
    right_features = [scorer.features(record) for record in right_records]
    pairs = _candidate_pairs(left_records, right_records)
    suggestions = []
    scored = 0
    for i, j in sorted(pairs):
        subject, candidate = left_rows[i], right_rows[j]
        if same_list:
            # Each pair once; the older record is the one kept, so it is the candidate.
            if subject.pk == candidate.pk or subject.child_id == candidate.child_id:
                continue
            if (subject.created_on, str(subject.pk)) < (candidate.created_on, str(candidate.pk)):
                continue
        score = scorer.score_rows(left_features[i], right_features[j])
        scored += 1
        if score.band == Band.NO_MATCH:
            continue
        suggestions.append(
            MatchSuggestion(
                run=run,
                subject=subject,
                candidate=candidate,
                case=right[candidate.pk][1],
                match_weight=score.match_weight,
                probability=score.probability,
                band=score.band,
                contributions=contributions_json(score),
                auto_link_allowed=score.auto_link_allowed,
                cautions=list(score.cautions),
            )
        )
    MatchSuggestion.objects.bulk_create(suggestions, ignore_conflicts=True)
    run.status = MatchRun.Status.DONE
    run.finished_on = timezone.now()
    run.records_compared = len(left_rows) + (0 if same_list else len(right_rows))
    run.pairs_scored = scored
    run.suggestions_made = len(suggestions)
    run.save(
        update_fields=["status", "finished_on", "records_compared", "pairs_scored", "suggestions_made", "modified_on"]
    )
    return run


@transaction.atomic
def match_run_roll_return(*, run_id: Any) -> MatchRun:
    """Match a roll return's pupils against the children on open cases; each likely pair becomes a
    "possibly located" suggestion on the case. Safe to run twice: a finished run is left alone."""
    run = MatchRun.objects.select_for_update().get(pk=run_id)
    if run.status != MatchRun.Status.WAITING or run.roll_return is None:
        return run
    roll_return = run.roll_return
    pupils = MatchableRecord.objects.filter(source=Source.ROLL_PUPIL, roll_pupil__roll_return=roll_return)
    run = _suggest(
        run=run,
        bands=Bands(match=run.match_threshold, possible=run.possible_threshold),
        left=pupils,
        right=_open_case_children(),
    )
    RollReturn.objects.filter(pk=roll_return.pk).update(status=RollReturn.Status.MATCHED, modified_on=timezone.now())
    audit_record(
        actor=run.started_by,
        action=AuditAction.ROLL_RETURN_MATCHED,
        target=roll_return,
        data={"run": str(run.pk), "pairs": run.pairs_scored, "suggestions": run.suggestions_made},
    )
    return run


@transaction.atomic
def match_run_failed(*, run_id: Any) -> None:
    """Record that a run's job failed, so its roll return does not wait for ever: upload it again."""
    run = MatchRun.objects.select_for_update().get(pk=run_id)
    if run.status != MatchRun.Status.WAITING:
        return
    run.status = MatchRun.Status.FAILED
    run.finished_on = timezone.now()
    run.error = "The matching job failed; upload the file again"
    run.save(update_fields=["status", "finished_on", "error", "modified_on"])
    if run.roll_return_id is not None:
        RollReturn.objects.filter(pk=run.roll_return_id).update(
            status=RollReturn.Status.FAILED, modified_on=timezone.now()
        )


@transaction.atomic
def match_run_child_duplicates_start(*, actor: Any) -> MatchRun:
    """Queue a check of the children on open cases against each other, to find two records of one child."""
    if MatchRun.objects.filter(kind=MatchRun.Kind.CHILD_DUPLICATES, status=MatchRun.Status.WAITING).exists():
        raise ApplicationError("A check for children recorded twice is already running")
    bands = matching_bands()
    run = MatchRun.objects.create(
        kind=MatchRun.Kind.CHILD_DUPLICATES,
        started_by=actor,
        started_on=timezone.now(),
        match_threshold=bands.match,
        possible_threshold=bands.possible,
        created_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CHILD_DUPLICATES_CHECKED, target=run)
    _enqueue_after_commit("match_child_duplicates", run)
    return run


@transaction.atomic
def match_run_child_duplicates(*, run_id: Any) -> MatchRun:
    run = MatchRun.objects.select_for_update().get(pk=run_id)
    if run.status != MatchRun.Status.WAITING:
        return run
    children = _open_case_children()
    already = MatchSuggestion.objects.filter(
        run__kind=MatchRun.Kind.CHILD_DUPLICATES, status__in=[MatchSuggestion.Status.PENDING]
    ).values_list("subject_id", "candidate_id")
    pending = {frozenset(pair) for pair in already}
    run = _suggest(
        run=run,
        bands=Bands(match=run.match_threshold, possible=run.possible_threshold),
        left=[row for row, _case in children.values()],
        right=children,
        same_list=True,
    )
    # A pair already waiting for a decision from an earlier check is not suggested twice.
    duplicates = [s.pk for s in run.suggestions.all() if frozenset((s.subject_id, s.candidate_id)) in pending]
    if duplicates:
        MatchSuggestion.objects.filter(pk__in=duplicates).delete()
        run.suggestions_made -= len(duplicates)
        run.save(update_fields=["suggestions_made", "modified_on"])
    return run


# Decisions ------------------------------------------------------------------------------------------


@transaction.atomic
def match_suggestion_decide(
    *, suggestion: MatchSuggestion, actor: Any, accept: bool, note: str = "", merge_reason: str = ""
) -> MatchSuggestion:
    """An officer's decision on a suggestion. Accepting a roll-return pupil notes on the case that the
    child may be on that school's roll; accepting a child recorded twice merges the two records (undo
    with ``child_merge_undo``)."""
    suggestion = MatchSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status != MatchSuggestion.Status.PENDING:
        raise ApplicationError("This suggestion has already been decided")
    note = note.strip()
    if len(note) > 2000:
        raise ApplicationError("The note must be 2,000 characters or fewer", field="note")
    if not accept and not note:
        raise ApplicationError("Say why this is not the same child", field="note")
    suggestion.status = MatchSuggestion.Status.ACCEPTED if accept else MatchSuggestion.Status.REJECTED
    suggestion.decided_by = actor
    suggestion.decided_on = timezone.now()
    suggestion.decision_note = note
    suggestion.modified_by = actor
    suggestion.save()
    subject = MatchableRecord.objects.select_related("roll_pupil__roll_return__school", "child").get(
        pk=suggestion.subject_id
    )
    candidate = MatchableRecord.objects.select_related("child").get(pk=suggestion.candidate_id)
    if accept and subject.source == Source.ROLL_PUPIL and subject.roll_pupil is not None:
        roll_return = subject.roll_pupil.roll_return
        school = roll_return.school
        uploaded = timezone.localdate(roll_return.uploaded_on)
        case_note_add(
            case=suggestion.case,
            actor=actor,
            text=(
                f"Possibly located: {school.name} (URN {school.urn}) lists this child on the roll return "
                f"uploaded on {uploaded:%-d %B %Y} (match probability {round(suggestion.probability * 100)}%). "
                f"Confirm with the school, then record where the child was found.{' ' + note if note else ''}"
            ),
        )
    if accept and subject.source == Source.CHILD and subject.child and candidate.child:
        child_merge(
            actor=actor,
            kept=candidate.child,
            merged=subject.child,
            reason=merge_reason or note or "Accepted as the same child from the record-matching review queue",
            suggestion=suggestion,
        )
    audit_record(
        actor=actor,
        action=AuditAction.MATCH_SUGGESTION_ACCEPTED if accept else AuditAction.MATCH_SUGGESTION_REJECTED,
        target=suggestion,
        case_id=str(suggestion.case_id),
        data={"band": suggestion.band, "probability": round(suggestion.probability, 4), "run": str(suggestion.run_id)},
    )
    return suggestion


# Merging two records of one child -------------------------------------------------------------------

# Fields of the kept record that a merge fills when they are blank and the merged record has them.
MERGE_FILLS: tuple[str, ...] = (
    "other_names",
    "date_of_birth",
    "upn",
    "nhs_number",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
)


def _blank(value: Any) -> bool:
    return value in (None, "")


def _stored(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _fill_blanks(kept: Child, merged: Child) -> dict[str, Any]:
    """Fill the kept record's blanks from the merged one; returns {field: the kept record's value before}."""
    filled: dict[str, Any] = {}
    for name in MERGE_FILLS:
        if _blank(getattr(kept, name)) and not _blank(getattr(merged, name)):
            filled[name] = _stored(getattr(kept, name))
            setattr(kept, name, getattr(merged, name))
    if kept.sex == "U" and merged.sex in ("M", "F"):
        filled["sex"] = kept.sex
        kept.sex = merged.sex
    if kept.district_id is None and merged.district_id is not None:
        filled["district_id"] = None
        kept.district_id = merged.district_id
    return filled


@transaction.atomic
def child_merge(
    *, actor: Any, kept: Child, merged: Child, reason: str, suggestion: MatchSuggestion | None = None
) -> ChildMerge:
    """Make two records of one child one: the merged child's cases move to the kept child, and blanks
    in the kept record are filled from the merged one (sex too, when the kept record does not know it).
    Everything moved is kept on the ``ChildMerge`` so that ``child_merge_undo`` restores it."""
    if kept.pk == merged.pk:
        raise ApplicationError("A record cannot be merged with itself")
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Say why these are the same child", field="reason")
    kept = Child.objects.select_for_update().get(pk=kept.pk)
    merged = Child.objects.select_for_update().get(pk=merged.pk)
    if ChildMerge.objects.filter(merged__in=[merged, kept], undone_on__isnull=True).exists():
        raise ApplicationError("One of these records has already been merged into another one")
    moved = [str(pk) for pk in Case.objects.filter(child=merged).values_list("pk", flat=True)]
    filled = _fill_blanks(kept, merged)
    if filled:
        kept.modified_by = actor
        kept.save()
    Case.objects.filter(pk__in=moved).update(child=kept, modified_on=timezone.now())
    merge = ChildMerge.objects.create(
        kept=kept,
        merged=merged,
        suggestion=suggestion,
        reason=reason,
        merged_by=actor,
        merged_on=timezone.now(),
        moved_case_ids=moved,
        filled_fields=filled,
        created_by=actor,
    )
    MatchableRecord.objects.filter(source=Source.CHILD, child=merged).update(active=False)
    matching_index_child(child=kept)
    for case_id in moved or [""]:
        audit_record(
            actor=actor,
            action=AuditAction.CHILD_RECORDS_MERGED,
            target=merge,
            case_id=case_id,
            data={"kept": str(kept.pk), "merged": str(merged.pk), "fields": sorted(filled)},
        )
    return merge


@transaction.atomic
def child_merge_undo(*, actor: Any, merge: ChildMerge, reason: str) -> ChildMerge:
    """Undo a merge: the cases it moved go back to the merged child, and the kept record's filled
    fields return to what they were, unless someone has changed them since."""
    merge = ChildMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_on is not None:
        raise ApplicationError("This merge has already been undone")
    reason = reason.strip()
    if not reason:
        raise ApplicationError("Say why the merge is being undone", field="reason")
    kept = Child.objects.select_for_update().get(pk=merge.kept_id)
    merged = Child.objects.get(pk=merge.merged_id)
    restored = []
    for name, before in merge.filled_fields.items():
        current = getattr(kept, name)
        if _stored(current) == _stored(getattr(merged, name)):
            field = Child._meta.get_field(name.removesuffix("_id"))
            value = field.to_python(before) if before is not None and isinstance(field, Field) else before
            setattr(kept, name, value)
            restored.append(name)
    if restored:
        kept.modified_by = actor
        kept.save()
    Case.objects.filter(pk__in=merge.moved_case_ids, child=kept).update(child=merged, modified_on=timezone.now())
    merge.undone_by = actor
    merge.undone_on = timezone.now()
    merge.undo_reason = reason
    merge.save(update_fields=["undone_by", "undone_on", "undo_reason", "modified_on"])
    MatchableRecord.objects.filter(source=Source.CHILD, child=merged).update(active=True)
    matching_index_child(child=kept)
    matching_index_child(child=merged)
    if merge.suggestion_id is not None:
        MatchSuggestion.objects.filter(pk=merge.suggestion_id).update(
            status=MatchSuggestion.Status.REJECTED,
            decided_by=actor,
            decided_on=timezone.now(),
            decision_note=f"Merge undone: {reason}"[:2000],
        )
    for case_id in merge.moved_case_ids or [""]:
        audit_record(
            actor=actor,
            action=AuditAction.CHILD_MERGE_UNDONE,
            target=merge,
            case_id=case_id,
            data={"kept": str(kept.pk), "merged": str(merged.pk), "restored": sorted(restored)},
        )
    return merge
