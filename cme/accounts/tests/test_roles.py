"""docs/permissions.md must show exactly what cme/accounts/roles.py grants: adding a permission or
changing a role fails here until the document says the same."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from cme.accounts.roles import AREA_ROLES, ORGANISATION_KIND_FOR_ROLE, ROLE_PERMISSIONS, Role, permissions_for
from cme.core.permissions import Perm

DOC = Path(settings.BASE_DIR) / "docs" / "permissions.md"


def _tables(markdown: str) -> list[list[list[str]]]:
    """Every pipe table in the document, as rows of cells (the |---| line left out)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not all(set(cell) <= set("-: ") for cell in cells):
                current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def _table_headed(first_cell: str) -> list[list[str]]:
    [table] = [t for t in _tables(DOC.read_text(encoding="utf-8")) if t[0][0] == first_cell]
    return table


def _perm(cell: str) -> Perm:
    return Perm(cell.strip("`"))


def test_the_doc_matrix_is_the_role_permission_table():
    header, *rows = _table_headed("Role")
    perms = [_perm(cell) for cell in header[1:]]
    documented = {row[0]: {perm for perm, cell in zip(perms, row[1:], strict=True) if cell == "yes"} for row in rows}
    other_marks = {cell for row in rows for cell in row[1:]} - {"yes", ""}

    assert sorted(perms) == sorted(Perm), "docs/permissions.md needs one column per permission"
    assert other_marks == set(), "cells are 'yes' or blank"
    assert documented == {role.label: set(ROLE_PERMISSIONS[role]) for role in Role}


def test_the_doc_describes_every_permission_as_the_code_does():
    _header, *rows = _table_headed("Permission")

    assert {_perm(cell): description for cell, description in rows} == {perm: perm.description for perm in Perm}


def test_every_role_has_a_permission_set_and_an_organisation_kind():
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert set(ORGANISATION_KIND_FOR_ROLE) == set(Role)


def test_only_cme_officers_and_attendance_duty_officers_work_for_an_area():
    assert sorted(AREA_ROLES) == [Role.ATTENDANCE_OFFICER, Role.CME_OFFICER]


def test_an_unknown_role_has_no_permissions():
    assert permissions_for("head_teacher") == frozenset()


def test_the_table_parser_reads_blank_cells_and_ignores_the_rule_line():
    markdown = "| Role | `a` |\n|---|---|\n| X | yes |\n| Y |  |\n"

    assert _tables(markdown) == [[["Role", "`a`"], ["X", "yes"], ["Y", ""]]]
