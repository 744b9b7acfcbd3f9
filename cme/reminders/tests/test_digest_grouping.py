"""How the daily digest groups a day's deadlines for each user (no database needed for the items)."""

from __future__ import annotations

from datetime import date

import pytest

from cme.calendars.due import DueItem
from cme.reminders.services import digest_sections

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 27)


def item(what: str, state: str, *, officer: int | None, area: str | None = "west", escalated: bool = False) -> DueItem:
    return DueItem(
        what=what,
        due=DAY,
        url=f"/cases/{what}/",
        case_reference=f"C-{what}",
        area_name={"west": "West", "east": "East", None: ""}[area],
        area_id=area,
        officer_id=officer,
        officer_name="" if officer is None else f"Officer {officer}",
        state=state,  # type: ignore[arg-type]
        kind="review",
        escalated=escalated,
    )


OTHER = 900_001  # a user id no test persona has


def items(*, me: int) -> list[DueItem]:
    return [
        item("mine-overdue", "overdue", officer=me, escalated=True),
        item("mine-today", "due_today", officer=me),
        item("mine-at-risk", "at_risk", officer=me),
        item("mine-later", "later", officer=me),
        item("theirs-overdue", "overdue", officer=OTHER, escalated=True),
        item("unheld-west", "overdue", officer=None),
        item("unheld-nowhere", "due_today", officer=None, area=None),
        item("unheld-east", "overdue", officer=None, area="east"),
        item("unheld-later", "at_risk", officer=None),
    ]


def titles_and_items(sections):
    return [(section.title, [i.what for i in section.items]) for section in sections]


def test_an_officer_gets_their_own_work_by_state_and_their_areas_unheld_work(persona):
    officer = persona("cme_officer_west")
    assert titles_and_items(digest_sections(user=officer, items=items(me=officer.pk))) == [
        ("Overdue", ["mine-overdue"]),
        ("Due today", ["mine-today"]),
        ("At risk: due within days", ["mine-at-risk"]),
        ("Nobody holds these yet: overdue or due today", ["unheld-west", "unheld-nowhere"]),
    ]


def test_a_manager_gets_every_areas_unheld_work_and_what_is_beyond_the_escalation_margin(persona):
    manager = persona("cme_manager")

    assert titles_and_items(digest_sections(user=manager, items=items(me=OTHER + 1))) == [
        ("Nobody holds these yet: overdue or due today", ["unheld-west", "unheld-nowhere", "unheld-east"]),
        ("Overdue beyond the escalation margin, held by others", ["mine-overdue", "theirs-overdue"]),
    ]


def test_someone_with_nothing_to_do_gets_no_sections(persona):
    officer = persona("cme_officer_east")

    assert digest_sections(user=officer, items=[item("theirs", "overdue", officer=OTHER)]) == []
