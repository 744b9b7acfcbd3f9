"""Two records of one child: found by the check for children recorded twice, merged when an officer
accepts, and unmerged exactly, with every step audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import TestCase

from cme.audit.models import AuditEvent
from cme.core.exceptions import ApplicationError
from cme.matching.models import ChildMerge, MatchableRecord, MatchSuggestion
from cme.matching.services import (
    child_merge,
    child_merge_undo,
    match_run_child_duplicates_start,
    match_suggestion_decide,
)
from cme.matching.tests.data import a_case

pytestmark = pytest.mark.django_db


def two_records_of_one_child() -> tuple:
    older = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7), upn="")
    newer = a_case(forenames="Ada", surname="Example", date_of_birth=date(2015, 3, 7), upn="P207000016049")
    return older, newer


def check_for_duplicates(actor) -> list[MatchSuggestion]:
    with TestCase.captureOnCommitCallbacks(execute=True):
        match_run_child_duplicates_start(actor=actor)
    return list(MatchSuggestion.objects.filter(run__kind="child_duplicates"))


def test_the_check_suggests_the_newer_record_is_the_older_one(persona):
    older, newer = two_records_of_one_child()
    a_case(forenames="Someone", surname="Else", date_of_birth=date(2013, 1, 1), postcode="SG1 1AA")

    [suggestion] = check_for_duplicates(persona("cme_officer_west"))

    assert (suggestion.subject.child, suggestion.candidate.child, suggestion.case) == (newer.child, older.child, older)
    assert suggestion.band == "match"


def test_a_second_check_does_not_suggest_a_waiting_pair_again(persona):
    two_records_of_one_child()
    officer = persona("cme_officer_west")

    check_for_duplicates(officer)
    suggestions = check_for_duplicates(officer)

    assert len(suggestions) == 1


def test_accepting_merges_the_records_and_undo_restores_them(persona):
    officer = persona("cme_officer_west")
    older, newer = two_records_of_one_child()
    [suggestion] = check_for_duplicates(officer)
    newer_child = newer.child

    match_suggestion_decide(suggestion=suggestion, actor=officer, accept=True, note="Same child, two referrals.")

    merge = ChildMerge.objects.get()
    newer.refresh_from_db()
    older.child.refresh_from_db()
    assert (merge.kept, merge.merged, merge.suggestion, merge.reason) == (
        older.child,
        newer_child,
        suggestion,
        "Same child, two referrals.",
    )
    assert newer.child == older.child
    assert merge.moved_case_ids == [str(newer.pk)]
    assert merge.filled_fields == {"upn": ""}
    assert older.child.upn == "P207000016049"
    assert MatchableRecord.objects.get(child=merge.merged).active is False

    child_merge_undo(actor=officer, merge=merge, reason="Accepted by mistake.")

    newer.refresh_from_db()
    older.child.refresh_from_db()
    merge.refresh_from_db()
    assert newer.child == merge.merged
    assert older.child.upn == ""
    assert (merge.undone_by, merge.undo_reason) == (officer, "Accepted by mistake.")
    assert MatchableRecord.objects.get(child=merge.merged).active is True
    assert MatchSuggestion.objects.get().status == "rejected"
    assert [e.action for e in AuditEvent.objects.filter(object_type="matching.childmerge").order_by("id")] == [
        "child_records_merged",
        "child_merge_undone",
    ]
    assert AuditEvent.objects.filter(action="child_records_merged").get().case_id == str(newer.pk)


def test_undo_keeps_a_detail_changed_since_the_merge(persona):
    officer = persona("cme_officer_west")
    older, newer = two_records_of_one_child()
    merge = child_merge(actor=officer, kept=older.child, merged=newer.child, reason="Same child.")
    kept = older.child
    kept.refresh_from_db()
    kept.upn = "B801200005001"
    kept.save()

    child_merge_undo(actor=officer, merge=merge, reason="Wrong child.")

    kept.refresh_from_db()
    assert kept.upn == "B801200005001"


def test_a_merge_is_undone_once_and_a_record_merged_once(persona):
    officer = persona("cme_officer_west")
    older, newer = two_records_of_one_child()
    merge = child_merge(actor=officer, kept=older.child, merged=newer.child, reason="Same child.")

    with pytest.raises(ApplicationError) as twice:
        child_merge(actor=officer, kept=older.child, merged=newer.child, reason="Again.")
    with pytest.raises(ApplicationError) as no_reason:
        child_merge_undo(actor=officer, merge=merge, reason=" ")
    child_merge_undo(actor=officer, merge=merge, reason="Wrong child.")
    with pytest.raises(ApplicationError) as undone:
        child_merge_undo(actor=officer, merge=merge, reason="Again.")

    assert twice.value.message == "One of these records has already been merged into another one"
    assert no_reason.value.message == "Say why the merge is being undone"
    assert undone.value.message == "This merge has already been undone"
