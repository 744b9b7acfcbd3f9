"""The lifecycle table: docs/case-lifecycle.md shows exactly cme/cases/states.py, and the service
enforces it for every pair of states and every role."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from cme.accounts.roles import ROLE_PERMISSIONS, Role
from cme.cases.models import Case, CaseStatusChange, CmeInterval
from cme.cases.services import case_open, case_transition
from cme.cases.states import TRANSITIONS, CaseStatus, InvalidTransitionError, transition_for
from cme.core.exceptions import ApplicationError, PermissionDeniedError

DOC = Path(settings.BASE_DIR) / "docs" / "case-lifecycle.md"


def _doc_transitions() -> set[tuple[str, str, str, str]]:
    rows = set()
    in_table = False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| From | To | Action | Permission |"):
            in_table = True
            continue
        if in_table and line.startswith("|---"):
            continue
        if in_table and line.startswith("|"):
            source, target, action, permission = (cell.strip() for cell in line.strip("|").split("|"))
            rows.add((source, target, action, permission.strip("`")))
        elif in_table:
            break
    return rows


def test_the_document_lists_exactly_the_transitions_in_states_py():
    in_code = {(t.source.label, t.target.label, t.action, t.permission.value) for t in TRANSITIONS}
    assert _doc_transitions() == in_code


def test_the_document_names_every_state():
    text = DOC.read_text(encoding="utf-8")
    for state in CaseStatus:
        assert f"| {state.label} |" in text


@pytest.mark.parametrize(("source", "target"), list(itertools.product(CaseStatus, CaseStatus)))
def test_transition_for_allows_exactly_the_table(source, target):
    allowed = {(t.source, t.target) for t in TRANSITIONS}
    if (source, target) in allowed:
        assert transition_for(source=source, target=target).target == target
    else:
        with pytest.raises(InvalidTransitionError):
            transition_for(source=source, target=target)


def _case_in(status: CaseStatus, actor) -> Case:
    case = case_open(
        actor=actor,
        forenames="Test",
        surname="Child",
        date_of_birth=date(2015, 5, 1),
        cme_from=date(2026, 9, 1),
        area=None,
    )
    Case.objects.filter(pk=case.pk).update(status=status)
    return Case.objects.get(pk=case.pk)


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.source}->{t.target}")
@pytest.mark.parametrize("role", list(Role))
def test_each_transition_needs_its_permission(transition, role, persona, db):
    manager = persona("cme_manager")
    case = _case_in(transition.source, manager)
    user = persona(
        {Role.CME_OFFICER: "cme_officer_west", Role.ATTENDANCE_OFFICER: "attendance_officer_west"}.get(role, role.value)
    )
    if transition.permission in ROLE_PERMISSIONS[role]:
        moved = case_transition(case=case, target=transition.target, actor=user, reason="Because")
        assert moved.status == transition.target
        assert CaseStatusChange.objects.filter(case=case, to_status=transition.target, changed_by=user).count() == 1
    else:
        with pytest.raises(PermissionDeniedError):
            case_transition(case=case, target=transition.target, actor=user, reason="Because")
        assert Case.objects.get(pk=case.pk).status == transition.source


def test_a_transition_outside_the_table_changes_nothing(persona):
    manager = persona("cme_manager")
    case = _case_in(CaseStatus.OPEN, manager)

    with pytest.raises(InvalidTransitionError, match="cannot be moved to"):
        case_transition(case=case, target=CaseStatus.MANAGER_REVIEW, actor=manager, reason="Skip ahead")

    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN
    assert CaseStatusChange.objects.filter(case=case).count() == 1  # only "opened"


def test_a_reason_is_required(persona):
    manager = persona("cme_manager")
    case = _case_in(CaseStatus.OPEN, manager)

    with pytest.raises(ApplicationError, match="Give the reason"):
        case_transition(case=case, target=CaseStatus.ENQUIRIES, actor=manager, reason="  ")


def test_a_stale_version_is_refused_and_nothing_changes(persona):
    manager = persona("cme_manager")
    case = _case_in(CaseStatus.OPEN, manager)
    case_transition(case=case, target=CaseStatus.ENQUIRIES, actor=manager, reason="Start", expected_version=1)

    with pytest.raises(ApplicationError, match="Someone else changed this case"):
        case_transition(case=case, target=CaseStatus.NOT_LOCATED, actor=manager, reason="Stale", expected_version=1)

    assert Case.objects.get(pk=case.pk).status == CaseStatus.ENQUIRIES


def test_cme_intervals_end_when_located_and_restart_when_returned(persona):
    manager = persona("cme_manager")
    case = _case_in(CaseStatus.OPEN, manager)
    case_transition(case=case, target=CaseStatus.ENQUIRIES, actor=manager, reason="Start", today=date(2026, 9, 2))
    case_transition(case=case, target=CaseStatus.LOCATED, actor=manager, reason="Found", today=date(2026, 9, 20))

    assert Case.objects.get(pk=case.pk).cme_until == date(2026, 9, 20)

    case_transition(case=case, target=CaseStatus.ENQUIRIES, actor=manager, reason="Not there", today=date(2026, 10, 5))

    intervals = list(CmeInterval.objects.filter(case=case).values_list("start", "end"))
    assert intervals == [(date(2026, 9, 1), date(2026, 9, 20)), (date(2026, 10, 5), None)]
    assert Case.objects.get(pk=case.pk).cme_until is None
