"""The stage tables in cme/legal/stages.py and docs/legal-interventions.md are the same, and every
step has its guard and its form."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from cme.legal.forms import STEP_FIELDS
from cme.legal.services import ESO_GUARDS, SAO_GUARDS
from cme.legal.stages import ESO_STEPS, SAO_STEPS, EsoStatus, LegalRegime, SaoStatus, Step

DOC = Path(settings.BASE_DIR) / "docs" / "legal-interventions.md"

WHO = {"cme.work_legal": "Officer or manager", "cme.issue_legal_notices": "Manager or authorised officer"}


def table(steps: tuple[Step, ...], labels: type) -> str:
    lines = [
        "| Step | From | To | Who | Legal basis | Letter issued |",
        "|---|---|---|---|---|---|",
    ]
    for step in steps:
        sources = ", ".join(labels(source).label for source in step.sources)
        target = labels(step.target).label if step.target else "(unchanged)"
        lines.append(
            f"| {step.action} | {sources} | {target} | {WHO[step.permission]} | "
            f"{step.basis_for(LegalRegime.EA1996)} | {step.letter or '-'} |"
        )
    return "\n".join(lines)


def test_the_sao_table_in_the_docs_is_the_one_in_the_code():
    assert table(SAO_STEPS, SaoStatus) in DOC.read_text()


def test_the_eso_table_in_the_docs_is_the_one_in_the_code():
    assert table(ESO_STEPS, EsoStatus) in DOC.read_text()


def test_every_step_has_a_guard_and_a_form():
    assert set(SAO_GUARDS) == {step.slug for step in SAO_STEPS} == set(STEP_FIELDS["sao"])
    assert set(ESO_GUARDS) == {step.slug for step in ESO_STEPS} == set(STEP_FIELDS["eso"])


def test_every_step_that_issues_a_letter_records_its_service_and_needs_the_issuing_permission():
    for step in (*SAO_STEPS, *ESO_STEPS):
        if step.letter:
            assert step.served, step.slug
            assert step.permission == "cme.issue_legal_notices", step.slug
            assert "method_of_service" in STEP_FIELDS["sao" if step in SAO_STEPS else "eso"][step.slug].fields
