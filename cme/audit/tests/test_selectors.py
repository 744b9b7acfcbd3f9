"""access_log_for, audit_trail_search and keyset pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cme.audit.events import AuditAction
from cme.audit.models import AuditEvent
from cme.audit.selectors import access_log_for, audit_page, audit_trail_search

pytestmark = pytest.mark.django_db

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _event(at: datetime, action: AuditAction = AuditAction.RECORD_VIEWED, **fields) -> AuditEvent:
    # Inserting is all the audit table allows; tests insert directly to control the time.
    fields.setdefault("object_type", "accounts.user")
    fields.setdefault("object_id", "42")
    return AuditEvent.objects.create(occurred_at=at, action=str(action), **fields)


def test_access_log_lists_only_reads_of_that_record_newest_first(persona):
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    first = _event(MORNING, AuditAction.USER_VIEWED, actor=officer)
    second = _event(MORNING + timedelta(hours=1), AuditAction.RECORD_VIEWED, actor=manager)
    _event(MORNING + timedelta(hours=2), AuditAction.USER_CHANGED, actor=manager)
    _event(MORNING + timedelta(hours=3), AuditAction.USER_VIEWED, actor=manager, object_id="43")
    _event(MORNING + timedelta(hours=4), AuditAction.USER_VIEWED, actor=manager, object_type="schools.school")

    log = access_log_for(object_type="accounts.user", object_id="42")

    assert [(e.pk, e.actor) for e in log] == [(second.pk, manager), (first.pk, officer)]


def test_trail_search_by_day_includes_both_whole_days_in_local_time():
    # 2 and 3 March 2026 in Europe/London (GMT): from 00:00 on the 2nd to 23:59:59 on the 3rd.
    _event(datetime(2026, 3, 1, 23, 59, 59, tzinfo=UTC), request_id="before")
    _event(datetime(2026, 3, 2, 0, 0, tzinfo=UTC), request_id="first-moment")
    _event(datetime(2026, 3, 3, 23, 59, 59, tzinfo=UTC), request_id="last-moment")
    _event(datetime(2026, 3, 4, 0, 0, tzinfo=UTC), request_id="after")

    found = audit_trail_search(occurred_from=date(2026, 3, 2), occurred_to=date(2026, 3, 3))

    assert [e.request_id for e in found] == ["last-moment", "first-moment"]


def test_trail_search_by_day_follows_british_summer_time():
    # 1 July 2026 in London starts at 23:00 UTC on 30 June.
    _event(datetime(2026, 6, 30, 22, 59, tzinfo=UTC), request_id="30-june-local")
    _event(datetime(2026, 6, 30, 23, 0, tzinfo=UTC), request_id="1-july-local")

    found = audit_trail_search(occurred_from=date(2026, 7, 1), occurred_to=date(2026, 7, 1))

    assert [e.request_id for e in found] == ["1-july-local"]


def test_trail_search_by_actor_email_ignores_case_and_spaces(persona):
    officer, manager = persona("cme_officer_west"), persona("cme_manager")
    mine = _event(MORNING, actor=officer)
    _event(MORNING, actor=manager)
    _event(MORNING, actor=None)

    found = audit_trail_search(actor_email=f"  {officer.email.upper()} ")

    assert [e.pk for e in found] == [mine.pk]


def test_trail_search_combines_every_filter_given():
    wanted = _event(MORNING, AuditAction.MAILBOX_CHANGED, object_type="organisations.mailbox", request_id="req-1")
    _event(MORNING, AuditAction.MAILBOX_CHANGED, object_type="organisations.mailbox", request_id="req-2")
    _event(MORNING, AuditAction.RECORD_VIEWED, object_type="organisations.mailbox", request_id="req-1")
    _event(MORNING, AuditAction.MAILBOX_CHANGED, object_type="accounts.user", request_id="req-1")

    found = audit_trail_search(
        action="mailbox_changed", object_type="organisations.mailbox", object_id="42", request_id="req-1"
    )

    assert [e.pk for e in found] == [wanted.pk]


def test_trail_search_without_filters_returns_everything_newest_first():
    older = _event(MORNING)
    newer = _event(MORNING + timedelta(seconds=1))
    same_time_later_id = _event(MORNING + timedelta(seconds=1))

    assert [e.pk for e in audit_trail_search()] == [same_time_later_id.pk, newer.pk, older.pk]


def test_pages_walk_older_then_back_newer():
    # Seven events, three at the same moment: ties are broken by id, so none is lost or repeated.
    times = [MORNING, MORNING, MORNING, *(MORNING + timedelta(minutes=n) for n in range(1, 5))]
    ids = [_event(at).pk for at in times]
    newest_first = list(reversed(ids))
    events = audit_trail_search()

    first = audit_page(events, size=3)
    second = audit_page(events, before=first.older_than, size=3)
    third = audit_page(events, before=second.older_than, size=3)
    back = audit_page(events, after=third.newer_than, size=3)

    assert [e.pk for e in first.events] == newest_first[0:3]
    assert (first.newer_than, first.older_than) == (None, newest_first[2])
    assert [e.pk for e in second.events] == newest_first[3:6]
    assert (second.newer_than, second.older_than) == (newest_first[3], newest_first[5])
    assert [e.pk for e in third.events] == newest_first[6:7]
    assert (third.newer_than, third.older_than) == (newest_first[6], None)
    assert [e.pk for e in back.events] == newest_first[3:6]
    assert (back.newer_than, back.older_than) == (newest_first[3], newest_first[5])


def test_a_page_of_newer_events_reaching_the_newest_has_no_newer_link():
    ids = [_event(MORNING + timedelta(minutes=n)).pk for n in range(4)]

    page = audit_page(audit_trail_search(), after=ids[1], size=3)

    assert [e.pk for e in page.events] == [ids[3], ids[2]]
    assert (page.newer_than, page.older_than) == (None, ids[2])


def test_an_unknown_cursor_gives_the_first_page():
    ids = [_event(MORNING + timedelta(minutes=n)).pk for n in range(2)]

    page = audit_page(audit_trail_search(), before=999_999, size=3)

    assert [e.pk for e in page.events] == [ids[1], ids[0]]
    assert (page.newer_than, page.older_than) == (None, None)
