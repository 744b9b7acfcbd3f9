"""The audit vocabulary: every action can be shown to a person."""

from __future__ import annotations

from cme.audit.events import OBJECT_TYPE_LABELS, READ_ACTIONS, AuditAction, action_sentence, object_type_label


def test_every_action_has_a_sentence():
    assert [action for action in AuditAction if not action.sentence.strip()] == []


def test_no_two_actions_share_a_sentence():
    sentences = [action.sentence for action in AuditAction]

    assert sorted({s for s in sentences if sentences.count(s) > 1}) == []


def test_looking_at_the_audit_is_not_a_read_of_the_record_it_is_about():
    assert {AuditAction.USER_VIEWED, AuditAction.RECORD_VIEWED} <= READ_ACTIONS
    assert (AuditAction.ACCESS_LOG_VIEWED.is_read, AuditAction.AUDIT_TRAIL_SEARCHED.is_read) == (False, False)


def test_a_stored_action_no_longer_in_the_vocabulary_is_shown_as_stored():
    assert action_sentence("login") == "Signed in"
    assert action_sentence("retired_action") == "retired_action"


def test_object_types_have_human_labels_where_known():
    assert object_type_label("accounts.user") == "User account"
    assert object_type_label("schools.school") == "School"
    assert object_type_label("unknown.thing") == "unknown.thing"
    assert all(label and label[0].isupper() for label in OBJECT_TYPE_LABELS.values())
