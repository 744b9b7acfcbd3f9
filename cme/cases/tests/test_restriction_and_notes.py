"""Restricting a case, lifting it and revealing its hidden details (each with a reason), and notes,
which are never changed."""

from __future__ import annotations

import pytest

from cme.audit.models import AuditEvent
from cme.cases.models import Case, CaseNote
from cme.cases.services import (
    STALE_EDIT,
    case_note_add,
    case_restrict,
    case_restricted_details_reveal,
    case_unrestrict,
)
from cme.core.exceptions import ApplicationError, PermissionDeniedError
from cme.enquiries.tests.factories import CaseFactory


def test_restricting_a_case_keeps_the_reason_as_a_note_and_audits_no_text(cme_officer):
    case = CaseFactory.create()

    case = case_restrict(case=case, actor=cme_officer, reason="Family fleeing domestic violence.", expected_version=1)

    case.refresh_from_db()
    assert (case.restricted, case.restriction_reason, case.version) == (True, "Family fleeing domestic violence.", 2)
    [note] = CaseNote.objects.filter(case=case)
    assert (note.author, note.text) == (cme_officer, "Restricted the case: Family fleeing domestic violence.")
    [event] = AuditEvent.objects.filter(action="case_restricted")
    assert (event.actor, event.case_id, event.data) == (cme_officer, str(case.pk), {})


def test_lifting_a_restriction_needs_a_reason_and_clears_the_old_one(cme_manager):
    case = CaseFactory.create(restricted=True, restriction_reason="Family fleeing domestic violence.")

    case = case_unrestrict(case=case, actor=cme_manager, reason="Risk assessed as passed.", expected_version=1)

    case.refresh_from_db()
    assert (case.restricted, case.restriction_reason) == (False, "")
    assert list(CaseNote.objects.values_list("text", flat=True)) == ["Lifted the restriction: Risk assessed as passed."]
    assert AuditEvent.objects.filter(action="case_unrestricted", case_id=str(case.pk)).count() == 1


@pytest.mark.parametrize(
    ("restricted", "change", "message"),
    [
        (False, case_restrict, "Enter why the case must be restricted"),
        (True, case_unrestrict, "Enter why the restriction can be lifted"),
    ],
)
def test_restricting_and_lifting_need_a_reason(cme_officer, restricted, change, message):
    case = CaseFactory.create(restricted=restricted)

    with pytest.raises(ApplicationError) as refused:
        change(case=case, actor=cme_officer, reason=" ", expected_version=1)

    assert (refused.value.field, refused.value.message) == ("reason", message)
    assert (Case.objects.get(pk=case.pk).restricted, CaseNote.objects.count()) == (restricted, 0)


def test_a_stale_restriction_is_refused_with_the_message(cme_officer):
    case = CaseFactory.create(version=3)

    with pytest.raises(ApplicationError) as refused:
        case_restrict(case=case, actor=cme_officer, reason="Fleeing.", expected_version=2)

    assert refused.value.message == STALE_EDIT
    assert Case.objects.get(pk=case.pk).restricted is False


def test_a_restricted_case_cannot_be_restricted_twice(cme_officer):
    case = CaseFactory.create(restricted=True)

    with pytest.raises(ApplicationError, match=r"^This case is already restricted$"):
        case_restrict(case=case, actor=cme_officer, reason="Again.", expected_version=1)


def test_revealing_hidden_details_audits_the_users_reason(cme_manager):
    case = CaseFactory.create(restricted=True)

    case_restricted_details_reveal(case=case, actor=cme_manager, reason="  Home visit planned for tomorrow. ")

    [event] = AuditEvent.objects.filter(action="case_restricted_viewed")
    assert (event.actor, event.object_id, event.case_id, event.data) == (
        cme_manager,
        str(case.pk),
        str(case.pk),
        {"reason": "Home visit planned for tomorrow."},
    )


def test_revealing_needs_a_reason(cme_manager):
    case = CaseFactory.create(restricted=True)

    with pytest.raises(ApplicationError, match=r"^Enter why you need to see the restricted details$"):
        case_restricted_details_reveal(case=case, actor=cme_manager, reason="")

    assert AuditEvent.objects.filter(action="case_restricted_viewed").count() == 0


def test_notes_are_added_with_author_and_audited_without_their_text(cme_officer):
    case = CaseFactory.create()

    note = case_note_add(case=case, actor=cme_officer, text="  Phoned the family; no answer. ")

    assert (note.case, note.author, note.text) == (case, cme_officer, "Phoned the family; no answer.")
    [event] = AuditEvent.objects.filter(action="case_note_added")
    assert (event.object_type, event.object_id, event.case_id, event.data) == (
        "cases.casenote",
        str(note.pk),
        str(case.pk),
        {},
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "Enter the note"), ("x" * 10001, "The note must be 10,000 characters or fewer")],
)
def test_a_note_needs_text_within_the_limit(cme_officer, text, message):
    with pytest.raises(ApplicationError) as refused:
        case_note_add(case=CaseFactory.create(), actor=cme_officer, text=text)

    assert (refused.value.field, refused.value.message) == ("text", message)
    assert CaseNote.objects.count() == 0


@pytest.mark.parametrize("name", ["attendance_officer_west", "school_user", "partner_user", "auditor"])
def test_only_the_cme_team_adds_notes_or_restricts(persona, name):
    case = CaseFactory.create()
    user = persona(name)

    with pytest.raises(PermissionDeniedError):
        case_note_add(case=case, actor=user, text="A note.")
    with pytest.raises(PermissionDeniedError):
        case_restrict(case=case, actor=user, reason="Fleeing.", expected_version=1)

    assert (CaseNote.objects.count(), Case.objects.get(pk=case.pk).restricted) == (0, False)
