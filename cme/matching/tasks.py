"""Background jobs for record matching. Thin: each loads by id and calls one service."""

from __future__ import annotations

from django_tasks import task

from cme.matching.services import match_run_child_duplicates, match_run_failed, match_run_roll_return


@task()
def match_roll_return(*, run_id: str) -> int:
    """Match a roll return's pupils against the children on open cases; returns the suggestions made."""
    try:
        return match_run_roll_return(run_id=run_id).suggestions_made
    except Exception:
        match_run_failed(run_id=run_id)
        raise


@task()
def match_child_duplicates(*, run_id: str) -> int:
    """Match the children on open cases against each other; returns the suggestions made."""
    try:
        return match_run_child_duplicates(run_id=run_id).suggestions_made
    except Exception:
        match_run_failed(run_id=run_id)
        raise
